import type { TestHost } from './test-host'
import { ADMIN } from './test-host'

/** Every test account signs in with this secret. */
export const TEST_SECRET = 'test-secret-1'
/** The accounts startTestBrowserHost seeds: one per role that a person has. */
export const TEST_USERS = { admin: 'admin', reception: 'desk' } as const
export const doctorUsername = (doctorId: number): string => `doctor${doctorId}`

/** Seeds the admin and reception accounts (idempotent per host). */
export async function seedStaff(host: TestHost): Promise<void> {
  const existing = new Set((await host.must(ADMIN, 'staff.list', {})).map((s) => s.username))
  if (!existing.has(TEST_USERS.admin))
    await host.must(ADMIN, 'staff.create', {
      name: '测试管理员',
      username: TEST_USERS.admin,
      role: 'admin',
      secret: TEST_SECRET,
    })
  if (!existing.has(TEST_USERS.reception))
    await host.must(ADMIN, 'staff.create', {
      name: '测试挂号员',
      username: TEST_USERS.reception,
      role: 'reception',
      secret: TEST_SECRET,
    })
}

/** The account bound to this doctor, created on first use (the doctor must exist). */
export async function ensureDoctorAccount(host: TestHost, doctorId: number): Promise<string> {
  const username = doctorUsername(doctorId)
  const existing = (await host.must(ADMIN, 'staff.list', {})).find((s) => s.username === username)
  if (!existing)
    await host.must(ADMIN, 'staff.create', {
      name: `医生${doctorId}`,
      username,
      role: 'doctor',
      doctorId,
      secret: TEST_SECRET,
    })
  return username
}
