import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Appointment, Doctor } from '../../src/shared/contract'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION, manualClock } from '../helpers/test-host'
import { MONDAY_0730, TODAY, eventually } from './admin-fixtures'

let browser: Browser
let started: Awaited<ReturnType<typeof startTestBrowserHost>>
let doctorA: Doctor
let doctorB: Doctor
let booked: Appointment[]

/**
 * Doctor A has a full morning and three patients; doctor B of the same department has only two
 * places (08:00 and 08:30, one each), so one of A's patients cannot be moved; doctor C is in
 * another department and must not be offered.
 */
beforeAll(async () => {
  browser = await launchChromium()
  started = await startTestBrowserHost({ clock: manualClock(MONDAY_0730) })
  const { host } = started
  const internal = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const surgery = await host.must(ADMIN, 'departments.create', { name: '外科' })
  doctorA = await host.must(ADMIN, 'doctors.create', { name: '王建国', departmentId: internal.id })
  doctorB = await host.must(ADMIN, 'doctors.create', { name: '李秀英', departmentId: internal.id })
  await host.must(ADMIN, 'doctors.create', { name: '张伟', departmentId: surgery.id })
  await host.must(ADMIN, 'templates.save', {
    doctorId: doctorA.id,
    weekday: 1,
    startTime: '08:00',
    endTime: '12:00',
    slotMinutes: 30,
    quotaPerSlot: 4,
    walkInPerSlot: 0,
  })
  await host.must(ADMIN, 'templates.save', {
    doctorId: doctorB.id,
    weekday: 1,
    startTime: '08:00',
    endTime: '09:00',
    slotMinutes: 30,
    quotaPerSlot: 1,
    walkInPerSlot: 0,
  })
  await host.must(ADMIN, 'schedules.generate', {})
  const slotsA = await host.must(ADMIN, 'slots.forDoctorDay', { doctorId: doctorA.id, date: TODAY })
  const patients = [
    { name: '赵一', phone: '13900000001', slot: slotsA[0]! },
    { name: '钱二', phone: '13900000002', slot: slotsA[0]! },
    { name: '孙三', phone: '13900000003', slot: slotsA[1]! },
  ]
  booked = []
  for (const [i, p] of patients.entries()) {
    const patient = await host.must(RECEPTION, 'patients.register', {
      name: p.name,
      sex: 'F',
      birthDate: '1980-01-0' + (i + 1),
      phone: p.phone,
    })
    booked.push(
      await host.must(RECEPTION, 'appointments.book', {
        slotId: p.slot.id,
        patientId: patient.id,
        idempotencyKey: `admin-leave-${i}`,
      }),
    )
  }
})
afterAll(async () => {
  await browser?.close()
  await started?.stop()
})

describe('admin: 停诊 and holidays', () => {
  test('closing a day lists the booked patients; bulk move fills the other doctor and reports who could not move; bulk cancel handles the rest', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' })
    await page.getByTestId('nav-leave').click()
    const close = page.getByTestId('close-day')
    await close.locator('select[name="leaveDoctor"]').selectOption(String(doctorA.id))
    await close.locator('input[name="leaveDate"]').fill(TODAY)
    await close.locator('input[name="leaveReason"]').fill('外出开会')
    await close.getByTestId('close-day-submit').click()
    // Asks once more, naming the doctor and day, before closing anything.
    await eventually(() => close.getByTestId('close-day-submit').textContent()).toBe(
      '确认：王建国 2026-03-02 停诊',
    )
    expect(
      (
        await started.host.must(ADMIN, 'slots.forDoctorDay', { doctorId: doctorA.id, date: TODAY })
      )[0]?.status,
    ).not.toBe('CLOSED')
    await close.getByTestId('close-day-submit').click()

    const affected = page.getByTestId('affected')
    await eventually(() => affected.getByTestId('affected-row').count()).toBe(3)
    await eventually(() => affected.locator('h2').textContent()).toContain('（关闭 8 个时段）')
    expect(await affected.getByTestId('affected-row').allTextContents()).toEqual([
      expect.stringMatching(/^08:00–08:30.*赵一13900000001/),
      expect.stringContaining('钱二'),
      expect.stringContaining('孙三'),
    ])
    // Only doctors of the same department are offered.
    const targets = await affected.locator('select[name="targetDoctor"] option').allTextContents()
    expect(targets.slice(1)).toEqual(['李秀英'])

    await affected.locator('select[name="targetDoctor"]').selectOption(String(doctorB.id))
    await affected.getByRole('button', { name: '改约所选 3 位' }).click()
    const report = affected.getByTestId('bulk-report')
    await eventually(() => report.locator('p').textContent()).toBe(
      '已改约 2 位 · 1 位未能处理，请电话联系',
    )
    await eventually(() => report.getByTestId('not-moved').textContent()).toBe(
      '孙三 13900000003 — 目标医生当天已无号',
    )
    expect(await report.getByTestId('moved').allTextContents()).toEqual([
      '赵一 → 李秀英 08:00–08:30，1 号',
      '钱二 → 李秀英 08:30–09:00，2 号',
    ])
    // The list now holds only the patient still to deal with.
    await eventually(() => affected.getByTestId('affected-row').allTextContents()).toEqual([
      expect.stringContaining('孙三'),
    ])

    await affected.locator('input[name="cancelReason"]').fill('医生停诊，已电话通知')
    await affected.getByRole('button', { name: '退号所选 1 位' }).click()
    await eventually(() => affected.getByTestId('bulk-report').locator('p').textContent()).toBe(
      '已退号 1 位',
    )
    await eventually(() => affected.getByTestId('affected-none').count()).toBe(1)

    const onB = await started.host.must(ADMIN, 'appointments.forDay', {
      date: TODAY,
      doctorId: doctorB.id,
    })
    expect(onB.map((a) => [a.patientName, a.startTime, a.rescheduledFrom])).toEqual([
      ['赵一', '08:00', booked[0]!.id],
      ['钱二', '08:30', booked[1]!.id],
    ])
    const third = await started.host.must(ADMIN, 'appointments.get', { id: booked[2]!.id })
    expect(third).toMatchObject({ status: 'CANCELED', cancelReason: '医生停诊，已电话通知' })
    await page.close()
  })

  test('a holiday closes booked bands; the 停诊 form then lists those patients; the holiday can be removed', async () => {
    const [band] = await started.host.must(ADMIN, 'slots.forDoctorDay', {
      doctorId: doctorA.id,
      date: '2026-03-09',
    })
    const patient = await started.host.must(RECEPTION, 'patients.register', {
      name: '李四海',
      sex: 'M',
      birthDate: '1975-02-03',
      phone: '13900000009',
    })
    await started.host.must(RECEPTION, 'appointments.book', {
      slotId: band!.id,
      patientId: patient.id,
      idempotencyKey: 'admin-leave-holiday',
    })
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await page.getByTestId('nav-leave').click()
    const panel = page.getByTestId('holidays')
    await eventually(() => panel.textContent()).toContain('No holidays from today on.')
    await panel.locator('input[name="holidayDate"]').fill('2026-03-09')
    await panel.locator('input[name="holidayName"]').fill('Clinic training day')
    await panel.getByRole('button', { name: 'Add holiday' }).click()
    await eventually(() => panel.getByTestId('holiday-row').allTextContents()).toEqual([
      expect.stringMatching(/^2026-03-09Clinic training day/),
    ])
    expect(await started.host.must(ADMIN, 'holidays.list', {})).toEqual([
      { date: '2026-03-09', name: 'Clinic training day' },
    ])
    const slots = await started.host.must(ADMIN, 'slots.forDoctorDay', {
      doctorId: doctorA.id,
      date: '2026-03-09',
    })
    expect(slots.every((s) => s.status === 'CLOSED')).toBe(true)
    await eventually(() => panel.locator('.report').textContent()).toMatch(
      /^Bookings closed that day: 1\. /,
    )

    // As the message says: the 停诊 form on that doctor and day lists the patient to call.
    const close = page.getByTestId('close-day')
    await close.locator('select[name="leaveDoctor"]').selectOption(String(doctorA.id))
    await close.locator('input[name="leaveDate"]').fill('2026-03-09')
    await close.locator('input[name="leaveReason"]').fill('Clinic training day')
    await close.getByTestId('close-day-submit').click()
    await close.getByTestId('close-day-submit').click()
    const affected = page.getByTestId('affected')
    await eventually(() => affected.getByTestId('affected-row').allTextContents()).toEqual([
      expect.stringContaining('李四海'),
    ])
    await eventually(() => affected.locator('h2').textContent()).toContain('(closed earlier)')

    await panel.getByTestId('holiday-row').getByRole('button', { name: 'Remove' }).click()
    await eventually(() => panel.getByTestId('holiday-row').count()).toBe(0)
    expect(await started.host.must(ADMIN, 'holidays.list', {})).toEqual([])
    await page.close()
  })
})
