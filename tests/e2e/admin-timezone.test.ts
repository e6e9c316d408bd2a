import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, manualClock } from '../helpers/test-host'
import { formatClinicTime } from '../../src/shared/clinic-time'
import { eventually, MONDAY_0730 } from './admin-fixtures'

// Issue 12 part 5: the clinic's zone is shown and changed in Admin → Settings, and every time on
// every screen follows it and the screen's language — not the PC's zone (New York here).

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

const PC_ZONE = 'America/New_York'

async function adminPage(lang: 'zh-CN' | 'en'): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1366, height: 900 },
    timezoneId: PC_ZONE,
  })
  await openScreen(page, started.url, { kind: 'admin' }, lang)
  return page
}

async function lastSignIn(page: Page): Promise<string> {
  await page.getByTestId('nav-staff').click()
  const admin = (await started.host.must(ADMIN, 'staff.list', {})).find(
    (a) => a.username === 'admin',
  )
  const row = page.locator(`[data-testid="staff-row"][data-staff-id="${admin?.id}"]`)
  await row.waitFor()
  return (await row.textContent()) ?? ''
}

describe('admin: the clinic time zone', () => {
  test('shown, searched, changed after a warning, audited; staff sign-ins and the display clock follow', async () => {
    const page = await adminPage('zh-CN')
    // Signed in at 07:30 Shanghai (23:30 UTC the day before; 18:30 on the PC's own clock).
    await eventually(() => lastSignIn(page)).toContain('2026/03/02 07:30:00')

    await page.getByTestId('nav-settings').click()
    await eventually(() => page.getByTestId('zone-current').textContent()).toContain(
      'Asia/Shanghai',
    )
    await page.getByTestId('zone-search').fill('urum')
    await eventually(() =>
      page.locator('[data-testid="zone-list"] option').allTextContents(),
    ).toEqual(['Asia/Urumqi'])
    await page.getByTestId('zone-list').selectOption('Asia/Urumqi')
    await page.getByTestId('zone-change').click()
    const dialog = page.getByTestId('zone-confirm')
    await eventually(() => dialog.textContent()).toContain('从 Asia/Shanghai 改为 Asia/Urumqi')
    expect(await dialog.textContent()).toContain('相差 -2 小时')
    // By the host's clock (07:30 in Shanghai is 05:30 the same day in Urumqi), not the PC's.
    expect(await dialog.textContent()).toContain('现在是 2026-03-02（原来是 2026-03-02）')
    await docShot(page, 'admin-timezone-confirm-zh-CN')
    await page.getByTestId('zone-confirm-yes').click()
    await eventually(() => page.getByTestId('zone-changed').textContent()).toContain('Asia/Urumqi')
    await eventually(() => page.getByTestId('zone-current').textContent()).toContain('Asia/Urumqi')
    expect((await started.host.must(ADMIN, 'settings.get', {})).settings.timeZone).toBe(
      'Asia/Urumqi',
    )
    const [audited] = (await started.host.must(ADMIN, 'audit.list', { action: 'settings.update' }))
      .rows
    expect(audited).toMatchObject({
      before: { timeZone: 'Asia/Shanghai' },
      after: { timeZone: 'Asia/Urumqi' },
    })
    await docShot(page, 'admin-timezone-zh-CN')

    // The same sign-in, now read on the clinic's new clock.
    await eventually(() => lastSignIn(page)).toContain('2026/03/02 05:30:00')

    // The waiting-room clock is the clinic's, not the display PC's.
    const display = await browser.newPage({
      viewport: { width: 1280, height: 720 },
      timezoneId: PC_ZONE,
    })
    await openScreen(display, started.url, { kind: 'display' })
    const expected = () =>
      [-60_000, 0, 60_000].map((d) =>
        formatClinicTime(new Date(Date.now() + d), 'zh-CN', 'Asia/Urumqi', 'clock'),
      )
    await eventually(async () =>
      expected().includes((await display.getByTestId('display-clock').textContent()) ?? ''),
    ).toBe(true)
    await display.close()

    await started.host.must(ADMIN, 'settings.update', { timeZone: 'Asia/Shanghai' })
    await page.close()
  })

  test('English: the picker and its warning', async () => {
    const page = await adminPage('en')
    await page.getByTestId('nav-settings').click()
    await page.getByTestId('zone-search').fill('tokyo')
    await page.getByTestId('zone-list').selectOption('Asia/Tokyo')
    await page.getByTestId('zone-change').click()
    const dialog = page.getByTestId('zone-confirm')
    await eventually(() => dialog.textContent()).toContain('From Asia/Shanghai to Asia/Tokyo')
    expect(await dialog.textContent()).toContain('(1 h apart)')
    await docShot(page, 'admin-timezone-en')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect((await started.host.must(ADMIN, 'settings.get', {})).settings.timeZone).toBe(
      'Asia/Shanghai',
    )
    await page.close()
  })
})
