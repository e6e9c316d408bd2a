import { sql } from 'kysely'
import { afterEach, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost
afterEach(() => host?.dispose())

async function someHistory(): Promise<void> {
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  await host.must(ADMIN, 'departments.update', { id: dept.id, name: '普通内科', active: true })
  await host.must(ADMIN, 'rooms.create', { name: '1诊室' })
  await host.must(RECEPTION, 'patients.register', { name: '张三', sex: 'M' })
}

/** Runs raw SQL past the services, straight on the host's write connection (either engine). */
const raw = (statement: string): Promise<unknown> =>
  sql.raw(statement).execute(host.database.units.db)

forEachEngine((engine) => {
  test('every change is in the chain, and the chain verifies', async () => {
    host = await makeTestHost()
    await someHistory()
    expect(await host.must(ADMIN, 'audit.verify', {})).toEqual({
      ok: true,
      checked: 4,
      firstBrokenId: null,
    })
    const page = await host.must(ADMIN, 'audit.list', { limit: 2 })
    expect(page.rows.map((r) => r.action)).toEqual(['patients.register', 'rooms.create'])
    const rest = await host.must(ADMIN, 'audit.list', { limit: 2, cursor: page.nextCursor ?? 0 })
    expect(rest).toMatchObject({
      rows: [
        { action: 'departments.update', before: { name: '内科' }, after: { name: '普通内科' } },
        { action: 'departments.create' },
      ],
      nextCursor: null,
    })
    expect((await host.must(ADMIN, 'audit.list', { action: 'departments.' })).rows).toHaveLength(2)
    expect((await host.must(ADMIN, 'audit.list', { actor: 'desk' })).rows).toHaveLength(1)
    expect((await host.must(ADMIN, 'audit.list', { actor: '%' })).rows).toHaveLength(0)
    expect(
      (
        await host.must(ADMIN, 'audit.list', {
          entity: 'room',
          from: '2000-01-01',
          to: '2999-12-31',
        })
      ).rows,
    ).toHaveLength(1)
  })

  test('the table refuses UPDATE and DELETE, whatever code runs', async () => {
    host = await makeTestHost()
    await someHistory()
    await expect(raw("update audit_log set actor = 'someone else' where id = 2")).rejects.toThrow(
      /append-only/,
    )
    await expect(raw('delete from audit_log where id = 2')).rejects.toThrow(/append-only/)
    expect(await host.must(ADMIN, 'audit.verify', {})).toMatchObject({ ok: true })
  })

  test.each([
    [
      'a changed value',
      "update audit_log set after = replace(after, '普通内科', '外科') where id = 2",
      2,
    ],
    ['a changed actor', "update audit_log set actor = 'nobody' where id = 3", 3],
    ['a removed row', 'delete from audit_log where id = 2', 3],
    ['a rewritten hash', "update audit_log set hash = '00' || substr(hash, 3) where id = 1", 1],
    ['a row moved out of order', 'update audit_log set id = 99 where id = 1', 2],
  ])(
    'verify finds %s (tampered with the trigger dropped)',
    async (_what, tamper, firstBrokenId) => {
      host = await makeTestHost()
      await someHistory()
      // PostgreSQL names a trigger within its table.
      const on = engine === 'postgres' ? ' on audit_log' : ''
      await raw(`drop trigger audit_log_no_update${on}`)
      await raw(`drop trigger audit_log_no_delete${on}`)
      await raw(tamper)
      expect(await host.must(ADMIN, 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenId })
    },
  )
})
