import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { keyNamer, reportTable } from '../../src/main/services/exports/report-tables'
import {
  ExportCanceled,
  exportAppointments,
  exportRecords,
} from '../../src/main/services/exports/run'
import { APPOINTMENT_COLUMNS } from '../../src/shared/export-columns'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * The appointment export on a clinic built by hand, read back from the file. Expected rows are
 * written out below from the table, not by running SQL.
 *
 *  id  table    doctor  day    patient                   status
 *  1   live     1       03-02  P1 张三 110101199003071234   COMPLETED
 *  2   live     2       03-03  P2 =HYPERLINK("x")        CANCELED 'a,"b"'
 *  3   live     1       03-20  P1 (outside the range)
 *  4   live     2       03-05  P3 (no ID number)         NO_SHOW
 *  10  archive  1       03-01  P3                        COMPLETED
 *  11  archive  2       02-01  P2 (outside the range)
 */
let host: TestHost

function build(h: TestHost): void {
  const db = h.database.sqlite
  const now = '2026-01-01T00:00:00.000Z'
  db.transaction(() => {
    db.prepare("INSERT INTO departments (name, created_at) VALUES ('内科', ?)").run(now)
    for (const name of ['李医生', '王医生'])
      db.prepare('INSERT INTO doctors (name, department_id, created_at) VALUES (?, 1, ?)').run(
        name,
        now,
      )
    const patient = db.prepare(
      "INSERT INTO patients (name, sex, id_number, created_at, updated_at) VALUES (?, 'U', ?, ?, ?)",
    )
    patient.run('张三', '110101199003071234', now, now)
    patient.run('=HYPERLINK("x")', '110101198001011111', now, now)
    patient.run('李四', null, now, now)
    db.prepare(
      `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, quota, booked, walk_in_reserved, walk_ins, status)
       VALUES (1, 1, '2026-03-02', '08:00', '08:30', 9, 3, 0, 0, 'AVAILABLE')`,
    ).run()
    const live = db.prepare(
      `INSERT INTO appointments (id, slot_id, doctor_id, date, patient_id, queue_no, source, status, cancel_reason, call_order,
         created_by, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, 'PHONE', ?, ?, 0, 'test', ?, ?)`,
    )
    live.run(1, 1, '2026-03-02', 1, 1, 'COMPLETED', null, now, now)
    live.run(2, 2, '2026-03-03', 2, 1, 'CANCELED', 'a,"b"', now, now)
    live.run(3, 1, '2026-03-20', 1, 2, 'COMPLETED', null, now, now)
    live.run(4, 2, '2026-03-05', 3, 2, 'NO_SHOW', null, now, now)
    const archived = db.prepare(
      `INSERT INTO appointments_archive (id, slot_id, doctor_id, date, start_time, end_time, patient_id, queue_no, source, status,
         chief_complaint, skip_count, created_by, created_at, updated_at, archived_at)
       VALUES (?, 1, ?, ?, '08:00', '08:30', ?, 1, 'WALK_IN', 'COMPLETED', '', 0, 'test', ?, ?, ?)`,
    )
    archived.run(10, 1, '2026-03-01', 3, now, now, now)
    archived.run(11, 2, '2026-02-01', 2, now, now, now)
  })()
}

/** RFC 4180 read back, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  expect(cell).toBe('') // the last record ends in CRLF too
  return rows
}

const range = { from: '2026-03-01', to: '2026-03-15', doctorIds: null, unmasked: false }
const ADMIN_ROWS = [
  ['2026-03-01', '李医生', '内科', '1', 'WALK_IN', 'COMPLETED', '李四', '', '', '', '', '', '1'],
  [
    '2026-03-02',
    '李医生',
    '内科',
    '1',
    'PHONE',
    'COMPLETED',
    '张三',
    '110101********1234',
    '',
    '',
    '',
    '',
    '0',
  ],
  [
    '2026-03-03',
    '王医生',
    '内科',
    '1',
    'PHONE',
    'CANCELED',
    `'=HYPERLINK("x")`,
    '110101********1111',
    '',
    '',
    '',
    'a,"b"',
    '0',
  ],
  ['2026-03-05', '王医生', '内科', '2', 'PHONE', 'NO_SHOW', '李四', '', '', '', '', '', '0'],
]

beforeAll(async () => {
  host = await makeTestHost()
  build(host)
})
afterAll(async () => host.dispose())

describe('appointment export', () => {
  test('CSV: BOM, header, live + archived in range, masked, quoted, formula guarded; across pages', async () => {
    const file = join(host.dataDir, 'a.csv')
    const progress: [number, number][] = []
    const out = await exportAppointments(host.database.reports, range, {
      format: 'csv',
      file,
      language: 'zh-CN',
      pageRows: 1,
      onProgress: (d, t) => progress.push([d, t]),
    })
    expect(out.rows).toBe(4)
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'))
    expect(rows[0]).toEqual(APPOINTMENT_COLUMNS['zh-CN'])
    expect(rows.slice(1)).toEqual(ADMIN_ROWS)
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ])
  })

  test('unmasked: the full ID numbers; a doctor filter narrows the rows', async () => {
    const file = join(host.dataDir, 'b.csv')
    await exportAppointments(
      host.database.reports,
      { ...range, doctorIds: [1], unmasked: true },
      { format: 'csv', file, language: 'en' },
    )
    const rows = parseCsv(readFileSync(file, 'utf8').slice(1))
    expect(rows[0]?.[7]).toBe('ID number')
    expect(rows.slice(1).map((r) => [r[6], r[7]])).toEqual([
      ['李四', ''],
      ['张三', '110101199003071234'],
    ])
  })

  test('XLSX read back with exceljs: same rows, text stays text (no formula)', async () => {
    const file = join(host.dataDir, 'a.xlsx')
    await exportAppointments(host.database.reports, range, {
      format: 'xlsx',
      file,
      language: 'en',
      pageRows: 3,
    })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const sheet = book.worksheets[0]
    if (!sheet) throw new Error('the workbook has no sheet')
    expect(sheet.rowCount).toBe(5)
    expect(sheet.getRow(1).getCell(1).value).toBe('Date')
    const values = (n: number) =>
      Array.from({ length: 13 }, (_, i) => sheet.getRow(n).getCell(i + 1).value)
    expect(values(3)).toEqual([
      '2026-03-02',
      '李医生',
      '内科',
      1,
      'PHONE',
      'COMPLETED',
      '张三',
      '110101********1234',
      null,
      null,
      null,
      null,
      0,
    ])
    expect(sheet.getRow(4).getCell(7).value).toBe('=HYPERLINK("x")')
    expect(sheet.getRow(4).getCell(7).type).toBe(ExcelJS.ValueType.String)
  })

  for (const format of ['csv', 'xlsx'] as const)
    test(`cancel (${format}) after the first page removes the file`, async () => {
      const file = join(host.dataDir, `c.${format}`)
      const abort = new AbortController()
      const run = exportAppointments(host.database.reports, range, {
        format,
        file,
        language: 'en',
        pageRows: 1,
        signal: abort.signal,
        onProgress: (done) => done >= 1 && abort.abort(),
      })
      await expect(run).rejects.toBeInstanceOf(ExportCanceled)
      expect(existsSync(file)).toBe(false)
    })

  test('a report summary exports as a table', async () => {
    const summary = await host.must(ADMIN, 'reports.summary', {
      from: '2026-03-01',
      to: '2026-03-15',
      period: 'month',
      by: 'doctor',
    })
    const file = join(host.dataDir, 'r.csv')
    const name = keyNamer('doctor', 'en', {
      doctors: new Map([[1, '李医生']]),
      departments: new Map(),
    })
    const t = reportTable('summary', summary, 'en', name)
    const out = await exportRecords(t.header, t.sheet, t.records, {
      format: 'csv',
      file,
      language: 'en',
    })
    const rows = parseCsv(readFileSync(file, 'utf8').slice(1))
    expect(out.rows).toBe(2)
    // Doctor 1: 03-01 walk-in (archived) and 03-02 phone, both completed; doctor 2: one canceled, one no-show.
    expect(rows.slice(1).map((r) => r.slice(0, 9))).toEqual([
      ['2026-03-01', '李医生', '1', '1', '0', '2', '0', '0', '0'],
      // A doctor the namer does not know keeps their id.
      ['2026-03-01', '#2', '2', '0', '0', '0', '1', '1', '1'],
    ])
  })
})
