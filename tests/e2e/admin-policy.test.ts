import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { INITIAL_POLICY } from '../../src/shared/policy/rules'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN } from '../helpers/test-host'
import { eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost()
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

// Tall enough that the card, below the other rules, is in the picture.
const VIEWPORT = { width: 1366, height: 2600 }

describe('admin: the booking-policy card', () => {
  test('release turned on with a figure is saved and read back after a reload; a bad figure marks its box and changes nothing', async () => {
    expect(await started.host.must(ADMIN, 'policy.get', {})).toEqual(INITIAL_POLICY)
    const page = await browser.newPage({ viewport: VIEWPORT })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-rules').click()
    const form = page.getByTestId('policy-form')
    const enabled = form.locator('input[name="release.enabled"]')
    const days = form.locator('input[name="release.daysAhead"]')
    await eventually(() => enabled.isChecked()).toBe(false)
    // A rule that is off keeps its figures but does not let them be edited.
    await expect(days.isDisabled()).resolves.toBe(true)

    await enabled.check()
    await days.fill('3')
    await form.locator('input[name="release.at"]').fill('08:30')
    await form.getByTestId('save-policy').click()
    await eventually(() => form.getByTestId('policy-saved').count()).toBe(1)
    expect((await started.host.must(ADMIN, 'policy.get', {})).release).toEqual({
      enabled: true,
      daysAhead: 3,
      at: '08:30',
    })

    await page.reload()
    await page.getByTestId('nav-rules').click()
    await eventually(() => days.inputValue()).toBe('3')
    await expect(enabled.isChecked()).resolves.toBe(true)
    await expect(form.locator('input[name="release.at"]').inputValue()).resolves.toBe('08:30')

    // 50 live bookings is over the host's bound of 20: the box is marked, nothing is stored.
    const before = await started.host.must(ADMIN, 'policy.get', {})
    await form.locator('input[name="maxLive.enabled"]').check()
    const limit = form.locator('input[name="maxLive.limit"]')
    await limit.fill('50')
    await form.getByTestId('save-policy').click()
    await eventually(() => limit.getAttribute('aria-invalid')).toBe('true')
    await eventually(() => form.getByTestId('field-error-maxLive.limit').textContent()).toBe(
      '不能大于 20。',
    )
    await expect(form.getByTestId('policy-saved').count()).resolves.toBe(0)
    expect(await started.host.must(ADMIN, 'policy.get', {})).toEqual(before)
    await docShot(page, 'admin-policy-zh-CN')
    await page.close()
  })

  test('in English, and another admin’s change appears without a reload (policy.changed)', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-rules').click()
    const form = page.getByTestId('policy-form')
    await eventually(() => form.locator('h2').textContent()).toBe('Booking policy')
    const grace = form.locator('input[name="noShow.graceMinutes"]')
    await eventually(() => grace.inputValue()).toBe('30')
    const current = await started.host.must(ADMIN, 'policy.get', {})
    await started.host.must(ADMIN, 'policy.update', {
      ...current,
      noShow: { enabled: true, graceMinutes: 45 },
    })
    await eventually(() => grace.inputValue()).toBe('45')
    await expect(form.locator('input[name="noShow.enabled"]').isChecked()).resolves.toBe(true)
    await docShot(page, 'admin-policy-en')
    await page.close()
  })
})
