import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { docShot } from '../helpers/doc-screenshots'
import { busyMorning, startClinic } from './doctor-fixtures'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe.each(['zh-CN', 'en'] as const)('waiting-room display screenshots (%s)', (lang) => {
  test('the board, and a call being made', async () => {
    const clinic = await startClinic()
    try {
      const { doctor } = await busyMorning(clinic)
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await openScreen(page, clinic.url, { kind: 'display' }, lang)
      await expect.poll(() => page.getByTestId('room-card').count()).toBe(2)
      await docShot(page, `display-board-${lang}`)

      await clinic.host.must(doctor, 'queue.callNext', { doctorId: clinic.day.doctorA.id })
      await page.getByTestId('call-banner').waitFor()
      await page.waitForTimeout(1500) // past the entry animation
      await docShot(page, `display-calling-${lang}`)
      await page.close()
    } finally {
      await clinic.stop()
    }
  })
})
