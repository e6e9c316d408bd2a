import { session } from 'electron'
import { lockDown } from './window-policy'

/** Session-wide rules: no permission is ever granted, and every response carries our CSP (see window-policy.ts). */
export function lockDownSession(): void {
  lockDown(session.defaultSession)
}
