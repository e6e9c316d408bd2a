import { afterEach, expect, test } from 'vitest'
import { seedDemoAccounts } from '../../src/main/services/demo/accounts'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

forEachEngine(() => {
  test('--demo on a clinic without accounts makes an admin, a desk and one account per doctor, once', async () => {
    host = await makeTestHost({ demo: true })
    const made = await seedDemoAccounts(host.client)
    const { doctors } = await host.must(ADMIN, 'directory.get', {})
    expect(made).toEqual(['admin', 'desk', ...doctors.map((d) => `doctor${d.id}`)])
    const staff = await host.must(ADMIN, 'staff.list', {})
    const doctorAccounts = staff.filter((s) => s.role === 'doctor')
    expect(doctorAccounts.map((s) => s.doctorId).sort()).toEqual(doctors.map((d) => d.id).sort())
    expect(await seedDemoAccounts(host.client)).toEqual([])
  })
})
