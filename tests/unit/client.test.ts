import { afterEach, expect, test } from 'vitest'
import { CallFailed } from '../../src/main/host/client'
import { SYSTEM_CALLERS } from '../../src/main/host/system-callers'
import { ADMIN, doctorCaller, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

test("the host's client goes through the dispatcher: the caller it names is authorized and the input validated like a socket's", async () => {
  host = await makeTestHost()
  expect(await host.client.call(doctorCaller(1), 'staff.list', {})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
  expect(await host.client.call(RECEPTION, 'departments.create', { name: '' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
  expect(await host.client.call(ADMIN, 'departments.create', { name: '' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', field: 'name' },
  })
  // The result is the method's own type: no cast needed to read it.
  const made = await host.client.call(SYSTEM_CALLERS.demoLoader, 'departments.create', {
    name: '内科',
  })
  expect(made.ok && made.value.name).toBe('内科')
})

test('must returns the value, or throws CallFailed carrying the method and the typed error', async () => {
  host = await makeTestHost()
  const { id } = await host.client.must(ADMIN, 'departments.create', { name: '内科' })
  const again = host.client.must(ADMIN, 'departments.create', { name: '内科' })
  await expect(again).rejects.toBeInstanceOf(CallFailed)
  await expect(again).rejects.toMatchObject({
    method: 'departments.create',
    error: { code: 'CONFLICT' },
  })
  expect((await host.client.must(ADMIN, 'directory.get', {})).departments.map((d) => d.id)).toEqual(
    [id],
  )
})
