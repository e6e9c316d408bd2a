import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { RECEPTION } from '../helpers/test-host'
import {
  band,
  bookAt,
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
// Two places a band, none kept for walk-ins: two bookings fill it.
beforeEach(async () => void (clinic = await startReceptionClinic({ quota: 2, walkIn: 0 })))
afterEach(async () => clinic?.stop())

const extraTag = (page: Page, id: number) =>
  page.locator(
    `[data-testid="rx-daylist"] tr[data-appointment="${id}"] [data-testid="rx-extra-tag"]`,
  )

/** Fills doctor A's 10:00 band today, and registers the patient who gets the extra place. */
async function fullBand() {
  await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.wang.id)
  await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', clinic.li.id)
  return clinic.host.must(RECEPTION, 'patients.register', {
    name: '赵小红',
    sex: 'F',
    birthDate: '1978-09-20',
    phone: '13700137000',
  })
}

describe('reception: 加号 (an extra place the doctor agreed to)', () => {
  test('adds a place to a full band naming the doctor, books it; grid, day list, ticket and the doctor’s queue show it', async () => {
    const zhao = await fullBand()
    const page = await openReception(browser, clinic.url)
    const tenOClock = band(page, clinic.doctorA.id, '10:00')
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('full')

    await page
      .locator(
        `[data-testid="rx-grid"] [data-doctor="${clinic.doctorA.id}"] [data-testid="rx-extra-open"]`,
      )
      .click()
    const dialog = page.getByTestId('rx-extra-dialog')
    await dialog.waitFor()
    const bandSelect = dialog.getByTestId('rx-extra-band')
    expect(await bandSelect.inputValue()).toBe(`band:${await tenOClock.getAttribute('data-slot')}`)
    // The doctor's agreement is named before anything can be added.
    await expect(dialog.getByTestId('rx-extra-confirm').isDisabled()).resolves.toBe(true)
    await dialog.getByTestId('rx-extra-reason').fill('复诊，医生同意')
    await dialog.getByTestId('rx-extra-agreed').check()
    await shot(page, 'extra-dialog-zh')
    await dialog.getByTestId('rx-extra-confirm').click()
    await dialog.waitFor({ state: 'detached' })

    // The new place is held for this desk at once; the band says it includes one extra place.
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('mine')
    await expect.poll(() => tenOClock.locator('.rx-band-extra').textContent()).toBe('含加号 1')
    await expect(tenOClock.locator('.rx-band-places').textContent()).resolves.toContain('3')
    const [step] = await clinic.host.must(RECEPTION, 'slots.extraForDay', {
      doctorId: clinic.doctorA.id,
      date: TODAY,
    })
    expect(step).toMatchObject({
      startTime: '10:00',
      count: 1,
      agreedBy: clinic.doctorA.id,
      reason: '复诊，医生同意',
    })

    await page.getByTestId('rx-search').fill('7000')
    await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
    await page.getByTestId('rx-search').press('Enter')
    await expect(page.getByTestId('rx-patient').textContent()).resolves.toContain('赵小红')
    await page.getByTestId('rx-confirm').click()
    await expect.poll(() => page.getByTestId('rx-message').textContent()).toContain('预约成功')
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('full')
    await expect(tenOClock.locator('.rx-band-extra').textContent()).resolves.toBe('含加号 1')
    await shot(page, 'extra-grid-zh')

    const [booked] = (
      await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
    ).filter((a) => a.patientId === zhao.id)
    expect(booked).toMatchObject({ extra: true, startTime: '10:00' })

    await page.keyboard.press('F4')
    await page.getByTestId('rx-daylist').waitFor()
    await expect.poll(() => extraTag(page, booked!.id).textContent()).toBe('加号')
    await expect(page.locator('[data-testid="rx-extra-tag"]').count()).resolves.toBe(1)
    await shot(page, 'extra-daylist-zh')
    await page
      .locator(
        `[data-testid="rx-daylist"] tr[data-appointment="${booked!.id}"] [data-action="ticket"]`,
      )
      .click()
    const ticket = page.getByTestId('rx-ticket-dialog').getByTestId('ticket')
    await expect.poll(() => ticket.textContent()).toContain('加号')

    // The doctor's queue marks the patient seen in the extra place.
    const doctor = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(doctor, clinic.url, { kind: 'doctor', doctorId: clinic.doctorA.id })
    const row = doctor.locator(`[data-testid="queue-row"][data-appointment-id="${booked!.id}"]`)
    await expect
      .poll(() => row.locator('[data-testid="queue-extra-tag"]').textContent())
      .toBe('加号')
    await expect(doctor.locator('[data-testid="queue-extra-tag"]').count()).resolves.toBe(1)
    await docShot(doctor, 'doctor-extra-zh')
    await doctor.close()
  })

  test('in English: the grid and the day list follow a place added at another screen, live', async () => {
    await fullBand()
    const page = await openReception(browser, clinic.url, 'en')
    const tenOClock = band(page, clinic.doctorA.id, '10:00')
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('full')
    const slotId = Number(await tenOClock.getAttribute('data-slot'))
    // Another desk (through the contract) adds and books in one step; this page only listens.
    const r = await clinic.host.must(RECEPTION, 'slots.addExtra', {
      slotId,
      count: 2,
      agreedBy: clinic.doctorA.id,
      reason: 'urgent',
      idempotencyKey: 'rx-e2e-extra-en-1',
      book: { patientId: (await fullBandPatient()).id },
    })
    expect(r.appointment?.extra).toBe(true)
    await expect.poll(() => tenOClock.locator('.rx-band-extra').textContent()).toBe('incl. 2 extra')
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('open')
    await page
      .locator(
        `[data-testid="rx-grid"] [data-doctor="${clinic.doctorA.id}"] [data-testid="rx-extra-open"]`,
      )
      .click()
    const dialog = page.getByTestId('rx-extra-dialog')
    await dialog.getByTestId('rx-extra-agreed').check()
    await shot(page, 'extra-dialog-en')
    await dialog.getByRole('button', { name: /^Back/ }).click()
    await shot(page, 'extra-grid-en')
    await page.keyboard.press('F4')
    await page.getByTestId('rx-daylist').waitFor()
    await expect.poll(() => extraTag(page, r.appointment!.id).textContent()).toBe('Extra')
    await shot(page, 'extra-daylist-en')
  })
})

describe('doctor: 加号 from the room', () => {
  test('the doctor adds a place to their own full band; the desk grid follows live', async () => {
    await fullBand()
    const desk = await openReception(browser, clinic.url)
    const tenOClock = band(desk, clinic.doctorA.id, '10:00')
    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('full')

    const doctor = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(doctor, clinic.url, { kind: 'doctor', doctorId: clinic.doctorA.id })
    await doctor.getByTestId('doctor-extra-open').click()
    const dialog = doctor.getByTestId('doctor-extra-dialog')
    await expect
      .poll(() => dialog.getByTestId('doctor-extra-band').locator('option:checked').textContent())
      .toContain('10:00')
    await docShot(doctor, 'doctor-extra-dialog-zh')
    await dialog.getByTestId('doctor-extra-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => doctor.getByTestId('doctor-extra-done').textContent())
      .toContain('10:00')

    await expect.poll(() => tenOClock.getAttribute('data-state')).toBe('open')
    await expect(tenOClock.locator('.rx-band-extra').textContent()).resolves.toBe('含加号 1')
    const [step] = await clinic.host.must(RECEPTION, 'slots.extraForDay', {
      doctorId: clinic.doctorA.id,
      date: TODAY,
    })
    expect(step).toMatchObject({ agreedBy: clinic.doctorA.id, count: 1 })
    expect(step!.createdBy).toMatch(/doctor|医生|dr/i)
    await doctor.close()
  })
})

/** A third patient for the English case. */
function fullBandPatient() {
  return clinic.host.must(RECEPTION, 'patients.register', {
    name: 'Chen Jie',
    sex: 'M',
    birthDate: '1970-02-02',
  })
}
