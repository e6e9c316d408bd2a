import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { forEachEngine } from '../helpers/engines'
import { RECEPTION } from '../helpers/test-host'
import {
  band,
  cuttableLink,
  delaySlotEvents,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  TOMORROW,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())
beforeEach(async () => void (clinic = await startReceptionClinic()))
afterEach(async () => clinic?.stop())

// On SQLite and on PostgreSQL: the screens cannot tell which engine the host stores into.
forEachEngine(() => {
  describe('reception: booking a phone patient', () => {
    test('pick a band → held with a countdown → find the patient → confirm: booked, grid and list update', async () => {
      const page = await openReception(browser, clinic.url)
      // Past bands are disabled, open ones bright.
      await expect(band(page, clinic.doctorA.id, '08:00').getAttribute('data-state')).resolves.toBe(
        'past',
      )
      await expect(band(page, clinic.doctorA.id, '09:30').getAttribute('data-state')).resolves.toBe(
        'open',
      )

      await page.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
      // 4 places a band, 1 kept for walk-ins: a phone booking sees 3, the walk-in place shown apart.
      await expect
        .poll(() => band(page, clinic.doctorA.id, '10:00').locator('.rx-band-places').textContent())
        .toBe('电话 3 · 现场 1')
      await band(page, clinic.doctorA.id, '10:00').click()
      await expect
        .poll(() => band(page, clinic.doctorA.id, '10:00').getAttribute('data-state'))
        .toBe('mine')
      await expect(page.getByTestId('rx-countdown').textContent()).resolves.toMatch(/5:00|4:5\d/)
      await page.getByTestId('rx-search').fill('wf')
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await shot(page, 'book-held-zh')
      await page.getByTestId('rx-search').press('Enter')
      await expect(page.getByTestId('rx-patient').textContent()).resolves.toContain('王芳')
      await page.getByTestId('rx-complaint').fill('头痛两天')
      await page.getByTestId('rx-confirm').dblclick()
      await expect.poll(() => page.getByTestId('rx-message').textContent()).toContain('预约成功')
      await shot(page, 'booked-zh')

      const day = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
      expect(day).toHaveLength(1)
      expect(day[0]).toMatchObject({
        patientName: '王芳',
        startTime: '10:00',
        chiefComplaint: '头痛两天',
        doctorId: clinic.doctorA.id,
      })
      await expect
        .poll(() => band(page, clinic.doctorA.id, '10:00').locator('.rx-band-places').textContent())
        .toBe('电话 2 · 现场 1')
      void TODAY
    })
  })

  describe('reception: two desks, one last place', () => {
    test('desk A books the last place a moment before desk B clicks it: B sees 手慢了 and a refreshed grid; one booking', async () => {
      await clinic.stop()
      clinic = await startReceptionClinic({ quota: 1, walkIn: 0 })
      const deskA = await openReception(browser, clinic.url)
      let gate: Awaited<ReturnType<typeof delaySlotEvents>> | undefined
      const deskB = await openReception(
        browser,
        clinic.url,
        'zh-CN',
        async (page) => void (gate = await delaySlotEvents(page)),
      )
      for (const desk of [deskA, deskB]) {
        await desk.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
        await expect
          .poll(() => band(desk, clinic.doctorB.id, '09:00').getAttribute('data-state'))
          .toBe('open')
      }
      // B's screen is a moment behind while A holds and books the last place.
      gate!.hold = true
      await band(deskA, clinic.doctorB.id, '09:00').click()
      await expect
        .poll(() => band(deskA, clinic.doctorB.id, '09:00').getAttribute('data-state'))
        .toBe('mine')
      await deskA.getByTestId('rx-search').fill('5678')
      await deskA.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await deskA.getByTestId('rx-search').press('Enter')
      await deskA.getByTestId('rx-complaint').press('Enter')
      await expect.poll(() => deskA.getByTestId('rx-message').textContent()).toContain('预约成功')

      // B still shows the band open and clicks it: the host says it is taken.
      await expect(
        band(deskB, clinic.doctorB.id, '09:00').getAttribute('data-state'),
      ).resolves.toBe('open')
      await band(deskB, clinic.doctorB.id, '09:00').click()
      await expect
        .poll(() => deskB.getByTestId('rx-message').textContent())
        .toBe('手慢了，该时段刚被抢走！')
      // …and B's grid is re-read at once, without waiting for the delayed events: full, not clickable.
      await expect
        .poll(() => band(deskB, clinic.doctorB.id, '09:00').getAttribute('data-state'))
        .toBe('full')
      await expect(
        band(deskB, clinic.doctorB.id, '09:00').getAttribute('aria-disabled'),
      ).resolves.toBe('true')
      await shot(deskB, 'race-lost-zh')
      gate!.release()

      const booked = await clinic.host.must(RECEPTION, 'appointments.forDay', {
        date: TOMORROW,
        doctorId: clinic.doctorB.id,
      })
      expect(booked.filter((a) => a.startTime === '09:00')).toHaveLength(1)
      expect(booked[0]).toMatchObject({ patientId: clinic.wang.id })
    })

    test('both desks click the last place at the same instant: exactly one holds it', async () => {
      await clinic.stop()
      clinic = await startReceptionClinic({ quota: 1, walkIn: 0 })
      const deskA = await openReception(browser, clinic.url)
      const deskB = await openReception(browser, clinic.url)
      for (const desk of [deskA, deskB]) {
        await desk.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
        await expect
          .poll(() => band(desk, clinic.doctorB.id, '09:00').getAttribute('data-state'))
          .toBe('open')
      }
      await Promise.all([
        band(deskA, clinic.doctorB.id, '09:00').click(),
        band(deskB, clinic.doctorB.id, '09:00').click(),
      ])
      const stateOf = (desk: typeof deskA) =>
        band(desk, clinic.doctorB.id, '09:00').getAttribute('data-state')
      await expect
        .poll(async () => [await stateOf(deskA), await stateOf(deskB)].sort())
        .toEqual(['held', 'mine'])
      const slot = (
        await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
          doctorId: clinic.doctorB.id,
          date: TOMORROW,
        })
      ).find((s) => s.startTime === '09:00')!
      expect(slot).toMatchObject({ held: 1, booked: 0, placesLeft: 0 })
    })
  })

  describe('reception: the link drops in the middle of a booking', () => {
    test('the host books, its answer is lost with the socket: the desk reconnects, retries with the same key and shows the one booking', async () => {
      let link: Awaited<ReturnType<typeof cuttableLink>> | undefined
      const page = await openReception(
        browser,
        clinic.url,
        'zh-CN',
        async (p) => void (link = await cuttableLink(p)),
      )
      await page.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
      await band(page, clinic.doctorA.id, '10:30').click()
      await expect
        .poll(() => band(page, clinic.doctorA.id, '10:30').getAttribute('data-state'))
        .toBe('mine')
      await page.getByTestId('rx-search').fill('5678')
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await page.getByTestId('rx-search').press('Enter')
      const cut = link!.arm('appointments.book')
      await page.getByTestId('rx-confirm').click()
      await cut
      // The page noticed the drop, came back by itself, and tells the true outcome: booked.
      await expect.poll(() => page.getByTestId('rx-message').textContent()).toContain('预约成功')
      await page.locator('[data-testid="connection"][data-status="connected"]').first().waitFor()
      await expect(page.getByTestId('rx-confirm').isDisabled()).resolves.toBe(true) // nothing left to confirm

      const booked = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
      expect(booked).toHaveLength(1)
      expect(booked[0]).toMatchObject({ patientId: clinic.wang.id, startTime: '10:30' })
      const slot = (
        await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
          doctorId: clinic.doctorA.id,
          date: TOMORROW,
        })
      ).find((s) => s.startTime === '10:30')!
      expect(slot).toMatchObject({ booked: 1, held: 0 })
      // …and the panel takes the next band at once: nothing is left stuck.
      await band(page, clinic.doctorA.id, '11:00').click()
      await expect
        .poll(() => band(page, clinic.doctorA.id, '11:00').getAttribute('data-state'))
        .toBe('mine')
    })
  })

  describe('reception: keyboard only', () => {
    test('a returning phone patient is booked for tomorrow in at most 12 keystrokes, no mouse', async () => {
      const page = await openReception(browser, clinic.url)
      let keystrokes = 0
      const press = async (key: string) => {
        keystrokes++
        await page.keyboard.press(key)
      }
      const type = async (text: string) => {
        for (const ch of text) await press(ch)
      }
      // The screen opens with the keyboard on today's first open band.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-state')))
        .toBe('open')
      await press('PageDown') // tomorrow
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-start')))
        .toBe('08:00')
      await press('ArrowRight') // 08:30, doctor 王建国
      await press('Enter') // hold it
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('rx-search')
      await type('5678') // last 4 digits of the caller's mobile
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await press('Enter') // that patient
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('rx-complaint')
      await press('Enter') // confirm
      await expect.poll(() => page.getByTestId('rx-message').textContent()).toContain('预约成功')

      expect(keystrokes).toBeLessThanOrEqual(12)
      console.log(`keystrokes for a returning phone patient: ${keystrokes}`)
      const booked = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
      expect(booked).toHaveLength(1)
      expect(booked[0]).toMatchObject({
        patientId: clinic.wang.id,
        doctorId: clinic.doctorA.id,
        startTime: '08:30',
        source: 'PHONE',
      })
    })
  })

  describe('reception: walk-in', () => {
    test("F3: a found patient gets today's earliest open band and the ticket prints", async () => {
      const page = await openReception(browser, clinic.url)
      await page.evaluate(() => {
        // Count print requests: headless Chromium has no print dialog to show.
        ;(window as unknown as { printed: number }).printed = 0
        window.print = () => void (window as unknown as { printed: number }).printed++
      })
      await page.keyboard.press('F3')
      await expect(page.getByTestId('rx-booking').getAttribute('data-mode')).resolves.toBe('walkIn')
      await page.keyboard.type('lm')
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await shot(page, 'walkin-search-zh')
      await page.keyboard.press('Enter')
      await page.keyboard.press('Enter')
      const ticket = page.getByTestId('rx-ticket-dialog').getByTestId('ticket')
      await ticket.waitFor()
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
        .toBe(1)
      await shot(page, 'walkin-ticket-zh')

      const today = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
      expect(today).toHaveLength(1)
      expect(today[0]).toMatchObject({
        patientId: clinic.li.id,
        source: 'WALK_IN',
        status: 'CHECKED_IN',
      })
      await expect(ticket.textContent()).resolves.toContain('李明')
      await expect(page.getByTestId('ticket-no').first().textContent()).resolves.toBe(
        String(today[0]!.queueNo),
      )
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('rx-ticket-dialog').count()).resolves.toBe(0)
    })
  })

  describe('reception: letting go', () => {
    test('Esc releases the hold: the band is free again here and on the host (English screen)', async () => {
      const page = await openReception(browser, clinic.url, 'en')
      await page.keyboard.press('PageDown')
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-start')))
        .toBe('08:00')
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.getByTestId('rx-countdown').textContent())
        .toMatch(/^Held for this desk: [45]:\d\d left$/)
      const held = async () =>
        (
          await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
            doctorId: clinic.doctorA.id,
            date: TOMORROW,
          })
        ).find((s) => s.startTime === '08:00')!.held
      expect(await held()).toBe(1)
      await shot(page, 'book-held-en')

      await page.keyboard.press('Escape')
      await expect.poll(held).toBe(0)
      await expect
        .poll(() => band(page, clinic.doctorA.id, '08:00').getAttribute('data-state'))
        .toBe('open')
      await expect(page.getByTestId('rx-held').textContent()).resolves.toContain('Pick a time band')
    })
  })
})
