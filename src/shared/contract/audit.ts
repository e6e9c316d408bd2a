import { z } from 'zod'
import { method } from './define'
import { id, instant } from './fields'

export const AuditRow = z.object({
  id,
  at: instant,
  /** Who: the audit label of the caller ("王芳 (reception) @192.168.1.20"). */
  actor: z.string(),
  /** The staff account, when a signed-in user acted. */
  staffId: id.nullable(),
  /** The contract method, e.g. appointments.book. */
  action: z.string(),
  entity: z.string(),
  entityId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditRow = z.infer<typeof AuditRow>

const filterText = z.string().trim().min(1).max(100)

/** The append-only audit log (triggers refuse UPDATE and DELETE), linked as a SHA-256 hash chain. */
export const auditMethods = {
  'audit.list': method({
    summary: 'Audit rows newest first, filtered; pass nextCursor back as cursor for the next page.',
    input: z.strictObject({
      entity: filterText.optional(),
      entityId: z.number().int().optional(),
      /** Matches the actor label (substring) … */
      actor: filterText.optional(),
      /** … or exactly one staff account. */
      staffId: id.optional(),
      /**
       * One patient's trail: their own rows and their appointments' (live or archived). A number is
       * the patient's id; other text matches the name (substring).
       */
      patient: filterText.optional(),
      /** One appointment's rows, by its number. */
      appointmentId: id.optional(),
      /** Exact method name, or a prefix ending in "." ("appointments."). */
      action: filterText.optional(),
      /** Inclusive bounds on `at` (UTC ISO instants; a bare YYYY-MM-DD works as a prefix bound). */
      from: instant.optional(),
      to: instant.optional(),
      limit: z.number().int().min(1).max(200).default(50),
      /** Rows with a smaller id than this (from nextCursor). */
      cursor: id.optional(),
    }),
    result: z.object({ rows: z.array(AuditRow), nextCursor: id.nullable() }),
    roles: ['admin'],
  }),
  'audit.verify': method({
    summary:
      'Recomputes the hash chain from the first row: ok, how many rows were checked, and the first row whose link is broken.',
    input: z.strictObject({}),
    result: z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenId: id.nullable() }),
    roles: ['admin'],
  }),
}
