import { afterEach, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

forEachEngine(() => {
  test('an admin adds a department and a doctor; reception reads them', async () => {
    host = await makeTestHost()
    const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
    const doc = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: dept.id })
    const dir = await host.must(RECEPTION, 'directory.get', {})
    expect(dir.doctors).toEqual([{ ...doc, title: '' }])
  })
})
