import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot, writingScreenshots } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION, manualClock } from '../helpers/test-host'
import { MONDAY_0730, TODAY, eventually } from './admin-fixtures'
import { pdfPageSizeMm } from './reception-pdf'
import { APPOINTMENT_COLUMNS, REVENUE_COLUMNS } from '../../src/shared/export-columns'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>

/**
 * Today (Mon 2026-03-02): doctor A (内科) has three phone bookings, doctor B (外科) one, booked
 * through the desk's own methods. February (last month) has two archived visits of doctor A,
 * written straight into the archive as the nightly archiving leaves them.
 * Money today: A's visits cost ¥30, B's ¥20; the first booking paid in cash, the second by WeChat
 * (¥10 of it refunded), B's by Alipay: taken ¥80, refunded ¥10, net ¥70, three paid, one refunded.
 */
beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const { host } = started
  const internal = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const surgery = await host.must(ADMIN, 'departments.create', { name: '外科' })
  const a = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: internal.id })
  const b = await host.must(ADMIN, 'doctors.create', { name: '李秀英', departmentId: surgery.id })
  for (const doctor of [a, b])
    await host.must(ADMIN, 'templates.save', {
      doctorId: doctor.id,
      weekday: 1,
      startTime: '08:00',
      endTime: '10:00',
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 0,
    })
  await host.must(ADMIN, 'schedules.generate', {})
  const slotsA = await host.must(ADMIN, 'slots.forDoctorDay', { doctorId: a.id, date: TODAY })
  const slotsB = await host.must(ADMIN, 'slots.forDoctorDay', { doctorId: b.id, date: TODAY })
  for (const [doctor, amountFen] of [
    [a, 3000],
    [b, 2000],
  ] as const)
    await host.must(ADMIN, 'fees.setRule', {
      kind: 'DOCTOR',
      target: String(doctor.id),
      amountFen,
      effectiveFrom: TODAY,
    })
  const bookings = [slotsA[0]!, slotsA[0]!, slotsA[1]!, slotsB[0]!]
  const booked: number[] = []
  for (const [i, slot] of bookings.entries()) {
    const patient = await host.must(RECEPTION, 'patients.register', {
      name: `病人${i + 1}`,
      sex: 'F',
      birthDate: `1980-01-0${i + 1}`,
      phone: `1390000000${i + 1}`,
    })
    const appointment = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patient.id,
      idempotencyKey: `admin-reports-${i}`,
    })
    booked.push(appointment.id)
  }
  await host.must(RECEPTION, 'payments.pay', {
    appointmentId: booked[0]!,
    method: 'CASH',
    expectedFen: 3000,
    tenderedFen: 5000,
  })
  const wechat = await host.must(RECEPTION, 'payments.pay', {
    appointmentId: booked[1]!,
    method: 'WECHAT',
    expectedFen: 3000,
  })
  await host.must(RECEPTION, 'payments.refund', {
    paymentId: wechat.payment.id,
    amountFen: 1000,
    reason: '少做一项',
  })
  await host.must(RECEPTION, 'payments.pay', {
    appointmentId: booked[3]!,
    method: 'ALIPAY',
    expectedFen: 2000,
  })
  const now = '2026-02-28T00:00:00.000Z'
  const archived = host.database.sqlite.prepare(
    `INSERT INTO appointments_archive (id, slot_id, doctor_id, date, start_time, end_time, patient_id, queue_no, source, status,
       chief_complaint, cancel_reason, skip_count, created_by, created_at, updated_at, archived_at)
     VALUES (?, 900, ?, ?, '09:00', '09:30', 1, ?, 'PHONE', 'COMPLETED', '', NULL, 0, 'test', ?, ?, ?)`,
  )
  archived.run(9001, a.id, '2026-02-09', 1, now, now, now)
  archived.run(9002, a.id, '2026-02-16', 1, now, now, now)
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

/** The "all bookings" column of the volume table, summed. */
const booked = (page: Page): Promise<number> =>
  page
    .locator('[data-testid="report-volume"] tbody tr td:nth-child(2)')
    .allTextContents()
    .then((cells) => cells.reduce((n, c) => n + Number(c), 0))

describe('admin: reports', () => {
  test('presets change the range and the figures; a filter narrows them; a bad range is refused on the field', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
    await openScreen(page, started.url, { kind: 'admin' })
    await page.click('[data-testid="nav-reports"]')
    const from = page.locator('input[name="from"]')
    const to = page.locator('input[name="to"]')
    // This month so far: March 1–2, today's four bookings.
    await eventually(() => from.inputValue()).toBe('2026-03-01')
    await eventually(() => booked(page)).toBe(4)
    await page.click('[data-testid="preset-today"]')
    await eventually(() => from.inputValue()).toBe(TODAY)
    expect(await to.inputValue()).toBe(TODAY)
    await eventually(() => booked(page)).toBe(4)
    await page.click('[data-testid="preset-lastMonth"]')
    await eventually(() => from.inputValue()).toBe('2026-02-01')
    expect(await to.inputValue()).toBe('2026-02-28')
    await eventually(() => booked(page)).toBe(2)
    await page.click('[data-testid="preset-week"]')
    await eventually(() => booked(page)).toBe(4)

    // Doctor B's department only: one booking; doctor A: three.
    await page.selectOption('select[name="departmentId"]', { label: '外科' })
    await eventually(() => booked(page)).toBe(1)
    await page.selectOption('select[name="departmentId"]', '')
    await page.selectOption('select[name="doctorId"]', { label: '王建国' })
    await eventually(() => booked(page)).toBe(3)
    await page.selectOption('select[name="doctorId"]', '')
    await eventually(() => booked(page)).toBe(4)

    // By source: phone bookings as their own row, no 加号 yet.
    await page.selectOption('select[name="by"]', 'source')
    await eventually(() =>
      page.locator('[data-testid="report-groups"] tbody tr').first().textContent(),
    ).toContain('电话预约')

    // An inverted range: the host refuses it, the sentence stands on the "to" field.
    await to.fill('2026-02-01')
    await eventually(() => page.locator('[data-testid="error-to"]').textContent()).toBe(
      '结束日期早于开始日期。',
    )
    expect(await page.locator('[data-testid="preset-custom"]').getAttribute('aria-pressed')).toBe(
      'true',
    )
    await page.close()
  })

  test('导出 CSV downloads the range shown: this month so far, four appointments, the heading in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.click('[data-testid="nav-reports"]')
    await eventually(() => page.locator('input[name="from"]').inputValue()).toBe('2026-03-01')
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-csv"]'),
    ])
    expect(file.suggestedFilename()).toMatch(/^appointments_2026-03-01_2026-03-02_.*\.csv$/)
    const text = readFileSync(await file.path(), 'utf8')
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(`\uFEFF${APPOINTMENT_COLUMNS['zh-CN'].join(',')}`)
    expect(lines.filter((l) => l.startsWith('2026-03-02,'))).toHaveLength(4)
    expect(lines).toHaveLength(6) // heading, four records, the final CRLF
    await page.close()
  })

  test('收入: the total in 元, by payment method, exported as its own table', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.click('[data-testid="nav-reports"]')
    const total = page.locator('[data-testid="revenue-total"]')
    await eventually(() => total.locator('td').allTextContents()).toEqual([
      '¥80.00',
      '−¥10.00',
      '¥70.00',
      '3',
      '1',
      '0',
    ])
    await page.selectOption('[data-testid="revenue-by"]', 'method')
    const groups = page.locator('[data-testid="revenue-table"] tbody tr td:nth-child(2)')
    await eventually(() => groups.allTextContents()).toEqual(['现金', '微信', '支付宝'])
    await page.selectOption('[data-testid="export-what"]', 'revenue')
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-csv"]'),
    ])
    expect(file.suggestedFilename()).toMatch(/^report-revenue_2026-03-01_2026-03-02_.*\.csv$/)
    const lines = readFileSync(await file.path(), 'utf8').split('\r\n')
    expect(lines).toEqual([
      `\uFEFF${REVENUE_COLUMNS['zh-CN'].join(',')}`,
      '2026-03-02,现金,3000,0,3000,1,0,0',
      '2026-03-02,微信,3000,1000,2000,1,1,0',
      '2026-03-02,支付宝,2000,0,2000,1,0,0',
      '2026-03-01 – 2026-03-02,合计,8000,1000,7000,3,1,0',
      '',
    ])
    await page.close()
  })

  test('prints to A4 pages; screenshots in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 1800 } })
      await openScreen(page, started.url, { kind: 'admin' }, lang)
      await page.click('[data-testid="nav-reports"]')
      await page.click('[data-testid="preset-week"]')
      await page.selectOption('select[name="by"]', 'doctor')
      await eventually(() => page.locator('[data-testid="report-groups"] tbody tr').count()).toBe(2)
      await page.locator('[data-testid="chart-heat"] canvas').first().waitFor()
      await docShot(page, `admin-reports-${lang}`)
      if (lang === 'zh-CN') {
        await page.emulateMedia({ media: 'print' })
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
        const size = pdfPageSizeMm(pdf)
        expect(Math.round(size.width)).toBe(210)
        expect(Math.round(size.height)).toBe(297)
        expect(size.pages).toBeGreaterThan(1)
        await docShot(page, 'admin-reports-print-zh-CN')
      }
      // 收入 on its own (after the print, which pictures the page's top), grouped by doctor.
      await page.emulateMedia({ media: 'screen' })
      await page.selectOption('[data-testid="revenue-by"]', 'doctor')
      const revenue = page.locator('[data-testid="report-revenue"]')
      await eventually(() => revenue.locator('tbody tr').count()).toBe(2)
      await revenue.screenshot(
        writingScreenshots
          ? { path: `docs/screenshots/admin-reports-revenue-${lang}.png`, animations: 'disabled' }
          : {},
      )
      await page.close()
    }
  })
})
