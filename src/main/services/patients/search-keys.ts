import { createRequire } from 'node:module'

type Pinyin = (typeof import('pinyin-pro'))['pinyin']
let loaded: Pinyin | undefined
/**
 * pinyin-pro (its dictionary is ~400 ms to load on a busy machine) is loaded by the first name
 * that needs keys, not at the host's start: the first answer (auth.status) never needs it.
 * Synchronously, through require, so nameSearchKeys stays synchronous for the booking-style units.
 */
const pinyinPro = (): Pinyin =>
  (loaded ??= (createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro')).pinyin)

/** The columns derived from a patient's name so that it can be found by pinyin. */
export interface NameSearchKeys {
  /** Full pinyin, lower case, no tones, spaces or punctuation (ü as v): "zhangwei". */
  readonly pinyin: string
  /** First letter of each syllable (and of each Latin word): "zw". */
  readonly initials: string
}

/**
 * Computes the pinyin search keys of a name, reading a leading surname as a surname
 * (单 shan, 曾 zeng, 解 xie, 仇 qiu) and Latin parts as they are. Host side only: pinyin-pro's
 * dictionary is large and the renderer never needs it. The benchmark generator reuses this.
 * @example nameSearchKeys('单小红') // { pinyin: 'shanxiaohong', initials: 'sxh' }
 */
export function nameSearchKeys(name: string): NameSearchKeys {
  let full = ''
  let initials = ''
  let inLatinWord = false
  for (const part of pinyinPro()(name, {
    surname: 'head',
    toneType: 'none',
    type: 'all',
    v: true,
  })) {
    if (part.isZh && part.pinyin) {
      full += part.pinyin
      initials += part.pinyin[0] ?? ''
      inLatinWord = false
      continue
    }
    const letters = latinLetters(part.origin)
    if (!letters) {
      inLatinWord = false
      continue
    }
    full += letters
    if (!inLatinWord) initials += letters[0]
    inLatinWord = true
  }
  return { pinyin: full, initials }
}

/**
 * A typed query reduced to the alphabet of the keys: "Zhang Wei" → "zhangwei", "lü" → "lv",
 * "xi'an" → "xian". Anything else left over means the query is not pinyin.
 */
export function normalizePinyinQuery(q: string): string {
  return q
    .toLowerCase()
    .replace(/[\s'’·-]+/g, '')
    .replace(/ü/g, 'v')
}

function latinLetters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}
