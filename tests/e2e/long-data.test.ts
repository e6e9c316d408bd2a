import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { RECEPTION } from '../helpers/test-host'
import { book, startClinic } from './doctor-fixtures'
import { band, bookAt, openReception, startReceptionClinic, TODAY } from './reception-fixtures'

let browser: Browser
beforeAll(async () => void (browser = await launchChromium()))
afterAll(async () => browser?.close())

const COMPLAINT = '反复咳嗽咳痰，夜间加重，伴低热乏力。'.repeat(200).slice(0, 2000)
const LONG_NAME = '阿卜杜热合曼·买买提艾力·艾合买提江·吐尔逊'

describe('screens that survive real data', () => {
  test.each(['zh-CN', 'en'] as const)(
    'doctor (%s): a 2,000-character complaint and a long name are clamped, the whole text on a click',
    async (language) => {
      const clinic = await startClinic()
      try {
        const long = await book(clinic.host, clinic.day.slotsA[0]!, LONG_NAME, COMPLAINT)
        const short = await book(clinic.host, clinic.day.slotsA[0]!, '王芳', '头痛')
        for (const a of [long, short])
          await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
        await openScreen(
          page,
          clinic.url,
          { kind: 'doctor', doctorId: clinic.day.doctorA.id },
          language,
        )
        const row = page.locator(`[data-testid="queue-row"][data-appointment-id="${long.id}"]`)
        const other = page.locator(`[data-testid="queue-row"][data-appointment-id="${short.id}"]`)
        await row.waitFor()
        const height = async () => (await row.boundingBox())!.height
        // Two lines of complaint at most: the next patient is still in view, not a screen below.
        expect(await height()).toBeLessThan(80)
        expect((await other.boundingBox())!.y).toBeLessThan(768)
        const complaint = row.getByTestId('queue-complaint')
        await expect(complaint.getAttribute('title')).resolves.toBe(COMPLAINT)
        await expect(row.getByTestId('queue-name').getAttribute('title')).resolves.toBe(LONG_NAME)
        await docShot(page, `long-data-doctor-${language}`)

        await complaint.click()
        await expect(complaint.getAttribute('aria-expanded')).resolves.toBe('true')
        expect(await height()).toBeGreaterThan(150)
        await expect(complaint.textContent()).resolves.toBe(COMPLAINT)
        await complaint.press('Enter')
        await expect(complaint.getAttribute('aria-expanded')).resolves.toBe('false')
        expect(await height()).toBeLessThan(80)
        await page.close()
      } finally {
        await clinic.stop()
      }
    },
  )

  test.each(['zh-CN', 'en'] as const)(
    'reception (%s): phone and walk-in places apart, and Enter on a band with no phone place says why',
    async (language) => {
      // 4 places a band, 1 kept for walk-ins.
      const clinic = await startReceptionClinic()
      try {
        const third = await clinic.host.must(RECEPTION, 'patients.register', {
          name: '赵六',
          sex: 'M',
          birthDate: '1970-01-01',
          phone: '13900001111',
        })
        for (const p of [clinic.wang.id, clinic.li.id, third.id])
          await bookAt(clinic, clinic.doctorA.id, TODAY, '10:00', p)
        const page = await openReception(browser, clinic.url, language)
        const full = band(page, clinic.doctorA.id, '10:00')
        await expect.poll(() => full.getAttribute('data-state')).toBe('walkIn')
        const zh = language === 'zh-CN'
        await expect(full.locator('.rx-band-places').textContent()).resolves.toBe(
          zh ? '电话 0 · 现场 1' : '0 + 1 walk-in',
        )
        await expect(full.locator('.rx-band-tag').textContent()).resolves.toBe(
          zh ? '仅余现场号' : 'Walk-in only',
        )
        await expect(
          band(page, clinic.doctorA.id, '10:30').locator('.rx-band-places').textContent(),
        ).resolves.toBe(zh ? '电话 3 · 现场 1' : '3 + 1 walk-in')

        // The keyboard reaches the band (arrows move over every band); Enter explains, books nothing.
        await full.focus()
        await page.keyboard.press('Enter')
        const why = page.getByTestId('rx-band-why')
        await expect
          .poll(() => why.textContent())
          .toBe(
            zh
              ? '10:00–10:30 电话号已约满，余下 1 个号留给现场挂号（F3）。'
              : '10:00–10:30 has no phone places left: its 1 remaining place(s) are kept for walk-ins (F3).',
          )
        await expect(full.getAttribute('data-state')).resolves.toBe('walkIn')
        await docShot(page, `long-data-grid-${language}`)

        // An open band books as before and clears the explanation.
        await band(page, clinic.doctorA.id, '10:30').click()
        await expect
          .poll(() => band(page, clinic.doctorA.id, '10:30').getAttribute('data-state'))
          .toBe('mine')
        await expect(why.textContent()).resolves.toBe('')
        await page.close()
      } finally {
        await clinic.stop()
      }
    },
  )
})
