import type { Client } from '../../host/client'
import { SYSTEM_CALLERS } from '../../host/system-callers'

/** The one password of the demo accounts: printed by the host when it makes them. Demo mode only. */
export const DEMO_PASSWORD = 'demo-clinic'

const DEMO_ADMIN = SYSTEM_CALLERS.demoLoader

/**
 * With --demo on a database that has no account yet: an admin, a desk and one account per doctor,
 * so a newcomer can open every screen at once instead of meeting the first-run wizard.
 * Returns the user names made (none when any account already exists).
 */
export async function seedDemoAccounts(client: Client): Promise<string[]> {
  const existing = await client.call(DEMO_ADMIN, 'staff.list', {})
  if (!existing.ok || existing.value.length > 0) return []
  const directory = await client.call(DEMO_ADMIN, 'directory.get', {})
  const doctors = directory.ok ? directory.value.doctors : []
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
    await client.must(DEMO_ADMIN, 'staff.create', { ...account, secret: DEMO_PASSWORD })
    made.push(account.username)
  }
  return made
}
