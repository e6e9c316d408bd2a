import type { AuthStatus, SignedInUser } from '../../../shared/contract'
import type { Caller } from '../../../shared/roles'
import type { Connection } from '../../host/connection'
import type { ReadDb } from '../../db/write'
import { authSettings } from './settings'

/** What auth.status answers for a connection (or, for a host-internal call, for a caller). */
export async function statusOf(
  read: ReadDb,
  view: { caller: Caller; lockedCaller?: Caller; connection?: Connection },
  tokens: { resumeToken?: string | null; deviceToken?: string | null } = {},
): Promise<AuthStatus> {
  const settings = await authSettings(read)
  const anyone = await read.selectFrom('staff').select('id').limit(1).executeTakeFirst()
  const { caller, lockedCaller } = view
  const staffId = lockedCaller?.staffId ?? caller.staffId
  const user = staffId === undefined ? null : await signedInUser(read, staffId)
  const signedIn = caller.role !== 'guest'
  const screen = view.connection?.screen
  return {
    setupNeeded: anyone === undefined,
    state: lockedCaller ? 'locked' : signedIn ? 'signed-in' : 'signed-out',
    user,
    role: caller.role === 'guest' ? null : caller.role,
    doctorId: signedIn ? (caller.doctorId ?? null) : null,
    screen: screen ? { role: screen.role, doctorId: screen.doctorId ?? null } : null,
    idleLockMinutes: settings.idleLockMinutes,
    displayWithoutLogin: settings.displayWithoutLogin,
    clinicName: settings.clinicName,
    resumeToken: tokens.resumeToken ?? null,
    deviceToken: tokens.deviceToken ?? null,
  }
}

async function signedInUser(read: ReadDb, staffId: number): Promise<SignedInUser | null> {
  const row = await read
    .selectFrom('staff')
    .select(['id', 'name', 'username', 'role', 'doctor_id', 'secret_kind'])
    .where('id', '=', staffId)
    .executeTakeFirst()
  if (!row) return null
  return {
    staffId: row.id,
    name: row.name,
    username: row.username,
    role: row.role,
    doctorId: row.doctor_id,
    secretKind: row.secret_kind,
  }
}
