import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  band,
  bookAt,
  shot,
  startReceptionClinic,
  TODAY,
  TOMORROW,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

/** Today: 10:00 of doctor A has no phone place left (its walk-in place is kept), 10:30 of doctor A held at another desk; tomorrow doctor B is off (停诊). */
beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  const names = ['赵丽', '孙强', '周敏', '吴刚', '郑爽']
  for (const [i, name] of names.entries()) {
    const p = await clinic.host.must(RECEPTION, 'patients.register', {
      name,
      sex: i % 2 ? 'M' : 'F',
      birthDate: `19${70 + i}-02-03`,
      phone: `1370000000${i}`,
    })
    await bookAt(clinic, clinic.doctorA.id, TODAY, i < 3 ? '10:00' : '10:30', p.id)
  }
  const half = (
    await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
      doctorId: clinic.doctorA.id,
      date: TODAY,
    })
  ).find((s) => s.startTime === '10:30')!
  await clinic.host.must(RECEPTION, 'holds.create', { slotId: half.id })
  await bookAt(clinic, clinic.doctorB.id, TODAY, '09:30', clinic.li.id)
  await clinic.host.must(ADMIN, 'schedules.closeDay', {
    doctorId: clinic.doctorB.id,
    date: TOMORROW,
    reason: '外出学习',
  })
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

/** Text that does not fit its box: a block whose content is wider than itself, or a box that spills out of the window. */
const cutOff = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const bad: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.rx *, dialog[open] *'))) {
      if (
        el.closest('.rx-ellipsis') ||
        el.tagName === 'SELECT' ||
        el.tagName === 'INPUT' ||
        el.tagName === 'OPTION'
      )
        continue
      const style = getComputedStyle(el)
      if (style.display === 'inline' || el.offsetParent === null) continue
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll'
      if (!scrolls && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim())
        bad.push(`${el.className}: ${el.textContent.trim().slice(0, 40)}`)
      if (el.getBoundingClientRect().right > window.innerWidth + 1)
        bad.push(`off-screen ${el.className}: ${el.textContent?.trim().slice(0, 40)}`)
    }
    return bad
  })

async function look(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(120) // let the hold countdown and fonts settle
  expect(await cutOff(page), `cut-off text in ${name}`).toEqual([])
  await shot(page, name)
}

describe('reception at 1366×768, every state, both languages', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const sfx = lang === 'en' ? 'en' : 'zh'
    test(`${lang}: nothing cut off, nothing jumps when data arrives`, async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
      // The frame is laid out before any data: the same boxes must stand after it arrives.
      const boxes = () =>
        page.evaluate(() =>
          [
            '.rx-side',
            '.rx-gridcard',
            '.rx-panel',
            '.rx-search-box',
            '.rx-hits',
            '.rx-step-confirm',
          ].map((s) => {
            const r = document.querySelector(s)?.getBoundingClientRect()
            return r
              ? [
                  s,
                  Math.round(r.x),
                  Math.round(r.y),
                  Math.round(r.width),
                  Math.round(r.height),
                ].join(' ')
              : `${s} missing`
          }),
        )
      await openScreen(page, clinic.url, { kind: 'reception' }, lang)
      const before = await boxes()
      await page.locator('button.rx-band').first().waitFor()
      expect(await boxes()).toEqual(before)

      await expect
        .poll(() => band(page, clinic.doctorA.id, '10:00').getAttribute('data-state'))
        .toBe('walkIn')
      await expect(band(page, clinic.doctorA.id, '10:30').getAttribute('data-state')).resolves.toBe(
        'held',
      )
      await look(page, `grid-${sfx}`)

      await band(page, clinic.doctorA.id, '11:00').click()
      await page.getByTestId('rx-search').pressSequentially('138')
      await page.locator('[data-testid="rx-hits"] li[data-patient]').first().waitFor()
      await look(page, `held-search-${sfx}`)

      await page.keyboard.press('Alt+N')
      await page.getByTestId('rx-reg-name').fill('陈小红')
      await page.getByTestId('rx-reg-id').fill('110105199001010010')
      await expect(page.getByTestId('rx-reg-birth').inputValue()).resolves.toBe('1990-01-01')
      await expect(page.getByTestId('rx-reg-sex').inputValue()).resolves.toBe('M')
      await look(page, `register-${sfx}`)
      await page.keyboard.press('Escape')

      await page.locator(`.rx-calendar button[data-day="${TOMORROW}"]`).click()
      await expect
        .poll(() => band(page, clinic.doctorB.id, '09:00').getAttribute('data-state'))
        .toBe('closed')
      await look(page, `closed-day-${sfx}`)
      await page.keyboard.press('Escape')

      await page.keyboard.press('F3')
      await look(page, `walkin-${sfx}`)

      await page.locator(`.rx-calendar button[data-day="${TODAY}"]`).click()
      await page.keyboard.press('F4')
      await expect
        .poll(() => page.locator('[data-testid="rx-daylist"] tbody tr').count())
        .toBeGreaterThan(3)
      await look(page, `daylist-${sfx}`)

      await page
        .locator('[data-testid="rx-daylist"] tbody tr')
        .first()
        .locator('[data-action="ticket"]')
        .click()
      await page.getByTestId('rx-ticket-dialog').getByTestId('ticket').waitFor()
      await look(page, `ticket-${sfx}`)
      await page.keyboard.press('Escape')

      await page
        .locator('[data-testid="rx-daylist"] tbody tr')
        .first()
        .locator('[data-action="cancel"]')
        .click()
      await look(page, `cancel-${sfx}`)
      await page.keyboard.press('Escape')

      await page
        .locator('[data-testid="rx-daylist"] tbody tr')
        .first()
        .locator('[data-action="reschedule"]')
        .click()
      await page.getByTestId('rx-reschedule-grid').locator('button.rx-band').first().waitFor()
      await look(page, `reschedule-${sfx}`)
      await page.close()
    })
  }
})
