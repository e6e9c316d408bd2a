import { z } from 'zod'
import { method } from './define'
import { isoDate } from './fields'
import { REPORT_MAX_DAYS, rangeOfAtMost } from './reports'

/** The resource types of the bulk export, in the order their files come (referenced ones first). */
export const FHIR_RESOURCE_TYPES = [
  'Patient',
  'Practitioner',
  'Schedule',
  'Slot',
  'Appointment',
] as const
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number]

export const FhirExportInput = z
  .strictObject({
    /** First and last clinic day of the range (both included): the bands and appointments on them. */
    from: isoDate,
    to: isoDate,
    /** Patients' ID numbers in full instead of masked; the request is audited. */
    fullIdNumbers: z.boolean().default(false),
  })
  .superRefine(rangeOfAtMost(REPORT_MAX_DAYS, 'an export'))

export const FhirExportFile = z.object({
  resourceType: z.enum(FHIR_RESOURCE_TYPES),
  /** The name a bulk-data client expects: `Patient.ndjson`. */
  fileName: z.string(),
  /** Resources in the file (= its lines). */
  count: z.number().int().nonnegative(),
  /** One FHIR R4 resource as JSON per line, each line ending in \n; empty when count is 0. */
  ndjson: z.string(),
})
export type FhirExportFile = z.infer<typeof FhirExportFile>

export const FhirExportResult = z.object({
  from: isoDate,
  to: isoDate,
  fullIdNumbers: z.boolean(),
  files: z.array(FhirExportFile),
})

export const fhirMethods = {
  'fhir.export': method({
    summary:
      "FHIR R4 bulk export of a range as NDJSON, one file per resource type (Patient, Practitioner, Schedule, Slot, Appointment), live and archived rows both; ids are the database's, so stable across exports. Patients' ID numbers are masked unless fullIdNumbers, which is audited.",
    input: FhirExportInput,
    result: FhirExportResult,
    roles: ['admin'],
  }),
}
