import type { Caller } from '../../../shared/roles'
import type { Dispatch } from '../../host/dispatcher'

/** The one password of the demo accounts: printed by the host when it makes them. Demo mode only. */
export const DEMO_PASSWORD = 'demo-clinic'

const DEMO_ADMIN: Caller = { role: 'admin', label: 'demo-loader' }

/**
 * With --demo on a database that has no account yet: an admin, a desk and one account per doctor,
 * so a newcomer can open every screen at once instead of meeting the first-run wizard.
 * Returns the user names made (none when any account already exists).
 */
export async function seedDemoAccounts(dispatch: Dispatch): Promise<string[]> {
  const existing = await dispatch(DEMO_ADMIN, 'staff.list', {})
  if (!existing.ok || (existing.value as unknown[]).length > 0) return []
  const directory = await dispatch(DEMO_ADMIN, 'directory.get', {})
  const doctors = directory.ok
    ? (directory.value as { doctors: { id: number; name: string }[] }).doctors
    : []
  const accounts = [
    { name: '管理员', username: 'admin', role: 'admin' as const, doctorId: null },
    { name: '挂号员', username: 'desk', role: 'reception' as const, doctorId: null },
    ...doctors.map((d) => ({
      name: d.name,
      username: `doctor${d.id}`,
      role: 'doctor' as const,
      doctorId: d.id,
    })),
  ]
  const made: string[] = []
  for (const account of accounts) {
    const result = await dispatch(DEMO_ADMIN, 'staff.create', { ...account, secret: DEMO_PASSWORD })
    if (!result.ok) throw new Error(`Demo accounts: ${account.username}: ${result.error.message}`)
    made.push(account.username)
  }
  return made
}
