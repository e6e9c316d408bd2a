import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ConnectionSession } from '../../src/main/host/connection'
import { ADMIN, RECEPTION, manualClock } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'
import { MONDAY_0730, TODAY } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let doctorId: number

/** The demo clinic, with three of the first doctor's patients booked today, a few accounts and a holiday. */
beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730), demo: true })
  const { host } = started
  const { doctors } = await host.must(ADMIN, 'directory.get', {})
  doctorId = doctors[0]!.id
  // The demo's weekly sessions when it has them; a Monday morning otherwise.
  if (
    (await host.must(ADMIN, 'templates.list', { doctorId })).every(
      (t) => t.weekday !== 1 || t.startTime > '09:00',
    )
  ) {
    await host.must(ADMIN, 'templates.save', {
      doctorId,
      weekday: 1,
      startTime: '08:00',
      endTime: '12:00',
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 1,
    })
  }
  const slots = (await host.must(ADMIN, 'slots.forDoctorDay', { doctorId, date: TODAY })).filter(
    (s) => s.placesLeft > 0,
  )
  for (const [i, name] of ['周小燕', '吴志强', '郑丽'].entries()) {
    const p = await host.must(RECEPTION, 'patients.register', {
      name,
      sex: i % 2 ? 'M' : 'F',
      birthDate: `197${i}-06-1${i}`,
      phone: `1380013800${i}`,
    })
    await host.must(RECEPTION, 'appointments.book', {
      slotId: slots[i]!.id,
      patientId: p.id,
      idempotencyKey: `admin-screens-${i}`,
    })
  }
  await host.must(ADMIN, 'staff.create', {
    name: '王芳',
    username: 'wangfang',
    role: 'reception',
    secret: '246810',
  })
  await host.must(ADMIN, 'staff.create', {
    name: '王建国',
    username: 'wangjg',
    role: 'doctor',
    doctorId,
    secret: 'consult-room-3',
  })
  await host.must(ADMIN, 'holidays.set', { date: '2026-04-04', name: '清明节' })
  // Someone on the LAN guessing wangfang's PIN: the staff page shows the delays it caused.
  const guesser = new ConnectionSession({ kind: 'socket', origin: '192.168.1.66' })
  for (let i = 0; i < 6; i++)
    await host.dispatch(
      guesser.caller,
      'auth.login',
      { username: 'wangfang', secret: `13579${i}` },
      guesser,
    )
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

type Lang = 'zh-CN' | 'en'

/** Each page brought into the state an admin would look at. */
const SCENES: Record<string, (page: Page, lang: Lang) => Promise<void>> = {
  directory: async () => {},
  sessions: async (page) => {
    await page.locator('select[name="sessionDoctor"]').selectOption(String(doctorId))
    await page.getByTestId('add-session').click()
    await page.getByTestId('preset-afternoon').click()
  },
  leave: async (page, lang) => {
    const close = page.getByTestId('close-day')
    await close.locator('select[name="leaveDoctor"]').selectOption(String(doctorId))
    await close.locator('input[name="leaveDate"]').fill(TODAY)
    await close
      .locator('input[name="leaveReason"]')
      .fill(lang === 'en' ? 'At a conference' : '外出开会')
    await close.getByTestId('close-day-submit').click()
    await close.getByTestId('close-day-submit').click()
    await page.getByTestId('affected-row').first().waitFor()
  },
  rules: async (page) => {
    await page.locator('input[name="horizonDays"]').fill('400')
    await page.getByTestId('error-horizonDays').waitFor()
  },
  settings: async () => {},
  staff: async (page) => {
    await page.getByTestId('staff-row').first().waitFor()
    await page.getByTestId('signin-limit').first().waitFor()
    // The sign-in delays sit below the accounts: the picture shows them.
    await page.getByTestId('signin-limits').scrollIntoViewIfNeeded()
  },
  audit: async (page) => void (await page.getByTestId('audit-row').first().waitFor()),
}

describe('admin pages at 1366×768', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const [name, scene] of Object.entries(SCENES)) {
      test(`${name} (${lang}) fits the width without cut-off`, async () => {
        // The browser's locale too: date and time inputs follow it, as on the clinic's PC.
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: lang })
        await openScreen(page, started.url, { kind: 'admin' }, lang)
        await page.getByTestId(`nav-${name}`).click()
        await page.getByTestId(`page-${name}`).waitFor()
        await scene(page, lang)
        // Nothing wider than the window: no horizontal scrolling, no clipped table.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          1366,
        )
        await docShot(page, `admin-${name}-${lang}`)
        await page.close()
      })
    }
  }
})
