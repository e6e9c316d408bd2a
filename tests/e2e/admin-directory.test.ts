import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestBrowserHost } from '../helpers/browser-host'
import { launchChromium } from '../helpers/chromium'
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

const doctorRow = (page: Page, name: string) =>
  page.getByTestId('doctor-item').filter({ hasText: name })

describe('admin: departments, rooms, doctors', () => {
  test('adds a department, a room and a doctor in it, then edits the doctor; the host holds each change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' })

    const dept = page.getByTestId('add-department')
    await dept.locator('input[name="departmentName"]').fill('皮肤科')
    await dept.getByRole('button').click()
    await eventually(() => page.getByTestId('department-table').textContent()).toContain('皮肤科')

    const room = page.getByTestId('add-room')
    await room.locator('input[name="roomName"]').fill('7诊室')
    await room.getByRole('button').click()
    await eventually(() => page.getByTestId('room-list').textContent()).toContain('7诊室')

    const add = page.getByTestId('add-doctor')
    await add.locator('input[name="doctorName"]').fill('周敏')
    await add.locator('input[name="doctorTitle"]').fill('主治医师')
    await add.locator('select[name="departmentId"]').selectOption({ label: '皮肤科' })
    await add.locator('select[name="roomId"]').selectOption({ label: '7诊室' })
    await add.getByRole('button').click()
    await eventually(() => doctorRow(page, '周敏').textContent()).toMatch(
      /周敏.*主治医师.*皮肤科.*7诊室.*在用/,
    )
    // The room list says who sits in it.
    await eventually(() =>
      page.getByTestId('room-row').filter({ hasText: '7诊室' }).textContent(),
    ).toContain('周敏')

    await doctorRow(page, '周敏').getByRole('button', { name: '编辑' }).click()
    const edit = page.getByTestId('edit-doctor')
    await edit.locator('input[name="doctorTitle"]').fill('副主任医师')
    await edit.locator('input[name="active"]').uncheck()
    await edit.getByRole('button', { name: '保存' }).click()
    await eventually(() => doctorRow(page, '周敏').textContent()).toMatch(/副主任医师.*已停用/)

    const { doctors } = await started.host.must(ADMIN, 'directory.get', {})
    expect(doctors.find((d) => d.name === '周敏')).toMatchObject({
      title: '副主任医师',
      active: false,
    })
    await page.close()
  })

  test('renames a department in place and refuses a duplicate name with a sentence', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, started.url, { kind: 'admin' }, 'en')
    await started.host.must(ADMIN, 'departments.create', { name: 'ENT' })
    const eye = await started.host.must(ADMIN, 'departments.create', { name: 'Eye' })
    // Added by another admin: appears without a reload (directory.changed).
    await eventually(() => page.getByTestId('department-table').textContent()).toContain('Eye')
    const row = page.locator(`[data-testid="department-row"][data-id="${eye.id}"]`)
    await row.getByRole('button', { name: 'Edit' }).click()
    await row.locator('input[name="editName"]').fill('ENT')
    await row.getByRole('button', { name: 'Save' }).click()
    await eventually(() => row.locator('.error').textContent()).toBe(
      'A record with that name already exists.',
    )
    await row.locator('input[name="editName"]').fill('Ophthalmology')
    await row.getByRole('button', { name: 'Save' }).click()
    await eventually(() => page.getByTestId('department-table').textContent()).toContain(
      'Ophthalmology',
    )
    const { departments } = await started.host.must(ADMIN, 'directory.get', {})
    expect(departments.map((d) => d.name)).toContain('Ophthalmology')
    expect(departments.map((d) => d.name)).not.toContain('Eye')
    await page.close()
  })
})
