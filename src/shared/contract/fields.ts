import { z } from 'zod'
import { isRealDate } from '../real-date'

/** Field schemas shared by the contract. Every string is capped: no input is unbounded. */
export const id = z.number().int().positive().max(2_147_483_647)
export const name = z.string().trim().min(1).max(50)
export const shortText = z.string().trim().max(200)
export const longText = z.string().trim().max(2000)
/**
 * A calendar day in the clinic's time zone. The pattern alone lets 2026-02-30 through; the refine
 * turns away every day the calendar does not have, so each method that takes a date refuses it.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD')
  .refine(isRealDate, 'not a real day')
/** A wall-clock time in the clinic's time zone. */
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm')
/** An instant, as a UTC ISO string. */
export const instant = z.string().max(40)
export const empty = z.strictObject({})
