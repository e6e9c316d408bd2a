import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  bookAt,
  openReception,
  shot,
  startReceptionClinic,
  TOMORROW,
  type ReceptionClinic,
} from './reception-fixtures'

// Issue 12 part 1: every screen showing either record of a merge follows live — here the
// desk's patient card, open on the record the admin retires.

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('the desk’s patient card follows a merge', () => {
  for (const [lang, phone] of [
    ['zh-CN', '13911112222'],
    ['en', '13933334444'],
  ] as const) {
    test(`a card of the retired record switches to the kept one and says so (${lang})`, async () => {
      const zh = lang === 'zh-CN'
      // A second record of 王芳, made by mistake, with a booking for tomorrow.
      const dup = await clinic.host.must(RECEPTION, 'patients.register', {
        name: '王芳',
        sex: 'F',
        birthDate: '1985-04-12',
        phone,
      })
      // Each language's duplicate books another doctor: 王芳 may hold one booking per doctor a day.
      const doctor = zh ? clinic.doctorB : clinic.doctorA
      await bookAt(clinic, doctor.id, TOMORROW, '09:00', dup.id)
      const page = await openReception(browser, clinic.url, lang)
      await page.getByTestId('rx-search').pressSequentially(phone.slice(-4))
      const hit = page.locator(`[data-testid="rx-hits"] li[data-patient="${dup.id}"]`)
      await hit.waitFor()
      await hit.locator('[data-action="card"]').click()
      const card = page.getByTestId('rx-patient-card')
      await card.locator(`[data-patient="${dup.id}"]`).waitFor()

      await clinic.host.must(ADMIN, 'patients.merge', {
        keepId: clinic.wang.id,
        retireId: dup.id,
        reason: zh ? '重复建档' : 'duplicate',
      })
      await card.locator(`[data-patient="${clinic.wang.id}"]`).waitFor()
      await expect
        .poll(() => card.getByTestId('rx-card-merged').textContent())
        .toBe(
          zh
            ? `该患者的两份档案已合并：原档案 #${dup.id} 已停用，现显示保留的档案 #${clinic.wang.id}。`
            : `This patient's records were merged: record #${dup.id} is retired, the kept record #${clinic.wang.id} is shown.`,
        )
      // The retired record's booking moved onto the kept one, and the card shows it.
      await expect
        .poll(() =>
          card.locator('[data-section="upcoming"] li').filter({ hasText: TOMORROW }).count(),
        )
        .toBeGreaterThan(0)
      await shot(page, `card-merged-${zh ? 'zh' : 'en'}`)
      await page.close()
    })
  }
})
