import type { Caller, Role } from '../../shared/roles'

/** The screen the Electron main process opened a window as: a user signing in there must fit it. */
export interface ScreenBinding {
  readonly role: Role
  readonly doctorId?: number
}

/**
 * One window or socket, as the transports see it: who is signed in on it now. Auth handlers
 * change it through this interface (sign in, lock, sign out) and the transport reads `caller`
 * for every call and event, so a login binds a user to this connection only.
 */
export interface Connection {
  readonly kind: 'window' | 'socket'
  /** Where it comes from: a socket's remote address, or "window#<id>". Part of the audit label. */
  readonly origin: string
  /** Electron only: the role (and doctor) the main process gave the window. */
  readonly screen?: ScreenBinding
  readonly caller: Caller
  /** While the screen is locked: the user who must unlock it. */
  readonly lockedCaller?: Caller
  signIn(caller: Caller): void
  lock(): void
  signOut(): void
}

/** The guest caller of a connection: what it is before anyone signs in, and after sign-out. */
export const guestOf = (origin: string, screen?: ScreenBinding): Caller => ({
  role: 'guest',
  label: screen ? `${screen.role}@${origin} (signed out)` : `guest@${origin}`,
})

/** The usual Connection: plain state, owned by a transport. */
export class ConnectionSession implements Connection {
  readonly kind: 'window' | 'socket'
  readonly origin: string
  readonly screen?: ScreenBinding
  #caller: Caller
  #locked: Caller | undefined

  constructor(options: { kind: 'window' | 'socket'; origin: string; screen?: ScreenBinding }) {
    this.kind = options.kind
    this.origin = options.origin
    this.screen = options.screen
    this.#caller = guestOf(this.origin, this.screen)
  }

  get caller(): Caller {
    return this.#caller
  }
  get lockedCaller(): Caller | undefined {
    return this.#locked
  }
  signIn(caller: Caller): void {
    this.#caller = caller
    this.#locked = undefined
  }
  lock(): void {
    if (this.#caller.role === 'guest') return
    this.#locked = this.#caller
    this.#caller = { role: 'guest', label: `${this.#caller.label} (locked)` }
  }
  signOut(): void {
    this.#caller = guestOf(this.origin, this.screen)
    this.#locked = undefined
  }
}

/**
 * After an account was deactivated, re-roled or given a new secret (staff.changed with
 * signOut), every window or socket where it is signed in or locked goes back to signed out.
 */
export function signOutRevoked(
  connections: Iterable<Connection>,
  event: string,
  payload: unknown,
): void {
  if (event !== 'staff.changed') return
  const { staffIds, signOut } = payload as { staffIds: readonly number[]; signOut: boolean }
  if (!signOut) return
  for (const c of connections) {
    const ids = [c.caller.staffId, c.lockedCaller?.staffId]
    if (ids.some((id) => id !== undefined && staffIds.includes(id))) c.signOut()
  }
}
