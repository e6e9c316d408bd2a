import { quietAppointment } from '../helpers/engine-sql'
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
import { forEachEngine } from '../helpers/engines'
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

/** The rows above, through the host's writable handle (the same builder on either engine). */
async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db.insertInto('departments').values({ name: '内科', created_at: now }).execute()
  await db
    .insertInto('doctors')
    .values(['李医生', '王医生'].map((name) => ({ name, department_id: 1, created_at: now })))
    .execute()
  await db
    .insertInto('patients')
    .values(
      (
        [
          ['张三', '110101199003071234'],
          ['=HYPERLINK("x")', '110101198001011111'],
          ['李四', null],
        ] as const
      ).map(([name, idNumber]) => ({
        name,
        sex: 'U' as const,
        id_number: idNumber,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute()
  await db
    .insertInto('doctor_schedules')
    .values({
      id: 1,
      doctor_id: 1,
      date: '2026-03-02',
      start_time: '08:00',
      end_time: '08:30',
      quota: 9,
      booked: 3,
      walk_in_reserved: 0,
      walk_ins: 0,
      status: 'AVAILABLE',
      template_id: null,
    })
    .execute()
  const common = {
    slot_id: 1,
    ...quietAppointment(now),
  }
  const live = (
    id: number,
    doctor: number,
    date: string,
    patient: number,
    queueNo: number,
    status: 'COMPLETED' | 'CANCELED' | 'NO_SHOW',
    reason: string | null,
  ) => ({
    ...common,
    id,
    doctor_id: doctor,
    date,
    patient_id: patient,
    queue_no: queueNo,
    source: 'PHONE' as const,
    status,
    cancel_reason: reason,
    call_order: 0,
    live_guard: null,
  })
  await db
    .insertInto('appointments')
    .values([
      live(1, 1, '2026-03-02', 1, 1, 'COMPLETED', null),
      live(2, 2, '2026-03-03', 2, 1, 'CANCELED', 'a,"b"'),
      live(3, 1, '2026-03-20', 1, 2, 'COMPLETED', null),
      live(4, 2, '2026-03-05', 3, 2, 'NO_SHOW', null),
    ])
    .execute()
  const archived = (id: number, doctor: number, date: string, patient: number) => ({
    ...common,
    id,
    doctor_id: doctor,
    date,
    start_time: '08:00',
    end_time: '08:30',
    patient_id: patient,
    queue_no: 1,
    source: 'WALK_IN' as const,
    status: 'COMPLETED' as const,
    cancel_reason: null,
    late_canceled_on: null,
    archived_at: now,
  })
  await db
    .insertInto('appointments_archive')
    .values([archived(10, 1, '2026-03-01', 3), archived(11, 2, '2026-02-01', 2)])
    .execute()
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

forEachEngine(() =>
  describe('appointment export', () => {
    beforeAll(async () => {
      host = await makeTestHost()
      await build(host)
    })
    afterAll(async () => host.dispose())

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

    for (const format of ['csv', 'xlsx'] as const)
      test(`a file that cannot be written (${format}): the export fails with the error, and nothing is left uncaught`, async () => {
        // The folder is not there (removed meanwhile, a USB stick pulled): the stream's error must
        // reach the caller as a rejection; unheard, it would take the host down.
        const file = join(host.dataDir, 'gone', `d.${format}`)
        await expect(
          exportAppointments(host.database.reports, range, { format, file, language: 'en' }),
        ).rejects.toMatchObject({ code: 'ENOENT' })
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
  }),
)
