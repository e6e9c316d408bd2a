import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, manualClock } from '../helpers/test-host'
import { MONDAY_0730, TODAY, eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let doctorId: number

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const dept = await started.host.must(ADMIN, 'departments.create', { name: '内科' })
  doctorId = (
    await started.host.must(ADMIN, 'doctors.create', {
      name: '王建国',
      title: '主任医师',
      departmentId: dept.id,
    })
  ).id
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

async function openSessions(page: Page, lang: 'zh-CN' | 'en' = 'zh-CN') {
  await openScreen(page, started.url, { kind: 'admin' }, lang)
  await page.getByTestId('nav-sessions').click()
  await page.locator('select[name="sessionDoctor"]').selectOption(String(doctorId))
}

/** Leaves only these weekdays ticked in the new-session form. */
async function onlyWeekdays(page: Page, weekdays: readonly number[]) {
  for (let w = 1; w <= 7; w++)
    await page.locator(`input[name="weekday"][value="${w}"]`).setChecked(weekdays.includes(w))
}

describe('admin: weekly sessions', () => {
  test('previews the bands while typing, saves the session, generates slots and shows them for the day', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openSessions(page)
    await page.getByTestId('add-session').click()
    const form = page.getByTestId('session-form')
    await form.getByTestId('preset-afternoon').click()
    await onlyWeekdays(page, [1])
    await form.locator('input[name="slotMinutes"]').fill('30')
    await form.locator('input[name="quotaPerSlot"]').fill('3')
    await form.locator('input[name="walkInPerSlot"]').fill('1')

    // 14:00–17:30 in 30-minute bands: 7 bands of 3 places, 1 of each kept for walk-ins.
    const bands = form.getByTestId('band')
    await eventually(() => bands.count()).toBe(7)
    await eventually(() => bands.first().textContent()).toBe('14:00–14:30×3现场 1')
    await eventually(() => bands.last().textContent()).toContain('17:00–17:30')
    await eventually(() => form.getByTestId('band-summary').textContent()).toBe(
      '每天 7 个时段，共 21 个号（其中现场号 7 个）',
    )
    // Changing the band length re-plans at once, and a tail too short for a band is said.
    await form.locator('input[name="slotMinutes"]').fill('40')
    await eventually(() => bands.count()).toBe(5)
    await eventually(() => form.getByTestId('band-preview').textContent()).toContain(
      '最后 10 分钟不足一段',
    )
    await form.locator('input[name="slotMinutes"]').fill('30')

    await form.getByTestId('save-session').click()
    await eventually(() => page.getByTestId('session-row').count()).toBe(1)
    await eventually(() => page.getByTestId('session-row').textContent()).toMatch(
      /周一.*14:00–17:30.*7 段 \/ 21 号/,
    )
    expect(await started.host.must(ADMIN, 'templates.list', { doctorId })).toMatchObject([
      {
        weekday: 1,
        startTime: '14:00',
        endTime: '17:30',
        slotMinutes: 30,
        quotaPerSlot: 3,
        walkInPerSlot: 1,
      },
    ])

    // Saving made the bands at once: the day's real bands, as the desk will see them.
    expect(
      await started.host.must(ADMIN, 'slots.forDoctorDay', { doctorId, date: TODAY }),
    ).toHaveLength(7)
    await page.locator('input[name="peekDate"]').fill(TODAY)
    const peek = page.getByTestId('slot-peek').getByTestId('slot')
    await eventually(() => peek.count()).toBe(7)
    await eventually(() => peek.first().textContent()).toBe('14:00–14:30已约 0 / 3')

    // Generating again creates nothing twice…
    const generate = page.getByTestId('generate-slots').getByRole('button')
    await generate.click()
    await eventually(() => page.getByTestId('generate-result').textContent()).toBe(
      '没有需要新建的时段：号源已是最新。',
    )
    // …until the horizon grows: 28 → 42 days adds two Mondays (2026-03-30, 04-06) of 7 bands.
    await started.host.must(ADMIN, 'settings.update', { horizonDays: 42 })
    await eventually(() => page.getByTestId('generate-slots').textContent()).toContain('42')
    await generate.click()
    await eventually(() => page.getByTestId('generate-result').textContent()).toBe(
      '已新建 14 个时段。',
    )
    expect(
      await started.host.must(ADMIN, 'slots.forDoctorDay', { doctorId, date: '2026-04-06' }),
    ).toHaveLength(7)
    await page.close()
  })

  test('refuses an overlapping session and out-of-range numbers next to the field, before sending', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openSessions(page, 'en')
    await page.getByTestId('add-session').click()
    const form = page.getByTestId('session-form')
    await onlyWeekdays(page, [1, 3])
    await form.locator('input[name="startTime"]').fill('16:00')
    await form.locator('input[name="endTime"]').fill('18:00')
    await eventually(() => form.getByTestId('session-clash').textContent()).toBe(
      'Overlaps the existing Mon 14:00–17:30 session.',
    )
    await expect(form.getByTestId('save-session').isDisabled()).resolves.toBe(true)

    await onlyWeekdays(page, [3])
    await eventually(() => form.getByTestId('session-clash').count()).toBe(0)
    await form.locator('input[name="slotMinutes"]').fill('3')
    await eventually(() => form.getByTestId('error-slotMinutes').textContent()).toBe(
      'Enter a whole number from 5 to 240',
    )
    await expect(form.getByTestId('save-session').isDisabled()).resolves.toBe(true)
    await form.locator('input[name="slotMinutes"]').fill('20')
    await eventually(() => form.getByTestId('save-session').isDisabled()).toBe(false)
    await form.getByTestId('save-session').click()
    await eventually(() => page.getByTestId('session-row').count()).toBe(2)
    expect(
      (await started.host.must(ADMIN, 'templates.list', { doctorId })).map((t) => t.weekday).sort(),
    ).toEqual([1, 3])
    await page.close()
  })
})
