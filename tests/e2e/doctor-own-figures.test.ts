import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { busyMorning, startClinic } from './doctor-fixtures'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

// Checked in at 07:30, called at 08:05 (busyMorning): 35 minutes, the median of both calls.
const WAIT = { 'zh-CN': '35 分钟', en: '35 min' }

describe.each(['zh-CN', 'en'] as const)("the doctor's own figures (%s)", (lang) => {
  test('day and month beside the queue, from reports.summary narrowed to this doctor', async () => {
    const clinic = await startClinic()
    try {
      // Doctor A: one visit completed, patients called after waiting since 07:30.
      await busyMorning(clinic)
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      await openScreen(page, clinic.url, { kind: 'doctor', doctorId: clinic.day.doctorA.id }, lang)
      await page.getByTestId('queue-row').first().waitFor()
      const dd = (id: string) => page.getByTestId(id).locator('dd')
      await expect.poll(() => dd('own-month-seen').textContent()).toBe('1')
      expect(await dd('own-day-wait').textContent()).toBe(WAIT[lang])
      expect(await dd('own-month-noshow').textContent()).toBe('1')
      // The month so far is this one day: the same median.
      expect(await dd('own-month-wait').textContent()).toBe(await dd('own-day-wait').textContent())
      // Doctor B's called patient is not counted here.
      const b = await clinic.host.must(
        { role: 'doctor', doctorId: clinic.day.doctorB.id, label: 'b' },
        'reports.summary',
        { from: '2026-03-01', to: '2026-03-02', period: 'month' },
      )
      expect(b.doctorId).toBe(clinic.day.doctorB.id)
      expect(b.rows[0]?.completed ?? 0).toBe(0)
      await docShot(page, `doctor-own-figures-${lang}`)
      await page.close()
    } finally {
      await clinic.stop()
    }
  })
})
