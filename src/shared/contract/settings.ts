import { z } from 'zod'
import { event, method } from './define'

/** Clinic-wide booking rules and preferences. Defaults are the clinic's until an admin changes them. */
export const ClinicSettings = z.strictObject({
  clinicName: z.string().trim().min(1).max(100),
  /** IANA zone: "today" and every slot time are in it. */
  timeZone: z.string().min(1).max(64),
  /** How many days ahead slots exist and can be booked. */
  horizonDays: z.number().int().min(1).max(180),
  /** A phone booking must be at least this many minutes before the band starts. */
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** How long a receptionist's hold on a place lasts. */
  holdMinutes: z.number().int().min(1).max(30),
  /** One live booking per patient per doctor per day. */
  onePerDoctorPerDay: z.boolean(),
  /** 过号: a skipped patient goes back this many places… */
  skipBackPlaces: z.number().int().min(0).max(50),
  /** …and becomes NO_SHOW at this many skips. */
  skipLimit: z.number().int().min(1).max(10),
  /** Closed appointments older than this many days move to the archive. */
  archiveAfterDays: z.number().int().min(1).max(3650),
  ticketPaper: z.enum(['58mm', '80mm', 'A4']),
  idleLockMinutes: z.number().int().min(0).max(240),
  /** Whether the waiting-room display's masked feed may be opened without a login. */
  displayWithoutLogin: z.boolean(),
  /**
   * Issue 17: true, the desk takes the fee when the patient arrives (签到), so a booking is
   * CONFIRMED at once; false, a booking or walk-in stays PENDING (待支付) until payments.pay.
   */
  chargeAtCheckIn: z.boolean(),
  /**
   * Issue 14, 候补: a place that frees is booked at once for the first eligible patient in line
   * (book), or held for them (候补待确认) until the desk has phoned them and accepts (offer).
   */
  waitlistMode: z.enum(['book', 'offer']),
  /** Offer mode: how long a place stays held for the patient offered it before it goes to the next. */
  waitlistOfferMinutes: z.number().int().min(1).max(240),
})
export type ClinicSettings = z.infer<typeof ClinicSettings>

export const DEFAULT_SETTINGS: ClinicSettings = {
  clinicName: 'ClinicDesk 诊所',
  timeZone: 'Asia/Shanghai',
  horizonDays: 28,
  minNoticeMinutes: 0,
  holdMinutes: 5,
  onePerDoctorPerDay: true,
  skipBackPlaces: 3,
  skipLimit: 2,
  archiveAfterDays: 30,
  ticketPaper: '80mm',
  idleLockMinutes: 10,
  displayWithoutLogin: true,
  // A phone booking cannot be paid over the phone at an offline clinic: charge on arrival.
  chargeAtCheckIn: true,
  waitlistMode: 'book',
  waitlistOfferMinutes: 15,
}

export const settingsMethods = {
  'settings.get': method({
    summary:
      "The clinic's settings and booking rules, with today's date in the clinic's time zone.",
    input: z.strictObject({}),
    result: z.object({ settings: ClinicSettings, today: z.string(), now: z.string() }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
  'settings.update': method({
    summary: 'Changes some settings; the others stay.',
    input: ClinicSettings.partial(),
    result: ClinicSettings,
    roles: ['admin'],
  }),
}

export const settingsEvents = {
  'settings.changed': event({
    summary: 'Settings changed; screens re-read settings.get.',
    payload: z.object({ keys: z.array(z.string()) }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
}
