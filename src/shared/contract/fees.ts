import { z } from 'zod'
import { event, method } from './define'
import { hhmm, id, instant, isoDate, shortText } from './fields'

/**
 * The kinds of price-list rule (0012_fees.sql): base fees by title, department or doctor, the
 * night and holiday surcharges, and the 复诊 free window (its amount is a number of days).
 */
export const FEE_RULE_KINDS = [
  'TITLE',
  'DEPARTMENT',
  'DOCTOR',
  'NIGHT',
  'HOLIDAY',
  'REVISIT_DAYS',
] as const
export const FeeRuleKind = z.enum(FEE_RULE_KINDS)
export type FeeRuleKind = z.infer<typeof FeeRuleKind>

/** Kinds that apply clinic-wide and so have no target. */
export const UNTARGETED_KINDS: readonly FeeRuleKind[] = ['NIGHT', 'HOLIDAY', 'REVISIT_DAYS']

/** The longest 复诊 free window, in days. */
export const REVISIT_MAX_DAYS = 365

/**
 * Money: an integer number of fen (0.01 yuan), never a float; at most ¥100,000 so that any sum of a
 * day's takings stays far inside the safe-integer range.
 */
export const fen = z.number().int().min(0).max(10_000_000)

/** A band starting at this time or later is a night session (夜诊) and carries the NIGHT surcharge. */
export const NIGHT_FROM = '18:00'

export const FeeRule = z.object({
  id,
  kind: FeeRuleKind,
  /** A title (TITLE), a department or doctor id as text (DEPARTMENT, DOCTOR), '' otherwise. */
  target: z.string(),
  /** Fen; for REVISIT_DAYS the number of days. */
  amountFen: z.number().int(),
  effectiveFrom: isoDate,
  createdBy: z.string(),
  createdAt: instant,
})
export type FeeRule = z.infer<typeof FeeRule>

/** Where a quote's base fee came from: the most specific rule in force wins. */
export const FeeSource = z.enum(['DOCTOR', 'DEPARTMENT', 'TITLE', 'NONE'])
export type FeeSource = z.infer<typeof FeeSource>

/** Why a visit is free: a 复诊 inside the window, or a member of staff. */
export const FreeReason = z.enum(['REVISIT', 'STAFF'])
export type FreeReason = z.infer<typeof FreeReason>

export const FeeQuote = z.object({
  doctorId: id,
  date: isoDate,
  baseFen: z.number().int(),
  source: FeeSource,
  nightFen: z.number().int(),
  holidayFen: z.number().int(),
  /** What is due: base + surcharges, or 0 when free. */
  totalFen: z.number().int(),
  free: FreeReason.nullable(),
  /** The ids of the rules the quote used, to explain it later. */
  ruleIds: z.array(id),
})
export type FeeQuote = z.infer<typeof FeeQuote>

export const feeMethods = {
  'fees.rules': method({
    summary:
      'The price list: with `on`, the rules in force on that day (one per kind and target); without, every rule ever entered, newest first.',
    input: z.strictObject({ on: isoDate.optional() }),
    result: z.array(FeeRule),
    roles: ['admin', 'reception'],
  }),
  'fees.setRule': method({
    summary:
      'Adds a price-list rule taking effect from a day (not before today). Rules are never edited: a new one supersedes the old from its day, so nothing already quoted or charged changes.',
    input: z.strictObject({
      kind: FeeRuleKind,
      target: shortText.default(''),
      amountFen: fen,
      effectiveFrom: isoDate,
    }),
    result: FeeRule,
    roles: ['admin'],
  }),
  'fees.quote': method({
    summary:
      "The fee due for a visit to a doctor on a day under the price list in force that day: the doctor's override, else the department's, else the title's; plus 夜诊 and 节假日 surcharges; free for staff or a 复诊 inside the window.",
    input: z.strictObject({
      doctorId: id,
      date: isoDate,
      startTime: hhmm.optional(),
      patientId: id.optional(),
      staff: z.boolean().default(false),
    }),
    result: FeeQuote,
    roles: ['admin', 'reception'],
  }),
}

export const feeEvents = {
  'fees.changed': event({
    summary: 'A price-list rule was added.',
    payload: z.object({ ruleId: id }),
    // Doctors too: their 已缴费/未缴费 badges appear when a price list first takes effect.
    roles: ['admin', 'reception', 'doctor'],
  }),
}
