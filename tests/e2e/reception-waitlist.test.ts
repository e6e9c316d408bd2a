import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  key,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
// One place a band, none kept for walk-ins: one booking fills a band.
beforeEach(async () => void (clinic = await startReceptionClinic({ quota: 1, walkIn: 0 })))
afterEach(async () => clinic?.stop())

/** Books every band of doctor A still to come today, each for a new patient: the day is full. */
async function fillDoctorA(): Promise<number[]> {
  const slots = await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
    doctorId: clinic.doctorA.id,
    date: TODAY,
  })
  const ids: number[] = []
  for (const [i, slot] of slots.filter((s) => s.placesLeft > 0).entries()) {
    const p = await clinic.host.must(RECEPTION, 'patients.register', {
      name: `满号${i + 1}`,
      sex: 'M',
      birthDate: '1970-01-01',
    })
    const a = await clinic.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: p.id,
      idempotencyKey: key(),
    })
    ids.push(a.id)
  }
  return ids
}

describe('reception: 候补 (the waitlist)', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const sfx = lang === 'en' ? 'en' : 'zh'
    test(`${lang}: a full doctor-day takes the patient in line; a cancel books them and puts them on the call-back list`, async () => {
      const booked = await fillDoctorA()
      const page = await openReception(browser, clinic.url, lang)
      await page.getByTestId('rx-doctor').selectOption(String(clinic.doctorA.id))
      await page.getByTestId('rx-search').fill('4321')
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await page.getByTestId('rx-search').press('Enter')
      await page.getByTestId('rx-patient').waitFor()
      await page.getByTestId('rx-tab-waitlist').click()
      await page.getByTestId('rx-waitlist-add').click()
      const entry = page.getByTestId('rx-waitlist-entry')
      await expect.poll(() => entry.count()).toBe(1)
      await expect(entry.first().textContent()).resolves.toContain('李明')
      await expect(entry.first().textContent()).resolves.toContain('13912344321')
      await shot(page, `waitlist-line-${sfx}`)

      // Another desk cancels a booking: the place goes to 李明 in that same transaction.
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booked[0]!, reason: '有事' })
      const call = page.getByTestId('rx-callback-entry')
      await expect.poll(() => call.count()).toBe(1)
      await expect(call.first().textContent()).resolves.toContain(
        lang === 'en' ? 'Booked from waitlist' : '候补成功',
      )
      await expect(call.first().textContent()).resolves.toContain('13912344321')
      await expect.poll(() => entry.count()).toBe(0)
      await shot(page, `waitlist-callback-${sfx}`)
      const forDay = await clinic.host.must(RECEPTION, 'appointments.forDay', {
        date: TODAY,
        doctorId: clinic.doctorA.id,
      })
      expect(
        forDay.filter((a) => a.patientId === clinic.li.id && a.status === 'CONFIRMED'),
      ).toHaveLength(1)
      await page.close()
    })
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    const sfx = lang === 'en' ? 'en' : 'zh'
    test(`${lang}: offer mode holds the freed place for the patient (候补待确认) until the desk books it; the card shows the place in line`, async () => {
      await clinic.host.must(ADMIN, 'settings.update', { waitlistMode: 'offer' })
      const booked = await fillDoctorA()
      const li = await clinic.host.must(RECEPTION, 'waitlist.add', {
        patientId: clinic.li.id,
        doctorId: clinic.doctorA.id,
        date: TODAY,
      })
      const page = await openReception(browser, clinic.url, lang)
      await page.getByTestId('rx-doctor').selectOption(String(clinic.doctorA.id))
      // The patient card says where 李明 stands.
      await page.getByTestId('rx-search').fill('4321')
      const hit = page.locator(`[data-testid="rx-hits"] li[data-patient="${clinic.li.id}"]`)
      await hit.waitFor()
      await hit.locator('[data-action="card"]').click()
      const cardLine = page.getByTestId('rx-card-waitlist-entry')
      await expect.poll(() => cardLine.count()).toBe(1)
      await expect(cardLine.first().textContent()).resolves.toContain(
        lang === 'en' ? 'No. 1 for' : '候补第 1 位',
      )
      await shot(page, `waitlist-card-${sfx}`)
      await page.keyboard.press('Escape')

      await page.getByTestId('rx-tab-waitlist').click()
      await expect.poll(() => page.getByTestId('rx-waitlist-entry').count()).toBe(1)
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booked[0]!, reason: '有事' })
      const offer = page.getByTestId('rx-offer-entry')
      await expect.poll(() => offer.count()).toBe(1)
      await expect(offer.first().textContent()).resolves.toContain(
        lang === 'en' ? 'Place held, to confirm' : '候补待确认',
      )
      await expect(offer.first().textContent()).resolves.toContain('13912344321')
      await expect.poll(() => page.getByTestId('rx-waitlist-offered').count()).toBe(1)
      expect((await clinic.host.must(RECEPTION, 'waitlist.position', { id: li.id })).status).toBe(
        'OFFERED',
      )
      await shot(page, `waitlist-offer-${sfx}`)

      await offer.first().getByTestId('rx-offer-accept').click()
      await expect.poll(() => offer.count()).toBe(0)
      await expect.poll(() => page.getByTestId('rx-waitlist-entry').count()).toBe(0)
      const entry = await clinic.host.must(RECEPTION, 'waitlist.position', { id: li.id })
      expect(entry).toMatchObject({ status: 'BOOKED' })
      expect(entry.calledBackAt).not.toBeNull()
      await page.close()
    })
  }
})
