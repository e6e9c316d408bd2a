import { normalizePinyinQuery } from './search-keys'

/** How well a branch matches: whole field (0), the way people quote it — start of a name, end of a number (1), anywhere else (2). */
export type Tier = 0 | 1 | 2

/** One indexed lookup the search runs; each is an index equality or range, never a scan. */
export type Branch =
  | {
      readonly tier: Tier
      readonly kind: 'equals'
      readonly column: 'name' | 'pinyin' | 'initials' | 'phone' | 'id_number'
      readonly value: string
    }
  | {
      readonly tier: Tier
      readonly kind: 'startsWith'
      readonly column: 'name' | 'pinyin' | 'initials' | 'phone' | 'id_number'
      readonly value: string
    }
  | {
      readonly tier: Tier
      readonly kind: 'endsWith'
      readonly column: 'phone' | 'id_number'
      readonly value: string
    }
  | { readonly tier: Tier; readonly kind: 'nameContains'; readonly phrase: string }

const DIGITS = /^\d+X?$/
/** The shortest ID-number start searched for: its region code (省市县). */
export const ID_PREFIX_MIN = 6
const PINYIN = /^[a-z]+$/

/**
 * Reads what the desk typed and decides where to look:
 * - digits: a whole mobile or ID number; the last 4 (or more) digits of either; the start of a
 *   mobile; the first 6 (or more) characters of an ID number, read off the card from its start;
 * - Latin letters: full pinyin or initials, whole or their start ("zw", "zhangw");
 * - anything else: the name, whole, its start, or anywhere in it (伟 finds 张伟).
 * @example planSearch('zw') // initials = 'zw' (tier 0), initials starting 'zw' (tier 1), same for pinyin
 */
export function planSearch(raw: string): Branch[] {
  const q = raw.trim()
  const digits = q.replace(/[\s-]+/g, '').toUpperCase()
  if (DIGITS.test(digits)) return numberBranches(digits)
  const letters = normalizePinyinQuery(q)
  if (PINYIN.test(letters)) {
    return [
      { tier: 0, kind: 'equals', column: 'pinyin', value: letters },
      { tier: 0, kind: 'equals', column: 'initials', value: letters },
      { tier: 1, kind: 'startsWith', column: 'pinyin', value: letters },
      { tier: 1, kind: 'startsWith', column: 'initials', value: letters },
    ]
  }
  // Chinese names have no spaces: "张 伟" is 张伟 typed with a stray space.
  const name = /\p{Script=Han}/u.test(q) ? q.replace(/\s+/g, '') : q.replace(/\s+/g, ' ')
  const branches: Branch[] = [
    { tier: 0, kind: 'equals', column: 'name', value: name },
    { tier: 1, kind: 'startsWith', column: 'name', value: name },
  ]
  const phrase = charPhrase(name)
  if (phrase) branches.push({ tier: 2, kind: 'nameContains', phrase })
  return branches
}

function numberBranches(q: string): Branch[] {
  const branches: Branch[] = []
  const isDigitsOnly = !q.endsWith('X')
  if (q.length === 18) branches.push({ tier: 0, kind: 'equals', column: 'id_number', value: q })
  if (isDigitsOnly && /^1\d{10}$/.test(q))
    branches.push({ tier: 0, kind: 'equals', column: 'phone', value: q })
  if (q.length >= 4 && q.length < 18)
    branches.push({ tier: 1, kind: 'endsWith', column: 'id_number', value: q })
  if (isDigitsOnly && q.length >= 4 && q.length < 11)
    branches.push({ tier: 1, kind: 'endsWith', column: 'phone', value: q })
  // An ID number read out from its start: past the 6-digit region code it narrows fast.
  if (isDigitsOnly && q.length >= ID_PREFIX_MIN && q.length < 18)
    branches.push({ tier: 1, kind: 'startsWith', column: 'id_number', value: q })
  // A number read out from its start ("138 0013…"), found as it is typed.
  if (isDigitsOnly && q.length >= 3 && q.length < 11 && q.startsWith('1'))
    branches.push({ tier: 2, kind: 'startsWith', column: 'phone', value: q })
  return branches
}

/**
 * An FTS5 phrase of the query's characters, matching the name's one-character tokens in a row:
 * "小红" → "小 红". Characters FTS5 treats as separators (spaces, ·) are left out, as in the index.
 */
function charPhrase(name: string): string {
  const chars = [...name].filter((c) => /[\p{L}\p{N}]/u.test(c))
  return chars.length === 0 ? '' : `"${chars.join(' ')}"`
}
