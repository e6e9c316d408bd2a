import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Appointment, Doctor } from '../../src/shared/contract'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION, manualClock } from '../helpers/test-host'
import { MONDAY_0730, TODAY, eventually } from './admin-fixtures'

const TUESDAY = '2026-03-03'
let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let doctor: Doctor
/** 孙三 Monday 10:00, 赵一 Tuesday 09:00 (both mornings), 钱二 Tuesday 14:30 (afternoon). */
let booked: Record<'sun' | 'zhao' | 'qian', Appointment>

beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const { host } = started
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  doctor = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: dept.id })
  for (const weekday of [1, 2])
    for (const [startTime, endTime] of [
      ['08:00', '12:00'],
      ['14:00', '16:00'],
    ] as const)
      await host.must(ADMIN, 'templates.save', {
        doctorId: doctor.id,
        weekday,
        startTime,
        endTime,
        slotMinutes: 30,
        quotaPerSlot: 4,
        walkInPerSlot: 0,
      })
  const at = async (date: string, start: string) =>
    (await host.must(ADMIN, 'slots.forDoctorDay', { doctorId: doctor.id, date })).find(
      (s) => s.startTime === start,
    )!
  const people = [
    ['sun', '孙三', '13900000003', TODAY, '10:00'],
    ['zhao', '赵一', '13900000001', TUESDAY, '09:00'],
    ['qian', '钱二', '13900000002', TUESDAY, '14:30'],
  ] as const
  booked = {} as typeof booked
  for (const [i, [k, name, phone, date, start]] of people.entries()) {
    const patient = await host.must(RECEPTION, 'patients.register', {
      name,
      sex: 'F',
      birthDate: `1980-01-0${i + 1}`,
      phone,
    })
    booked[k] = await host.must(RECEPTION, 'appointments.book', {
      slotId: (await at(date, start)).id,
      patientId: patient.id,
      idempotencyKey: `leave-manage-${k}`,
    })
  }
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

async function makeLeave(page: Page, to: string, session: string, reason: string) {
  const close = page.getByTestId('close-day')
  await close.locator('select[name="leaveDoctor"]').selectOption(String(doctor.id))
  await close.locator('input[name="leaveDate"]').fill(TODAY)
  await close.locator('input[name="leaveTo"]').fill(to)
  await close.locator('select[name="leaveSession"]').selectOption(session)
  await close.locator('input[name="leaveReason"]').fill(reason)
  await close.getByTestId('close-day-submit').click()
  return close
}

describe('admin: leave as records', () => {
  test('a two-day morning leave: the patients to phone, CSV with BOM, print on A4; reopen restores the mornings and lists whom to call back', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-leave').click()
    const close = await makeLeave(page, TUESDAY, 'AM', '外出进修')
    await eventually(() => close.getByTestId('close-day-submit').textContent()).toBe(
      '确认：王建国 2026-03-02 至 2026-03-03 上午停诊',
    )
    await close.getByTestId('close-day-submit').click()

    const list = page.getByTestId('leave-affected')
    await eventually(() => list.getByTestId('leave-affected-row').allTextContents()).toEqual([
      '2026-03-0210:00–10:301孙三13900000003待通知',
      '2026-03-0309:00–09:301赵一13900000001待通知',
    ])
    expect(await list.locator('h2').textContent()).toBe(
      '王建国 2026-03-02 至 2026-03-03 上午停诊 · 需电话联系的患者',
    )
    const rows = page.getByTestId('leave-list').getByTestId('leave-row')
    await eventually(() => rows.allTextContents()).toEqual([
      expect.stringMatching(/^王建国2026-03-02 至 2026-03-03上午外出进修关闭 16 个时段 · 2 位患者/),
    ])
    // Only the mornings closed: Tuesday afternoon still takes bookings.
    const tuesday = await started.host.must(ADMIN, 'slots.forDoctorDay', {
      doctorId: doctor.id,
      date: TUESDAY,
    })
    expect(tuesday.map((s) => s.status === 'CLOSED')).toEqual([
      ...Array(8).fill(true),
      false,
      false,
      false,
      false,
    ])

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByTestId('export-csv').click(),
    ])
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv.startsWith('\uFEFF日期,时段,序号,患者,电话,处理情况\r\n')).toBe(true)
    expect(csv).toContain('2026-03-03,09:00-09:30,1,赵一,13900000001,待通知\r\n')
    await docShot(page, 'admin-leave-manage-zh-CN')
    await page.emulateMedia({ media: 'print' })
    await docShot(page, 'admin-leave-print-zh-CN')
    expect(await page.getByTestId('leave-list').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'screen' })

    // The desk phones 赵一 and cancels; then the doctor comes back after all.
    await started.host.must(RECEPTION, 'appointments.cancel', {
      id: booked.zhao.id,
      reason: '医生停诊，已电话通知',
    })
    await eventually(() => list.getByTestId('leave-affected-row').nth(1).textContent()).toContain(
      '已退号',
    )
    const reopen = rows.first().getByTestId('reopen')
    await reopen.click()
    await eventually(() => reopen.textContent()).toBe('确认撤销：时段恢复开放')
    await reopen.click()
    const report = page.getByTestId('reopen-report')
    await eventually(() => report.textContent()).toBe(
      '已撤销：16 个时段恢复开放。1 位患者已退号，请回电： 赵一 13900000001',
    )
    await eventually(() => list.getByTestId('leave-affected-row').allTextContents()).toEqual([
      expect.stringContaining('孙三13900000003预约保留'),
      expect.stringContaining('赵一13900000001请回电（已恢复出诊）'),
    ])
    await eventually(() => page.getByTestId('leave-list').getByTestId('leave-row').count()).toBe(0)
    const after = await started.host.must(ADMIN, 'slots.forDoctorDay', {
      doctorId: doctor.id,
      date: TUESDAY,
    })
    expect(after.some((s) => s.status === 'CLOSED')).toBe(false)
    expect(await started.host.must(ADMIN, 'appointments.get', { id: booked.sun.id })).toMatchObject(
      {
        status: 'CONFIRMED',
      },
    )
    await page.close()
  })

  test('in English: an afternoon leave in the list, its patients, a picture', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en' })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-leave').click()
    const close = await makeLeave(page, TUESDAY, 'PM', 'Ward round')
    await eventually(() => close.getByTestId('close-day-submit').textContent()).toBe(
      'Confirm: 王建国 off 2026-03-02 to 2026-03-03, afternoon',
    )
    await close.getByTestId('close-day-submit').click()
    const list = page.getByTestId('leave-affected')
    await eventually(() => list.getByTestId('leave-affected-row').allTextContents()).toEqual([
      '2026-03-0314:30–15:002钱二13900000002To call',
    ])
    await page.getByTestId('leave-list').getByTestId('leave-row').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1366,
    )
    await docShot(page, 'admin-leave-manage-en')
    await page.close()
  })
})
