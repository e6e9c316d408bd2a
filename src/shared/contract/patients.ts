import { z } from 'zod'
import { event, method } from './define'
import { id, isoDate, name, shortText } from './fields'

export const SEXES = ['M', 'F', 'U'] as const
export const Sex = z.enum(SEXES)
export type Sex = z.infer<typeof Sex>

/** Mainland mobile number: 11 digits starting 1[3-9]. */
export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'mainland mobile number (11 digits)')
/** Resident ID number (18 characters); its checksum, birth date and sex are checked by the service. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '18-character resident ID number')

export const Patient = z.object({
  id,
  name,
  sex: Sex,
  birthDate: isoDate.nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  note: shortText,
  createdAt: z.string(),
})
export type Patient = z.infer<typeof Patient>

/** A search hit: enough to recognise the patient on the phone; the ID number is masked. */
export const PatientHit = z.object({
  id,
  name,
  sex: Sex,
  birthDate: isoDate.nullable(),
  phone: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
})
export type PatientHit = z.infer<typeof PatientHit>

const patientFields = {
  name,
  sex: Sex,
  birthDate: isoDate.nullable().default(null),
  phone: mobile.nullable().default(null),
  idNumber: idNumber.nullable().default(null),
  note: shortText.default(''),
}

export const patientMethods = {
  'patients.register': method({
    summary:
      'Registers a patient. Same ID number → DUPLICATE_PATIENT (always); same name + phone → DUPLICATE_PATIENT with details.matches unless acceptDuplicate.',
    input: z.strictObject({ ...patientFields, acceptDuplicate: z.boolean().default(false) }),
    result: Patient,
    roles: ['admin', 'reception'],
  }),
  'patients.update': method({
    summary: "Edits a patient's details (same checks as register).",
    input: z.strictObject({ id, ...patientFields, acceptDuplicate: z.boolean().default(false) }),
    result: Patient,
    roles: ['admin', 'reception'],
  }),
  'patients.get': method({
    summary: 'One patient, unmasked.',
    input: z.strictObject({ id }),
    result: Patient,
    roles: ['admin', 'reception'],
  }),
  'patients.search': method({
    summary:
      'Finds patients by name, full pinyin or initials ("zw", "zhangwei" → 张伟), phone or its last 4 digits, ID number, its last 4+ or its first 6+ characters. Best matches first.',
    input: z.strictObject({
      q: z.string().trim().min(1).max(40),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    result: z.array(PatientHit),
    roles: ['admin', 'reception'],
  }),
}

export const patientEvents = {
  'patients.changed': event({
    summary:
      "A patient's details were registered or edited; an open patient card or edit form re-reads patients.get.",
    payload: z.object({ patientIds: z.array(id) }),
    roles: ['admin', 'reception'],
  }),
}
