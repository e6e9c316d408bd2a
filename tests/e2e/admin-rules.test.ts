import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ADMIN } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'
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

describe('admin: booking rules and settings', () => {
  test('a value out of range is named next to its field and not sent; a good one is saved and read back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-rules').click()
    const form = page.getByTestId('rules-form')
    const horizon = form.locator('input[name="horizonDays"]')
    await eventually(() => horizon.inputValue()).toBe('28')

    await horizon.fill('500')
    await eventually(() => form.getByTestId('error-horizonDays').textContent()).toBe(
      '请输入 1–180 之间的整数',
    )
    await expect(form.getByTestId('save-settings').isDisabled()).resolves.toBe(true)
    expect((await started.host.must(ADMIN, 'settings.get', {})).settings.horizonDays).toBe(28)

    await horizon.fill('14')
    await form.locator('input[name="onePerDoctorPerDay"]').uncheck()
    await form.locator('input[name="skipBackPlaces"]').fill('5')
    await eventually(() => form.getByTestId('error-horizonDays').count()).toBe(0)
    await form.getByTestId('save-settings').click()
    await eventually(() => form.getByTestId('settings-saved').count()).toBe(1)
    expect((await started.host.must(ADMIN, 'settings.get', {})).settings).toMatchObject({
      horizonDays: 14,
      onePerDoctorPerDay: false,
      skipBackPlaces: 5,
    })

    // Another admin's change reaches this screen (settings.changed) without a reload.
    await started.host.must(ADMIN, 'settings.update', { skipLimit: 4 })
    await eventually(() => form.locator('input[name="skipLimit"]').inputValue()).toBe('4')
    await page.close()
  })

  test('settings: ticket paper and idle lock are saved; the language switches this screen only', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-settings').click()
    const form = page.getByTestId('settings-form')
    await form.getByLabel('58mm').check()
    await form.locator('input[name="idleLockMinutes"]').fill('5')
    await form.getByTestId('save-settings').click()
    await eventually(() => form.getByTestId('settings-saved').count()).toBe(1)
    expect((await started.host.must(ADMIN, 'settings.get', {})).settings).toMatchObject({
      ticketPaper: '58mm',
      idleLockMinutes: 5,
    })

    await page.getByRole('radio', { name: '中文' }).check()
    await eventually(() => page.getByTestId('nav-settings').textContent()).toBe('设置')
    await page.close()
  })

  test.each(['zh-CN', 'en'] as const)(
    'backups: one made on demand appears in the list with the folder it is in (%s)',
    async (language) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      await openScreen(page, started.url, { kind: 'admin' }, language)
      await page.getByTestId('nav-settings').click()
      const panel = page.getByTestId('backup-panel')
      await eventually(() => panel.getByTestId('backup-folder').textContent()).toBe(
        join(started.host.dataDir, 'backups'),
      )
      const before = await panel.getByTestId('backup-row').count()
      await panel.getByTestId('backup-now').click()
      await eventually(() => panel.getByTestId('backup-made').textContent()).toMatch(
        /clinic-\d{4}-\d{2}-\d{2}T[\d-]+Z(_\d+)?\.sqlite/,
      )
      await eventually(() => panel.getByTestId('backup-row').count()).toBe(before + 1)
      const { files } = await started.host.must(ADMIN, 'backup.list', {})
      expect(files).toHaveLength(before + 1)
      await panel.scrollIntoViewIfNeeded()
      await docShot(page, `admin-backups-${language}`)
      await page.close()
    },
  )
})
