import { z } from 'zod'
import { method } from './define'
import { hhmm, name } from './fields'
import { newSecret, secretFitsAccount, username } from './staff'

export const OpeningHours = z
  .strictObject({ opens: hhmm, closes: hhmm })
  .refine((h) => h.opens < h.closes, { message: 'closing must be after opening', path: ['closes'] })
export type OpeningHours = z.infer<typeof OpeningHours>

/** First run: the clinic's name, zone and hours and the first admin account; optionally the demo clinic's directory. */
export const setupMethods = {
  'setup.status': method({
    summary: 'Whether the clinic still needs its first-run setup (no account exists yet).',
    input: z.strictObject({}),
    result: z.object({
      needed: z.boolean(),
      clinicName: z.string(),
      timeZone: z.string(),
      openingHours: OpeningHours.nullable(),
    }),
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'setup.init': method({
    summary:
      'Sets the clinic up and creates the first admin account, whose password has at least 10 characters (CONFLICT once any account exists). loadDemo adds the demo departments, doctors and rooms.',
    input: z.strictObject({
      clinicName: z.string().trim().min(1).max(100),
      /** IANA zone, e.g. Asia/Shanghai; checked against the host's zone database. */
      timeZone: z.string().min(1).max(64),
      openingHours: OpeningHours,
      /** The first admin: a password of at least 10 characters, never a PIN or a trivial one. */
      admin: z
        .strictObject({ name, username, secret: newSecret })
        .superRefine((a, ctx) => secretFitsAccount({ ...a, role: 'admin' }, ctx)),
      loadDemo: z.boolean().default(false),
    }),
    result: z.object({ adminId: z.number().int() }),
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
}
