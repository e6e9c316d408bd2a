import type { Catalogue } from './zh-CN'

/** English. The type keeps it complete: a key missing here is a compile error. */
export const en: Catalogue = {
  app: { name: 'ClinicDesk' },
  screen: { reception: 'Reception', doctor: 'Doctor', display: 'Waiting room', admin: 'Admin', start: 'Start' },
  connection: { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Connection lost, reconnecting…' },
  language: { label: 'Language', 'zh-CN': '中文', en: 'English' },
  errors: {
    INVALID_INPUT: 'Some input is not valid. Please check and try again.',
    FORBIDDEN: 'You are not allowed to do this.',
    NOT_FOUND: 'That record no longer exists.',
    UNKNOWN_METHOD: 'The host does not understand this request. Please update ClinicDesk.',
    CONFLICT: 'A record with that name already exists.',
    STALE: 'Someone else changed this meanwhile. Please look again.',
    SLOT_TAKEN: 'Too slow — that time band was just taken!',
    SLOT_CLOSED: 'That time band is closed (doctor off).',
    SLOT_IN_PAST: 'That time band is already over.',
    SLOT_HELD: 'Another desk is holding the last place in that band.',
    OUT_OF_HORIZON: 'That day is beyond the booking horizon.',
    ALREADY_BOOKED: 'The patient already has a booking with this doctor that day.',
    HOLD_EXPIRED: 'The hold expired. Please pick the band again.',
    NO_PLACES: 'No places are left today.',
    ILLEGAL_TRANSITION: 'That step is not possible in the current state.',
    DUPLICATE_PATIENT: 'A patient with the same details already exists.',
    INTERNAL: 'Something went wrong on the host. Nothing was changed.',
    OFFLINE: 'The connection to the host is down. Please try again shortly.',
  },
  directory: {
    departments: 'Departments',
    doctors: 'Doctors',
    noDoctors: 'No doctors yet. Add them in Admin.',
    doctorCount: '{{count}} doctors',
  },
  admin: {
    addDepartment: 'Add a department',
    departmentName: 'Department name',
    addDoctor: 'Add a doctor',
    doctorName: "Doctor's name",
    doctorTitle: 'Title',
    department: 'Department',
    choose: 'Choose…',
    save: 'Save',
    saved: 'Saved: {{name}}',
  },
  start: {
    title: 'Choose this computer’s screen',
    devNote:
      'Development convenience: until staff login exists, this computer (127.0.0.1) may pick a screen directly. Other computers on the LAN cannot.',
    doctorRoom: "{{name}}'s room",
  },
  placeholder: { comingSoon: 'This screen is being built.' },
}
