import { sql } from 'kysely'
import { compileFor, offlineBuilders, type Dialect } from '../../db/dialect'
import type { ReportQuery, ReportReader } from '../../db/report-reader'

/**
 * Builds, never runs (as reports/queries.ts): the report reader runs the SQL, compiled for its
 * engine, on its own read-only connection (and thread, on SQLite), so a 1M-row export does not
 * hold the desk's event loop.
 */
const qb = offlineBuilders.sqlite

/**
 * Rows per reader call: large enough that the round trip is noise, small enough that a page is
 * garbage before it is promoted (1M rows: 5,000 a page grew the host by 148 MB anonymous, 1,000 by 28).
 */
export const PAGE_ROWS = 1000

type Table = 'appointments' | 'appointments_archive'

/**
 * One appointment as the export writes it, an array in pageQuery's select order (archived = from
 * appointments_archive): the key first, then the file's columns.
 */
export type AppointmentExportRow = [
  id: number,
  date: string,
  doctor: string,
  department: string,
  queueNo: number,
  source: string,
  status: string,
  patient: string,
  idNumber: string | null,
  checkedInAt: string | null,
  completedAt: string | null,
  canceledAt: string | null,
  cancelReason: string | null,
  archived: number,
]
/** Where the ID number sits in a row. */
export const ID_NUMBER_AT = 8

export interface AppointmentRange {
  readonly from: string
  readonly to: string
  /** null = every doctor. */
  readonly doctorIds: readonly number[] | null
}

const base = (table: Table, range: AppointmentRange) => {
  let q = qb
    .selectFrom(`${table} as a` as 'appointments as a')
    .where('a.date', '>=', range.from)
    .where('a.date', '<=', range.to)
  if (range.doctorIds !== null)
    q =
      range.doctorIds.length === 0
        ? q.where(sql<boolean>`1 = 0`)
        : q.where('a.doctor_id', 'in', [...range.doctorIds])
  return q
}

/** How many rows the export will write: live and archived, for the progress bar. */
export function countQuery(range: AppointmentRange, dialect: Dialect): ReportQuery {
  const branch = (t: Table) => base(t, range).select(sql<number>`count(*)`.as('n'))
  return compileFor(
    dialect,
    qb
      .selectFrom(branch('appointments').unionAll(branch('appointments_archive')).as('u'))
      .select(sql<number>`coalesce(sum(u.n), 0)`.as('n')),
  )
}

/**
 * One page after `afterId` in primary-key order. Keyset on the key, not OFFSET (which rereads
 * everything before it) and not by date: the archive has no date index, so a walk of its rowid
 * with the range as a filter is one pass over the table, whatever the range.
 */
export function pageQuery(
  table: Table,
  range: AppointmentRange,
  afterId: number,
  dialect: Dialect,
  pageRows = PAGE_ROWS,
): ReportQuery {
  const page = base(table, range)
    .innerJoin('doctors as d', 'd.id', 'a.doctor_id')
    .leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .where('a.id', '>', afterId)
    .select([
      'a.id as id',
      'a.date as date',
      'd.name as doctor',
      sql<string>`coalesce(dep.name, '')`.as('department'),
      'a.queue_no as queueNo',
      'a.source as source',
      'a.status as status',
      'p.name as patient',
      'p.id_number as idNumber',
      'a.checked_in_at as checkedInAt',
      'a.completed_at as completedAt',
      'a.canceled_at as canceledAt',
      'a.cancel_reason as cancelReason',
      // A literal, not a parameter: PostgreSQL would type a bare parameter in the select list as text.
      sql.lit(table === 'appointments_archive' ? 1 : 0).as('archived'),
    ])
    .orderBy('a.id')
    .limit(pageRows)
  return { ...compileFor(dialect, page), reduce: 'arrays' }
}

/**
 * The range's appointments, a page at a time: the archive first (older), then the live table.
 * Each page is one reader call, so at most one page is in the host's memory; pages are separate
 * read transactions (a booking made during the export may or may not be in it).
 */
export async function* appointmentPages(
  reader: ReportReader,
  range: AppointmentRange,
  pageRows = PAGE_ROWS,
): AsyncGenerator<AppointmentExportRow[]> {
  for (const table of ['appointments_archive', 'appointments'] as const) {
    let after = 0
    for (;;) {
      const [rows] = (await reader.run([
        pageQuery(table, range, after, reader.dialect, pageRows),
      ])) as [AppointmentExportRow[]]
      const last = rows[rows.length - 1]
      if (last) yield rows
      if (!last || rows.length < pageRows) break
      after = last[0]
    }
  }
}

export async function countAppointments(
  reader: ReportReader,
  range: AppointmentRange,
): Promise<number> {
  const [[row]] = (await reader.run([countQuery(range, reader.dialect)])) as [[{ n: number }]]
  return row?.n ?? 0
}
