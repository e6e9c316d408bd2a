import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { INITIAL_POLICY } from '../../src/shared/policy/rules'
import { launchChromium } from '../helpers/chromium'
import { ADMIN } from '../helpers/test-host'
import { eventually } from './admin-fixtures'
import {
  band,
  openReception,
  shot,
  startReceptionClinic,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  // 放号 on the day itself at 10:00: at 09:10 today's bands are not yet released.
  await clinic.host.must(ADMIN, 'policy.update', {
    ...INITIAL_POLICY,
    release: { enabled: true, daysAhead: 0, at: '10:00' },
  })
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

describe('reception: 未放号 on the slot grid', () => {
  test('a band whose day is not yet released says when it opens; turning the rule off clears it live', async () => {
    const page = await openReception(browser, clinic.url)
    const tag = band(page, clinic.doctorA.id, '10:00').getByTestId('rx-band-unreleased')
    await eventually(() => tag.textContent()).toBe('未放号 10:00')
    await expect(tag.getAttribute('data-opens')).resolves.toBe('2026-03-02 10:00')
    await expect(tag.getAttribute('title')).resolves.toBe('未放号：电话预约 2026-03-02 10:00 开放')
    // Tomorrow's bands open tomorrow at 10:00 (放号 on the day itself), said with their day.
    await page.keyboard.press('PageDown')
    await eventually(() =>
      band(page, clinic.doctorA.id, '09:00').getByTestId('rx-band-unreleased').textContent(),
    ).toBe('未放号 03-03 10:00')
    await page.keyboard.press('PageUp')
    // A band that is over says so, not 未放号.
    await expect(
      band(page, clinic.doctorA.id, '08:00').getByTestId('rx-band-unreleased').count(),
    ).resolves.toBe(0)
    await shot(page, 'unreleased-zh-CN')

    await clinic.host.must(ADMIN, 'policy.update', INITIAL_POLICY)
    await eventually(() => page.getByTestId('rx-band-unreleased').count()).toBe(0)
    await page.close()
  })

  test('in English', async () => {
    await clinic.host.must(ADMIN, 'policy.update', {
      ...INITIAL_POLICY,
      release: { enabled: true, daysAhead: 0, at: '10:00' },
    })
    const page = await openReception(browser, clinic.url, 'en')
    const tag = band(page, clinic.doctorA.id, '10:00').getByTestId('rx-band-unreleased')
    await eventually(() => tag.textContent()).toBe('Opens 10:00')
    await shot(page, 'unreleased-en')
    await page.close()
  })
})
