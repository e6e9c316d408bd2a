import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  checkIdNumber,
  idNumberCheckChar,
  isRealDate,
  maskIdNumber,
} from '../../src/shared/id-number'
import { forEachEngine } from '../helpers/engines'

forEachEngine(() => {
  describe('checkIdNumber (GB 11643)', () => {
    test.each([
      // The standard's own examples; the second was born before 1900, which the host refuses separately.
      ['11010519491231002X', '1949-12-31', 'F'],
      ['440524188001010014', '1880-01-01', 'M'],
      ['110101199003071233', '1990-03-07', 'M'],
      ['110101199003071241', '1990-03-07', 'F'],
      ['310115198506123016', '1985-06-12', 'M'],
      ['440304200002290022', '2000-02-29', 'F'],
      ['11010519491231002x', '1949-12-31', 'F'], // a lower-case x, as typed
      [' 110105 19491231 002X ', '1949-12-31', 'F'], // spaces, as read out
    ])('%s is valid: born %s, sex %s', (id, birthDate, sex) => {
      expect(checkIdNumber(id)).toEqual({
        ok: true,
        idNumber: id.replace(/\s/g, '').toUpperCase(),
        birthDate,
        sex,
      })
    })

    test.each([
      ['110105194912310021', 'checksum'], // last character should be X
      ['110101199003071234', 'checksum'], // one digit off
      ['110101199003071213', 'checksum'], // two digits swapped
      ['11010519491231002', 'format'], // 17 characters
      ['1101051949123100200', 'format'], // 19
      ['11010519491231002Y', 'format'],
      ['X10105194912310021', 'format'],
      ['110101199002300001', 'birthDate'], // 02-30 (checksum made right, see below)
      ['110101199013010001', 'birthDate'], // month 13
    ] as const)('%s is refused: %s', (id, problem) => {
      const withRightCheck =
        problem === 'birthDate' ? id.slice(0, 17) + idNumberCheckChar(id.slice(0, 17)) : id
      const result = checkIdNumber(withRightCheck)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.problem).toBe(problem)
        expect(result.message.length).toBeGreaterThan(20)
      }
    })

    test('the check character of the standard example is X', () => {
      expect(idNumberCheckChar('11010519491231002')).toBe('X')
      expect(idNumberCheckChar('44052418800101001')).toBe('4')
    })
  })

  test('any single mistyped digit is caught by the check character (a property of ISO 7064 MOD 11-2)', () => {
    const body = fc
      .tuple(
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([y, m, d, seq]) =>
          `110101${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
      )
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (body17, position, shift) => {
          const valid = body17 + idNumberCheckChar(body17)
          expect(checkIdNumber(valid).ok).toBe(true)
          const typo =
            valid.slice(0, position) +
            String((Number(valid[position]) + shift) % 10) +
            valid.slice(position + 1)
          const result = checkIdNumber(typo)
          // A typo in the date may also make the date impossible; either way it is refused.
          expect(result.ok).toBe(false)
        },
      ),
    )
  })

  test('maskIdNumber keeps the first 4 and last 4', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
    expect(maskIdNumber(null)).toBeNull()
    expect(maskIdNumber('1234')).toBe('****')
  })

  test.each([
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-1-01', false],
  ])('isRealDate(%s) = %s', (date, real) => expect(isRealDate(date)).toBe(real))
})
