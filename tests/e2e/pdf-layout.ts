import { inflateSync } from 'node:zlib'

type Matrix = readonly [number, number, number, number, number, number]
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
]

/** The decoded content streams of a PDF that draw text. */
function textStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1')
  const out: string[] = []
  for (const m of text.matchAll(/\d+ 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[1]!
    const at = body.search(/stream\r?\n/)
    if (at < 0) continue
    const start = at + (body[at + 6] === '\r' ? 8 : 7)
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1')
    let stream = raw
    if (/\/FlateDecode/.test(body.slice(0, at))) {
      try {
        stream = inflateSync(raw)
      } catch {
        continue
      }
    }
    const content = stream.toString('latin1')
    if (/\bBT\b/.test(content) && /\bTf\b/.test(content)) out.push(content)
  }
  return out
}

/**
 * How far below the top edge of the first page its first line of text sits (its baseline), in
 * millimetres: follows `q`/`Q`/`cm` to the first `Tm` of the page's content, as Chromium writes it.
 * A ticket with a blank band above it reads as a large number.
 */
export function pdfFirstTextMm(pdf: Buffer): number {
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))
  if (!box) throw new Error('PDF without a MediaBox')
  const pageHeight = Number(box[2])
  const [content] = textStreams(pdf)
  if (!content) throw new Error('PDF without text')
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const stack: Matrix[] = []
  const operands: number[] = []
  for (const token of content.split(/\s+/)) {
    if (/^-?[\d.]+$/.test(token)) {
      operands.push(Number(token))
      continue
    }
    if (token === 'q') stack.push(ctm)
    else if (token === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
    else if (token === 'cm' && operands.length >= 6)
      ctm = times(operands.slice(-6) as unknown as Matrix, ctm)
    else if (token === 'Tm' && operands.length >= 6) {
      const f = times(operands.slice(-6) as unknown as Matrix, ctm)[5]
      return ((pageHeight - f) * 25.4) / 72
    }
    operands.length = 0
  }
  throw new Error('PDF text without a text matrix')
}
