import type { auditMethods } from '../../../shared/contract/audit'
import { verifyChain } from '../../db/audit-chain'
import { dialectOf, likeIgnoringCase } from '../../db/dialect'
import { auditIdRange, upperBound } from './range'
import type { HandlersFor } from '../context'

const parse = (text: string | null): unknown => {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Escapes LIKE's wildcards so a filter matches literally. */
const literal = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export const auditHandlers: HandlersFor<typeof auditMethods> = {
  'audit.list': async (input, { read }) => {
    // A time range becomes an id range (range.ts: the index on `at` is gone), so the
    // query below walks the primary key within it, newest first. Not on PostgreSQL (range.ts).
    const range =
      input.from !== undefined || input.to !== undefined
        ? ((await auditIdRange(read, input.from, input.to)) ?? null)
        : null
    if (range !== null && range.lo >= range.end) return { rows: [], nextCursor: null }
    const dialect = dialectOf(read)
    const like = (column: string, pattern: string) => likeIgnoringCase(dialect, column, pattern)
    let query = read
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'staff_id', 'action', 'entity', 'entity_id', 'before', 'after'])
      .orderBy('id', 'desc')
      .limit(input.limit + 1)
    if (range !== null) query = query.where('id', '>=', range.lo).where('id', '<', range.end)
    if (input.cursor !== undefined) query = query.where('id', '<', input.cursor)
    if (input.entity !== undefined) query = query.where('entity', '=', input.entity)
    if (input.entityId !== undefined) query = query.where('entity_id', '=', input.entityId)
    if (input.staffId !== undefined) query = query.where('staff_id', '=', input.staffId)
    if (input.appointmentId !== undefined)
      query = query.where('entity', '=', 'appointment').where('entity_id', '=', input.appointmentId)
    if (input.patient !== undefined) {
      const text = input.patient
      query = query.where((eb) => {
        const patients = /^\d+$/.test(text)
          ? eb.selectFrom('patients').select('id').where('id', '=', Number(text))
          : eb
              .selectFrom('patients')
              .select('id')
              .where(like('name', `%${literal(text)}%`))
        return eb.or([
          eb.and([eb('entity', '=', 'patient'), eb('entity_id', 'in', patients)]),
          eb.and([
            eb('entity', '=', 'appointment'),
            eb.or([
              eb(
                'entity_id',
                'in',
                eb.selectFrom('appointments').select('id').where('patient_id', 'in', patients),
              ),
              eb(
                'entity_id',
                'in',
                eb
                  .selectFrom('appointments_archive')
                  .select('id')
                  .where('patient_id', 'in', patients),
              ),
            ]),
          ]),
        ])
      })
    }
    if (input.actor !== undefined) query = query.where(like('actor', `%${literal(input.actor)}%`))
    if (input.action !== undefined) {
      const action = input.action
      query = action.endsWith('.')
        ? query.where(like('action', `${literal(action)}%`))
        : query.where('action', '=', action)
    }
    // Kept beside the id range: cheap on the rows it leaves, and no row outside [from, to] comes
    // back even where an old database's clock once jumped back.
    if (input.from !== undefined) query = query.where('at', '>=', input.from)
    if (input.to !== undefined) query = query.where('at', '<=', upperBound(input.to))
    const rows = await query.execute()
    const page = rows.slice(0, input.limit)
    return {
      rows: page.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        staffId: r.staff_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: parse(r.before),
        after: parse(r.after),
      })),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    }
  },

  'audit.verify': async (_input, { read }) => verifyChain(read),
}
