import { describe, expect, test } from 'vitest'
import { cashChange, yuan } from '../../src/shared/money-format'

describe('money as the desk shows it', () => {
  test('yuan: two decimals, a yuan sign, refunds with a minus in front of the sign', () => {
    expect(yuan(0)).toBe('¥0.00')
    expect(yuan(1250)).toBe('¥12.50')
    expect(yuan(7)).toBe('¥0.07')
    expect(yuan(1_000_000_00)).toBe('¥1000000.00')
    expect(yuan(-300)).toBe('−¥3.00')
  })

  test('cashChange: exact change in fen from what was typed; short, empty or malformed is refused', () => {
    expect(cashChange('100', 2500)).toEqual({ ok: true, tenderedFen: 10000, changeFen: 7500 })
    // 0.1 + 0.2 is not 0.3 in floating point; here it is.
    expect(cashChange('0.3', 10)).toEqual({ ok: true, tenderedFen: 30, changeFen: 20 })
    expect(cashChange('25', 2500)).toEqual({ ok: true, tenderedFen: 2500, changeFen: 0 })
    expect(cashChange('24.99', 2500)).toEqual({ ok: false, problem: 'short' })
    expect(cashChange('  ', 2500)).toEqual({ ok: false, problem: 'empty' })
    expect(cashChange('12.345', 100)).toEqual({ ok: false, problem: 'format' })
    expect(cashChange('-5', 100)).toEqual({ ok: false, problem: 'format' })
  })
})
