import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

/**
 * exports.appointments through the real dispatcher: one appointment of a patient with an ID
 * number, on a real SQLite file; the file handed back is read back independently.
 */
let host: TestHost

beforeAll(async () => {
  host = await makeTestHost()
  const db = host.database.sqlite
  const now = '2026-01-01T00:00:00.000Z'
  db.transaction(() => {
    db.prepare("INSERT INTO departments (name, created_at) VALUES ('内科', ?)").run(now)
    db.prepare("INSERT INTO doctors (name, department_id, created_at) VALUES ('李医生', 1, ?)").run(
      now,
    )
    db.prepare(
      "INSERT INTO patients (name, sex, id_number, created_at, updated_at) VALUES ('张三', 'U', '110101199003071234', ?, ?)",
    ).run(now, now)
    db.prepare(
      `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status)
       VALUES (1, 1, '2026-03-02', '08:00', '08:30', 9, 1, 0, 0, 'AVAILABLE')`,
    ).run()
    db.prepare(
      `INSERT INTO appointments (id, slot_id, doctor_id, date, patient_id, queue_no, source, status, cancel_reason, call_order,
         created_by, created_at, updated_at) VALUES (1, 1, 1, '2026-03-02', 1, 1, 'PHONE', 'COMPLETED', NULL, 0, 'test', ?, ?)`,
    ).run(now, now)
  })()
})
afterAll(async () => host?.dispose())

const exportAudits = async () =>
  (await host.must(ADMIN, 'audit.list', { action: 'exports.appointments' })).rows
const auditCount = (): number =>
  (host.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
const text = (b64: string | null): string => Buffer.from(b64 ?? '', 'base64').toString('utf8')

test('masked by default: the file comes back whole, the ID number masked, no audit row, nothing left on the host', async () => {
  const before = auditCount()
  const out = await host.must(ADMIN, 'exports.appointments', {
    from: '2026-03-01',
    to: '2026-03-31',
    format: 'csv',
    language: 'en',
  })
  expect(out.rows).toBe(1)
  expect(out.fileName).toMatch(/^appointments_2026-03-01_2026-03-31_\d{8}T\d{6}Z_[0-9a-f]{8}\.csv$/)
  const csv = text(out.contentBase64)
  expect(Buffer.from(out.contentBase64 ?? '', 'base64').length).toBe(out.bytes)
  expect(csv.split('\r\n')).toHaveLength(3) // header, one record, the final CRLF
  expect(csv).toContain('110101********1234')
  expect(csv).not.toContain('110101199003071234')
  expect(auditCount()).toBe(before)
  expect(readdirSync(join(host.dataDir, 'exports'))).toEqual([])
})

test('unmasked: full ID numbers, audited exactly once with who, range and format', async () => {
  const out = await host.must(ADMIN, 'exports.appointments', {
    from: '2026-03-01',
    to: '2026-03-31',
    format: 'xlsx',
    language: 'zh-CN',
    unmasked: true,
  })
  const book = new ExcelJS.Workbook()
  // Written back to a file of its own and read by exceljs's reader, as Excel would open it.
  const file = join(host.dataDir, 'read-back.xlsx')
  writeFileSync(file, Buffer.from(out.contentBase64 ?? '', 'base64'))
  await book.xlsx.readFile(file)
  const values = book.worksheets[0]!.getRow(2).values as unknown[]
  expect(values).toContain('110101199003071234')
  const audits = await exportAudits()
  expect(audits).toHaveLength(1)
  expect(audits[0]).toMatchObject({
    entity: 'export',
    actor: ADMIN.label,
    after: {
      kind: 'appointments',
      from: '2026-03-01',
      to: '2026-03-31',
      doctorId: null,
      format: 'xlsx',
      unmasked: true,
    },
  })
})

test('admin only: reception is FORBIDDEN and nothing is written', async () => {
  const before = auditCount()
  expect(
    await host.call(RECEPTION, 'exports.appointments', {
      from: '2026-03-01',
      to: '2026-03-31',
      format: 'csv',
      language: 'en',
      unmasked: true,
    }),
  ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(auditCount()).toBe(before)
})

test.each([
  [{ from: '2026-03-31', to: '2026-03-01', format: 'csv', language: 'en' }, 'to'],
  [{ from: '2026-03-01', to: '2036-03-31', format: 'csv', language: 'en' }, 'to'],
  [{ from: '2026-03-01', to: '2026-03-31', format: 'pdf', language: 'en' }, 'format'],
  [{ from: '2026-03-01', to: '2026-03-31', format: 'csv', language: 'fr' }, 'language'],
  [{ from: '2026-03-01', to: '2026-03-31', format: 'csv', language: 'en', path: '/tmp/x' }, ''],
  [{ from: '2026-02-30', to: '2026-03-31', format: 'csv', language: 'en', unmasked: true }, 'from'],
])('bad input %j: INVALID_INPUT on %s, no audit row, no file', async (input, field) => {
  const before = auditCount()
  const result = await host.call(ADMIN, 'exports.appointments', input as never)
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  if (field && !result.ok) expect(JSON.stringify(result.error)).toContain(field)
  expect(auditCount()).toBe(before)
  const folder = join(host.dataDir, 'exports')
  expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([])
})
