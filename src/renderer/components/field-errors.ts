import type { ClinicBridge } from '../../shared/bridge'
import type { AppErrorShape } from '../../shared/errors'
import { fieldSentence } from '../i18n/field-sentence'
import './field-errors.css'

/**
 * Points at the field the host refused, on every form without per-form code: when a call made
 * from a form answers INVALID_INPUT with a field, the form's element whose `name` (or
 * `data-field`) is that field or the path's last part gets aria-invalid, an aria-describedby to a
 * sentence in the screen's language, and the focus. Typing into it clears the mark. A "form" is a
 * <form>, or an inline editor marked .inline-form (table rows that cannot hold a <form>).
 */

const MARK = 'data-field-error'
let lastSubmitted: { form: HTMLFormElement; at: number } | null = null
let counter = 0

if (typeof document !== 'undefined') {
  document.addEventListener(
    'submit',
    (e) => {
      if (e.target instanceof HTMLFormElement) lastSubmitted = { form: e.target, at: Date.now() }
    },
    true,
  )
}

const FORM = 'form, .inline-form'

/** The form the user is acting in: the one holding the focus, else the one just submitted. */
export function activeForm(): HTMLElement | null {
  const focused = document.activeElement
  const form = focused instanceof HTMLElement ? focused.closest<HTMLElement>(FORM) : null
  if (form) return form
  if (lastSubmitted && Date.now() - lastSubmitted.at < 2000 && lastSubmitted.form.isConnected)
    return lastSubmitted.form
  return null
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

function findField(form: HTMLElement, path: string): Field | null {
  for (const name of [path, path.split('.').at(-1) ?? path]) {
    const q = CSS.escape(name)
    const el = form.querySelector(`[name="${q}"]:not([type="hidden"]), [data-field="${q}"]`)
    if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    )
      return el
  }
  return null
}

/** Removes every mark this module put on the form. */
export function clearFieldErrors(form: HTMLElement): void {
  for (const el of form.querySelectorAll<HTMLElement>(`[${MARK}]`)) {
    const own = el.getAttribute(MARK)
    el.removeAttribute('aria-invalid')
    const kept = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id && id !== own)
    if (kept.length > 0) el.setAttribute('aria-describedby', kept.join(' '))
    else el.removeAttribute('aria-describedby')
    el.removeAttribute(MARK)
    if (own) form.querySelector(`[data-field-error-note="${own}"]`)?.remove()
  }
}

/**
 * Marks the field an INVALID_INPUT names, in this form (default: the active one). A sentence the
 * form already shows next to the field (.field-error) is used; otherwise one is added.
 * Returns the element marked, or null.
 */
export function markFieldError(
  error: AppErrorShape,
  form: HTMLElement | null = activeForm(),
): Field | null {
  if (!form || error.code !== 'INVALID_INPUT' || !error.field) return null
  const el = findField(form, error.field)
  if (!el) return null
  clearFieldErrors(form)
  const id = `field-error-${++counter}`
  el.setAttribute(MARK, id)
  el.setAttribute('aria-invalid', 'true')
  // After the form's own re-render, so a sentence it shows beside the field is found.
  setTimeout(() => {
    if (el.getAttribute(MARK) !== id) return
    const box = el.closest('label, .setting, fieldset') ?? el.parentElement
    const shown = box?.querySelector<HTMLElement>('.field-error:not([data-field-error-note])')
    let note = shown
    if (!note) {
      note = document.createElement('span')
      note.className = 'field-error'
      note.setAttribute('data-field-error-note', id)
      note.setAttribute('data-testid', `field-error-${el.name}`)
      note.textContent = fieldSentence(error)
      if (box && box !== el.parentElement) box.append(note)
      else el.after(note)
    }
    note.id ||= id
    el.setAttribute(MARK, note === shown ? '' : id)
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
    el.setAttribute('aria-describedby', [...described, note.id].join(' '))
    if (!el.disabled) el.focus()
  }, 0)
  const clear = () => {
    if (el.getAttribute(MARK) !== null) clearFieldErrors(form)
  }
  el.addEventListener('input', clear, { once: true })
  return el
}

/** A bridge whose failed calls mark the field they name, in the form they were made from. */
export function withFieldErrors(bridge: ClinicBridge): ClinicBridge {
  return {
    call: async (method, params) => {
      const form = typeof document === 'undefined' ? null : activeForm()
      const result = await bridge.call(method, params)
      if (!result.ok && form) markFieldError(result.error, form)
      return result
    },
    on: (event, listener) => bridge.on(event, listener),
  }
}

/**
 * Links a sentence a form shows beside a field (FieldError) to that field: aria-invalid and
 * aria-describedby on the input, select or textarea in the same label. Returns the undo.
 */
export function linkSentence(note: HTMLElement): () => void {
  const box = note.closest('label, .setting, fieldset')
  const el = box?.querySelector<Field>('input, select, textarea')
  if (!el) return () => {}
  const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  el.setAttribute('aria-invalid', 'true')
  el.setAttribute(
    'aria-describedby',
    [...described.filter((d) => d !== note.id), note.id].join(' '),
  )
  return () => {
    el.removeAttribute('aria-invalid')
    const kept = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((d) => d && d !== note.id)
    if (kept.length > 0) el.setAttribute('aria-describedby', kept.join(' '))
    else el.removeAttribute('aria-describedby')
  }
}
