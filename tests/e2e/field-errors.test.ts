import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchChromium } from '../helpers/chromium'
import { docShot } from '../helpers/doc-screenshots'
import { openScreen } from '../helpers/open-screen'
import { eventually } from './admin-fixtures'
import { openReception, startReceptionClinic, type ReceptionClinic } from './reception-fixtures'

// Issue 12 part 6: when the host says which field and why, the form marks that field with a
// sentence in the screen's language, generically (no per-form code in the forms).

let browser: Browser
let clinic: ReceptionClinic

beforeAll(async () => {
  browser = await launchChromium()
  clinic = await startReceptionClinic()
})
afterAll(async () => {
  await browser?.close()
  await clinic?.stop()
})

/** The sentence an input is described by, read through its aria-describedby. */
const describedBy = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel)
    const ids = el?.getAttribute('aria-describedby')?.split(' ') ?? []
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
  }, selector)

const focusedName = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null)

describe('field errors', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    test(`registration marks the refused field with its reason (${lang})`, async () => {
      const zh = lang === 'zh-CN'
      const page = await openReception(browser, clinic.url, lang)
      await page.keyboard.press('Alt+N')
      const form = page.getByTestId('rx-register')
      await page.getByTestId('rx-reg-name').fill('陈小红')
      await page.getByTestId('rx-reg-phone').fill('123')
      await page.getByTestId('rx-reg-save').click()
      const phone = '[data-testid="rx-register"] input[name="phone"]'
      await eventually(() => page.locator(phone).getAttribute('aria-invalid')).toBe('true')
      await eventually(() => describedBy(page, phone)).toBe(
        zh
          ? '手机号应为 11 位，以 13–19 开头。'
          : 'A mobile number has 11 digits and starts with 13–19.',
      )
      await eventually(() => focusedName(page)).toBe('phone')
      // The form's own message says the same, never the generic sentence.
      const message = await form.locator('.rx-message').textContent()
      expect(message).not.toContain(zh ? '输入有误' : 'Some input is not valid')
      // One mechanism only (the generic one): no second mark or "check: field" line of the form's own.
      expect(await form.locator('.rx-invalid').count()).toBe(0)
      expect(message).not.toContain(zh ? '请检查：' : 'Check:')
      await docShot(page, `field-error-phone-${lang}`)

      // Typing clears the mark; a mistyped ID number is refused on its own field.
      await page.getByTestId('rx-reg-phone').fill('')
      await eventually(() => page.locator(phone).getAttribute('aria-invalid')).toBe(null)
      await page.getByTestId('rx-reg-id').fill('110105199001010011')
      await page.getByTestId('rx-reg-save').click()
      const id = '[data-testid="rx-register"] input[name="idNumber"]'
      await eventually(() => describedBy(page, id)).toBe(
        zh
          ? '身份证校验位不对，可能有一位输错了。'
          : "The ID number's check character does not match: a digit may be mistyped.",
      )
      await eventually(() => focusedName(page)).toBe('idNumber')

      // A birth date after today.
      await page.getByTestId('rx-reg-id').fill('')
      await page.getByTestId('rx-reg-birth').fill('2999-01-01')
      await page.getByTestId('rx-reg-save').click()
      const birth = '[data-testid="rx-register"] input[name="birthDate"]'
      await eventually(() => describedBy(page, birth)).toBe(
        zh ? '出生日期不能晚于今天。' : 'The birth date cannot be later than today.',
      )
      expect(await page.locator(id).getAttribute('aria-invalid')).toBe(null)
      await docShot(page, `field-error-birth-${lang}`)
      await page.close()
    })
  }

  test('staff forms: a weak secret is marked on its input (aria-invalid, described by the sentence)', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await openScreen(page, clinic.url, { kind: 'admin' })
    await page.getByTestId('nav-staff').click()
    const add = page.getByTestId('add-staff')
    await add.locator('input[name="staffName"]').fill('赵六')
    await add.locator('input[name="username"]').fill('zhaoliu')
    await add.locator('input[name="secret"]').fill('1234')
    const secret = '[data-testid="add-staff"] input[name="secret"]'
    await eventually(() => page.locator(secret).getAttribute('aria-invalid')).toBe('true')
    await eventually(() => describedBy(page, secret)).toBe(
      '请使用至少 8 位且不全是数字的密码，或 6 位数字 PIN。',
    )
    await add.locator('input[name="secret"]').fill('246810')
    await eventually(() => page.locator(secret).getAttribute('aria-invalid')).toBe(null)
    await add.locator('input[name="secret"]').fill('1234')

    await docShot(page, 'field-error-staff-zh-CN')
    await page.close()
  })
})
