import { z } from 'zod'
import { event, method } from './define'
import { id } from './fields'
import { Patient } from './patients'

/** The fields a merge may fill on the kept record, when it has none and the retired one has. */
export const MERGE_FILLABLE = ['sex', 'birthDate', 'phone', 'idNumber', 'note'] as const
export type MergeFillable = (typeof MERGE_FILLABLE)[number]

export const PatientMergeResult = z.object({
  /** The record kept, after the merge (blank fields filled from the retired one). */
  kept: Patient,
  retiredId: id,
  /** Appointments moved from the retired record: live table and archive. */
  movedLive: z.number().int(),
  movedArchived: z.number().int(),
  /** Which of the kept record's blank fields were taken from the retired one. */
  filled: z.array(z.enum(MERGE_FILLABLE)),
})
export type PatientMergeResult = z.infer<typeof PatientMergeResult>

export const patientMergeMethods = {
  'patients.merge': method({
    summary:
      'Merges two records of one person: every appointment (live and archived) of retireId moves to keepId, blank fields of keepId are filled from retireId, and retireId is retired (kept, pointing at keepId; patients.get answers PATIENT_MERGED). Refused with ALREADY_BOOKED when both hold a live booking with the same doctor on the same day.',
    input: z.strictObject({
      keepId: id,
      retireId: id,
      /** Why: kept in the audit row. */
      reason: z.string().trim().min(1).max(200),
    }),
    result: PatientMergeResult,
    roles: ['admin'],
  }),
}

export const patientMergeEvents = {
  'patients.merged': event({
    summary:
      'Two patient records became one: screens showing retiredId switch to keptId and re-read it.',
    payload: z.object({ keptId: id, retiredId: id }),
    roles: ['admin', 'reception'],
  }),
}
