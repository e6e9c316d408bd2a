import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { AppErrorShape } from '../../shared/errors'
import { en } from './en'
import { policySentence } from './policy-sentence'
import { fieldSentence } from './field-sentence'
import { readableEn, readableZhCN } from './readable'
import { zhCN, type Catalogue } from './zh-CN'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'clinicdesk.language'

const stored = localStorage.getItem(STORAGE_KEY)
const initial: Language = (LANGUAGES as readonly string[]).includes(stored ?? '')
  ? (stored as Language)
  : 'zh-CN'

void i18next.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, ...readableZhCN } },
    en: { translation: { ...en, ...readableEn } },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
})
document.documentElement.lang = initial

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language)
  document.documentElement.lang = language
  void i18next.changeLanguage(language)
}

/** A failure as a plain sentence in the current language: never a code or a stack. */
export function errorSentence(error: AppErrorShape): string {
  // Never the generic sentence when the host said which field and why.
  const forField = fieldSentence(error)
  if (forField !== null) return forField
  const forRule = policySentence(error)
  if (forRule !== null) return forRule
  const key = `errors.${error.code}` as const
  // Every ErrorCode has a sentence (the catalogues are typed by the code list); a code only a newer
  // host knows still gets the INTERNAL one. i18next's key types cannot narrow a template key: String().
  return i18next.exists(key) ? String(i18next.t(key)) : i18next.t('errors.INTERNAL')
}

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Catalogue }
  }
}

export { i18next }
