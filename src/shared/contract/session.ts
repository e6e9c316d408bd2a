import { z } from 'zod'
import { ROLES } from '../roles'
import { method } from './define'
import { id } from './fields'

export const ChangeRecord = z.object({
  rev: z.number().int(),
  event: z.string(),
  payload: z.unknown(),
})
export type ChangeRecord = z.infer<typeof ChangeRecord>

/** Who am I, and what did I miss: the calls a screen makes when it (re)connects. */
export const sessionMethods = {
  'session.whoami': method({
    summary: 'The role (and doctor) the host assigned to this window or socket.',
    input: z.strictObject({}),
    result: z.object({ role: z.enum(ROLES), doctorId: id.optional(), label: z.string() }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
  'sync.since': method({
    summary:
      'Every event after a revision that this caller may see, oldest first. complete=false means the host no longer remembers that far back (more than 1,000 events, or a revision from before it restarted): re-read everything.',
    input: z.strictObject({ rev: z.number().int().min(0) }),
    result: z.object({
      rev: z.number().int(),
      complete: z.boolean(),
      changes: z.array(ChangeRecord),
    }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
}
