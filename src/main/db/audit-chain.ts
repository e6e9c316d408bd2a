import { hash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { compiled } from './compiled'
import type { DB } from './schema'
import type { ReadDb, UnitContext } from './write'

/** The prev_hash of the very first row. */
export const GENESIS = '0'.repeat(64)

/** An audit row's content as stored, the part the chain protects. */
export interface AuditContent {
  readonly id: number
  readonly at: string
  readonly actor: string
  readonly staff_id: number | null
  readonly action: string
  readonly entity: string
  readonly entity_id: number | null
  readonly before: string | null
  readonly after: string | null
}

/**
 * hash = SHA-256(prev_hash + "\n" + JSON array of the row's columns in a fixed order).
 * The id is inside, so removing, reordering or re-inserting a row breaks every later link.
 */
export function chainHash(prevHash: string, row: AuditContent): string {
  const canonical = JSON.stringify([
    row.id,
    row.at,
    row.actor,
    row.staff_id,
    row.action,
    row.entity,
    row.entity_id,
    row.before,
    row.after,
  ])
  // One-shot: the same bytes as update(prevHash).update('\n').update(canonical), without a Hash object per row.
  return hash('sha256', `${prevHash}\n${canonical}`)
}

// By max(id): a seek to the table's last row (ORDER BY id DESC LIMIT 1 plans as a scan that stops early).
const lastLink = compiled<Record<string, never>>()((db) =>
  db
    .selectFrom('audit_log')
    .select(['id', 'at', 'hash'])
    .where('id', '=', (eb) => eb.selectFrom('audit_log').select((e) => e.fn.max('id').as('last'))),
)
const insertRow = compiled<
  Omit<AuditContent, 'id'> & { id: number; prev_hash: string; hash: string }
>()((db, $) =>
  db.insertInto('audit_log').values({
    id: $('id'),
    at: $('at'),
    actor: $('actor'),
    staff_id: $('staff_id'),
    action: $('action'),
    entity: $('entity'),
    entity_id: $('entity_id'),
    before: $('before'),
    after: $('after'),
    prev_hash: $('prev_hash'),
    hash: $('hash'),
  }),
)

/**
 * Appends one row linked to the last one. Runs inside the writer's BEGIN IMMEDIATE transaction,
 * so no other writer (in this process or another) can append between reading the last link and
 * inserting this one; the last link is read every time for that reason, not kept in memory.
 * `at` never goes backwards along ids (a clock set back keeps the last row's time until it
 * catches up): the audit browser finds a time range as an id range (services/audit/range.ts).
 */
export function appendAudit(
  w: Pick<UnitContext, 'statements'>,
  content: Omit<AuditContent, 'id'>,
): void {
  const last = lastLink.firstIn(w, {})
  const at = last && last.at > content.at ? last.at : content.at
  const row: AuditContent = { ...content, at, id: (last?.id ?? 0) + 1 }
  const prevHash = last ? (last.hash ?? GENESIS) : GENESIS
  insertRow.runIn(w, { ...row, prev_hash: prevHash, hash: chainHash(prevHash, row) })
}

/**
 * One chain of PostgreSQL's audit log (docs/ARCHITECTURE.md, "Audit chain with several hosts"):
 * each unit that commits in a lane links its rows to the lane's last hash; a host keeps as many
 * lanes as units it runs at once, so no two writers anywhere wait on one head row. The head is
 * this host's memory, moved on only once the COMMIT is known to have happened.
 */
export interface AuditLane {
  head: string
  lastAt: string
}

/** A fresh lane: its first row links to GENESIS, as the SQLite chain's first row does. */
export const newLane = (): AuditLane => ({ head: GENESIS, lastAt: '' })

/** An audit row as PostgreSQL's unit inserts it: its content, id and link. */
export type AuditLink = AuditContent & { readonly prev_hash: string; readonly hash: string }

/**
 * PostgreSQL's appendAudit, without the INSERT: the unit's buffered rows, in order, linked along
 * `lane`, for the writer to insert in its last statement (db/pg/writer-pg.ts, with the change
 * feed's row). Ids come from the table's own sequence, drawn after the unit took the lane (so
 * after the lane's previous unit committed): along a lane, ids grow. A row may bring an id its
 * unit drew itself in one of its own statements (AuditEntry.id: the booking's does); only when
 * one has none, or they do not grow in order, are ids drawn here, one statement for all.
 * Returns the rows and the lane's head and time after them, for the caller to keep once the
 * COMMIT succeeded (and to drop if it did not).
 */
export async function linkAuditPg(
  tx: Transaction<DB>,
  lane: AuditLane,
  contents: readonly (Omit<AuditContent, 'id'> & { readonly id?: number })[],
): Promise<{ rows: AuditLink[]; after: AuditLane }> {
  if (contents.length === 0) return { rows: [], after: lane }
  const given = contents.map((c) => c.id)
  const growing = given.every((id, i) => id !== undefined && (i === 0 || id > given[i - 1]!))
  const ids = growing
    ? (given as number[])
    : (
        await sql<{ id: number }>`
          SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 AS id
          FROM generate_series(1, ${contents.length})`.execute(tx)
      ).rows
        .map((r) => Number(r.id))
        .sort((a, b) => a - b)
  let { head, lastAt } = lane
  const rows = contents.map((content, i) => {
    const at = lastAt > content.at ? lastAt : content.at
    const row: AuditContent = { ...content, at, id: ids[i] as number }
    const link = { ...row, prev_hash: head, hash: chainHash(head, row) }
    head = link.hash
    lastAt = at
    return link
  })
  return { rows, after: { head, lastAt } }
}

/** How many rows verify reads at a time: the log can be long, memory stays flat. */
const PAGE = 2000

/**
 * Walks the whole log in id order: each row's own hash must match its content, and its prev_hash
 * must be GENESIS (a chain's first row) or the hash of an earlier row that no other row links to
 * yet (the end of its chain). On SQLite that is the one chain of the whole table; on PostgreSQL
 * one chain per lane (appendAuditPg). A changed, removed, re-inserted or moved row breaks a link
 * of its chain; the first row where one fails is reported. Memory: one hash per chain.
 */
export async function verifyChain(
  read: ReadDb,
): Promise<{ ok: boolean; checked: number; firstBrokenId: number | null }> {
  const ends = new Set<string>()
  let afterId = 0
  let checked = 0
  for (;;) {
    const rows = await read
      .selectFrom('audit_log')
      .select([
        'id',
        'at',
        'actor',
        'staff_id',
        'action',
        'entity',
        'entity_id',
        'before',
        'after',
        'prev_hash',
        'hash',
      ])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute()
    for (const row of rows) {
      const { prev_hash: prev, hash: own } = row
      const linked = prev !== null && (prev === GENESIS || ends.delete(prev))
      if (!linked || own === null || own !== chainHash(prev, row) || ends.has(own))
        return { ok: false, checked, firstBrokenId: row.id }
      ends.add(own)
      checked++
    }
    const last = rows.at(-1)
    if (!last || rows.length < PAGE) return { ok: true, checked, firstBrokenId: null }
    afterId = last.id
  }
}
