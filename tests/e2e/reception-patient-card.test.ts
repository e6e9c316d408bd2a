import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import {
  bookAt,
  openReception,
  shot,
  startReceptionClinic,
  TODAY,
  TOMORROW,
  type ReceptionClinic,
} from './reception-fixtures'

let browser: Browser
let clinic: ReceptionClinic

/** 王芳: a visit finished this morning, a booking cancelled, one booked for tomorrow. */
beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
  const { host, doctorA, doctorB, wang } = clinic
  const seen = await bookAt(clinic, doctorA.id, TODAY, '09:30', wang.id)
  await host.must(RECEPTION, 'appointments.checkIn', { id: seen.id })
  await host.must(ADMIN, 'queue.callNext', { doctorId: doctorA.id })
  await host.must(ADMIN, 'queue.start', { id: seen.id })
  await host.must(ADMIN, 'queue.complete', { id: seen.id })
  const dropped = await bookAt(clinic, doctorB.id, TODAY, '11:00', wang.id)
  await host.must(RECEPTION, 'appointments.cancel', { id: dropped.id, reason: '临时有事' })
  await bookAt(clinic, doctorA.id, TOMORROW, '10:00', wang.id)
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

const card = (page: Page) => page.getByTestId('rx-patient-card')
const edit = (page: Page) => page.getByTestId('rx-patient-edit')
const sectionCount = (page: Page, section: string) =>
  card(page).locator(`[data-section="${section}"] h3 .rx-count`).textContent()
const stored = () =>
  clinic.host.database.sqlite
    .prepare('select name, sex, birth_date, phone, id_number, note from patients where id = ?')
    .get(clinic.wang.id)
/** What another desk sends: the patient as stored, with a change. */
const elsewhere = async (patch: { note?: string; phone?: string }) => {
  const { createdAt: _c, ...fields } = await clinic.host.must(RECEPTION, 'patients.get', {
    id: clinic.wang.id,
  })
  await clinic.host.must(RECEPTION, 'patients.update', { ...fields, ...patch })
}

async function openCardByIdPrefix(page: Page, prefix: string): Promise<void> {
  await page.getByTestId('rx-search').pressSequentially(prefix)
  const hit = page.locator(`[data-testid="rx-hits"] li[data-patient="${clinic.wang.id}"]`)
  await hit.waitFor()
  await hit.locator('[data-action="card"]').click()
  await card(page).locator(`[data-patient="${clinic.wang.id}"]`).waitFor()
}

describe('the patient card and edit at the desk', () => {
  test('search by an ID-number start, open the card, follow another desk, edit with field errors', async () => {
    const page = await openReception(browser, clinic.url)
    await openCardByIdPrefix(page, '11010519850412')
    expect(await sectionCount(page, 'upcoming')).toBe('1')
    expect(await sectionCount(page, 'visits')).toBe('1')
    expect(await sectionCount(page, 'canceled')).toBe('1')
    expect(await sectionCount(page, 'noShows')).toBe('0')
    await expect(
      card(page).locator('[data-section="canceled"] li').textContent(),
    ).resolves.toContain('临时有事')
    await expect(card(page).locator('[data-field="idNumber"]').textContent()).resolves.toBe(
      '110105198504124525',
    )

    // Another desk adds a note: the open card shows it, and says why it changed.
    await elsewhere({ note: '青霉素过敏' })
    await expect
      .poll(() => card(page).locator('[data-field="note"]').textContent())
      .toBe('青霉素过敏')
    await card(page).getByTestId('rx-card-changed').waitFor()
    await shot(page, 'patient-card-zh')

    // A booking made elsewhere appears on the card too.
    await bookAt(clinic, clinic.doctorB.id, TOMORROW, '09:00', clinic.wang.id)
    await expect.poll(() => sectionCount(page, 'upcoming')).toBe('2')

    await card(page).getByTestId('rx-card-edit').click()
    await edit(page).locator('input[name="name"]').waitFor()
    for (const name of ['idNumber', 'name', 'sex', 'birthDate', 'phone', 'note'])
      expect(await edit(page).locator(`[name="${name}"]`).count(), name).toBe(1)
    await expect(edit(page).locator('[name="note"]').inputValue()).resolves.toBe('青霉素过敏')

    // A sex that contradicts the ID number: the host refuses, names the field, nothing changes.
    const before = stored()
    await edit(page).locator('select[name="sex"]').selectOption('M')
    await edit(page).getByTestId('rx-edit-save').click()
    await expect.poll(() => edit(page).getByTestId('rx-edit-error').textContent()).not.toBe('')
    await expect(
      edit(page).locator('select[name="sex"][aria-invalid="true"]').count(),
    ).resolves.toBe(1)
    await shot(page, 'patient-edit-zh')
    expect(stored()).toEqual(before)

    // Another desk saves meanwhile: this form says so instead of overwriting it unseen.
    await elsewhere({ note: '青霉素过敏；家属 13900000000' })
    await edit(page).getByTestId('rx-edit-newer').waitFor()
    await edit(page).getByTestId('rx-edit-newer').locator('button').click()
    await expect(edit(page).locator('[name="note"]').inputValue()).resolves.toBe(
      '青霉素过敏；家属 13900000000',
    )

    await edit(page).locator('input[name="phone"]').fill('13800139999')
    await edit(page).locator('[name="note"]').fill('青霉素过敏')
    await edit(page).getByTestId('rx-edit-save').click()
    await edit(page).waitFor({ state: 'detached' })
    await expect
      .poll(() => card(page).locator('[data-field="phone"]').textContent())
      .toBe('13800139999')
    expect(stored()).toMatchObject({ phone: '13800139999', note: '青霉素过敏', sex: 'F' })
    await page.keyboard.press('Escape')
    await card(page).waitFor({ state: 'detached' })
    await page.close()
  })

  test('the card opens from the day list row and from the booking panel', async () => {
    const page = await openReception(browser, clinic.url)
    await page.keyboard.press('F4')
    const row = page.locator(`[data-testid="rx-daylist"] tbody tr`, { hasText: '王芳' }).first()
    await row.locator('[data-action="card"]').click()
    await card(page).locator(`[data-patient="${clinic.wang.id}"]`).waitFor()
    await page.keyboard.press('Escape')
    await card(page).waitFor({ state: 'detached' })

    await page.getByTestId('rx-tab-book').click()
    await page.getByTestId('rx-search').pressSequentially('13800139999')
    await page.locator(`[data-testid="rx-hits"] li[data-patient="${clinic.wang.id}"]`).waitFor()
    await page.keyboard.press('Enter')
    // Edited at another desk while chosen for this booking: the panel shows the new number.
    await elsewhere({ phone: '13800137777' })
    await expect.poll(() => page.getByTestId('rx-patient').textContent()).toContain('13800137777')
    await page.getByTestId('rx-patient-card-open').click()
    await card(page).locator(`[data-patient="${clinic.wang.id}"]`).waitFor()
    await page.close()
  })

  test('registration asks for the ID number first and fills sex and birth date from it', async () => {
    const page = await openReception(browser, clinic.url)
    await page.keyboard.press('F3')
    await page.keyboard.press('Alt+N')
    await page.getByTestId('rx-register').waitFor()
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe(
      'idNumber',
    )
    const names = await page
      .getByTestId('rx-register')
      .locator('input, select')
      .evaluateAll((els) => els.map((e) => e.getAttribute('name')))
    expect(names).toEqual(['idNumber', 'name', 'sex', 'birthDate', 'phone'])
    // The whole registration from the keyboard: number, Tab, name, Enter.
    await page.keyboard.type('110105199001010010')
    await expect(page.getByTestId('rx-reg-birth').inputValue()).resolves.toBe('1990-01-01')
    await expect(page.getByTestId('rx-reg-sex').inputValue()).resolves.toBe('M')
    await page.keyboard.press('Tab')
    await page.keyboard.type('陈小红')
    await shot(page, 'register-id-first-zh')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('rx-patient').textContent()).toContain('陈小红')
    const saved = clinic.host.database.sqlite
      .prepare("select sex, birth_date, id_number from patients where name = '陈小红'")
      .get()
    expect(saved).toEqual({ sex: 'M', birth_date: '1990-01-01', id_number: '110105199001010010' })
    await page.close()
  })

  test('en: the card and the edit dialog', async () => {
    const page = await openReception(browser, clinic.url, 'en')
    await openCardByIdPrefix(page, '110105198504')
    await expect(card(page).locator('[data-section="visits"] h3').textContent()).resolves.toContain(
      'Past visits',
    )
    await shot(page, 'patient-card-en')
    await card(page).getByTestId('rx-card-edit').click()
    await edit(page).locator('input[name="phone"]').fill('1380013')
    await edit(page).getByTestId('rx-edit-save').click()
    await expect.poll(() => edit(page).getByTestId('rx-edit-error').textContent()).not.toBe('')
    await expect(
      edit(page).locator('input[name="phone"][aria-invalid="true"]').count(),
    ).resolves.toBe(1)
    await shot(page, 'patient-edit-en')
    await edit(page).locator('input[name="phone"]').fill('13800136666')
    await edit(page).getByTestId('rx-edit-save').click()
    await edit(page).waitFor({ state: 'detached' })
    await expect
      .poll(() => card(page).locator('[data-field="phone"]').textContent())
      .toBe('13800136666')
    // This desk's own save is not reported as another window's.
    expect(await card(page).getByTestId('rx-card-changed').count()).toBe(0)
    await page.close()
  })
})
