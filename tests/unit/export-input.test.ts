import { describe, expect, test } from 'vitest'
import { EXPORT_MAX_DAYS, ExportAppointmentsInput } from '../../src/shared/export-input'

const ok = { from: '2026-03-01', to: '2026-03-31', format: 'csv', language: 'zh-CN' } as const
const fieldOf = (input: unknown): string | undefined => {
  const r = ExportAppointmentsInput.safeParse(input)
  return r.success ? undefined : r.error.issues[0]?.path.join('.')
}

describe('export input', () => {
  test('a month is fine; unmasked defaults to false', () => {
    expect(ExportAppointmentsInput.parse(ok).unmasked).toBe(false)
  })
  test('one day (from = to) is fine; inverted is refused on `to`', () => {
    expect(fieldOf({ ...ok, to: ok.from })).toBeUndefined()
    expect(fieldOf({ ...ok, from: '2026-04-01' })).toBe('to')
  })
  test(`${EXPORT_MAX_DAYS} days pass, one more is refused on \`to\``, () => {
    // 2020-01-01 .. 2030-01-01 is 3653 days apart (2020, 2024, 2028 leap): 3654 days counting both
    // ends, so the 3660th day is 2030-01-07.
    expect(fieldOf({ ...ok, from: '2020-01-01', to: '2030-01-07' })).toBeUndefined()
    expect(fieldOf({ ...ok, from: '2020-01-01', to: '2030-01-08' })).toBe('to')
  })
  test('a bad date, format or language is refused on its field; unknown fields too', () => {
    expect(fieldOf({ ...ok, from: '2026-02-30' })).toBe('from')
    expect(fieldOf({ ...ok, format: 'pdf' })).toBe('format')
    expect(fieldOf({ ...ok, language: 'fr' })).toBe('language')
    expect(fieldOf({ ...ok, extra: 1 })).toBe('')
  })
})
