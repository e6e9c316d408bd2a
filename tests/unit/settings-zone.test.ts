import { afterEach, expect, test } from 'vitest'
import { countRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, manualClock, RECEPTION, type TestHost } from '../helpers/test-host'

// Issue 12 part 5: the clinic's zone is validated, audited, and moves "today".

let host: TestHost | undefined
afterEach(() => host?.dispose())

const auditCount = (h: TestHost): Promise<number> => countRows(h, 'audit_log')

forEachEngine(() => {
  test('an unknown zone → INVALID_INPUT on timeZone with its reason, and nothing written', async () => {
    host = await makeTestHost()
    const before = await auditCount(host)
    const result = await host.call(ADMIN, 'settings.update', { timeZone: 'Mars/Olympus_Mons' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'timeZone', reason: 'unknownZone' },
    })
    expect(await auditCount(host)).toBe(before)
    expect((await host.must(RECEPTION, 'settings.get', {})).settings.timeZone).toBe('Asia/Shanghai')
    // Too long for the contract: refused by the schema, on the same field.
    expect(await host.call(ADMIN, 'settings.update', { timeZone: 'x'.repeat(65) })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'timeZone',
        reason: 'tooLong',
        details: { limit: 64 },
      },
    })
  })

  test('a new zone is audited with before and after, and "today" follows it', async () => {
    // 23:30 UTC on 30 Nov: already 1 Dec in Shanghai, still 30 Nov in London.
    host = await makeTestHost({ clock: manualClock('2026-11-30T23:30:00Z') })
    expect((await host.must(RECEPTION, 'settings.get', {})).today).toBe('2026-12-01')
    await host.must(ADMIN, 'settings.update', { timeZone: 'Europe/London' })
    expect((await host.must(RECEPTION, 'settings.get', {})).today).toBe('2026-11-30')
    const [row] = (await host.must(ADMIN, 'audit.list', { action: 'settings.update' })).rows
    expect(row).toMatchObject({
      entity: 'settings',
      before: { timeZone: 'Asia/Shanghai' },
      after: { timeZone: 'Europe/London' },
    })
  })
})
