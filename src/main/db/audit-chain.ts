import { hash } from 'node:crypto'
import { compiled } from './compiled'
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

/** How many rows verify reads at a time: the log can be long, memory stays flat. */
const PAGE = 2000

/**
 * Walks the whole chain from the first row: each row must link to its predecessor's hash and
 * its own hash must match its content. Reports the first row where either fails.
 */
export async function verifyChain(
  read: ReadDb,
): Promise<{ ok: boolean; checked: number; firstBrokenId: number | null }> {
  let prevHash = GENESIS
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
      if (row.prev_hash !== prevHash || row.hash !== chainHash(prevHash, row))
        return { ok: false, checked, firstBrokenId: row.id }
      prevHash = row.hash
      checked++
    }
    const last = rows.at(-1)
    if (!last || rows.length < PAGE) return { ok: true, checked, firstBrokenId: null }
    afterId = last.id
  }
}
