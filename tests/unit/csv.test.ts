import { describe, expect, test } from 'vitest'
import { CSV_BOM, csvCell, csvLine } from '../../src/shared/csv'

describe('csv (RFC 4180, Excel-safe)', () => {
  test('plain cells stay as they are; empty for null', () => {
    expect(csvLine(['张三', 12, null, undefined, ''])).toBe('张三,12,,,\r\n')
  })
  test('quotes, commas and line breaks are quoted, quotes doubled', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"')
    expect(csvCell('cr\r')).toBe('"cr\r"')
  })
  test('a text cell that would run as a formula gets an apostrophe', () => {
    for (const s of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx']) expect(csvCell(s)).toBe(`'${s}`)
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`)
    expect(csvCell('a=b')).toBe('a=b')
  })
  test('numbers keep their sign: they are ours, not typed text', () => {
    expect(csvCell(-3)).toBe('-3')
  })
  test('the BOM is the UTF-8 byte-order mark', () => {
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })
})
