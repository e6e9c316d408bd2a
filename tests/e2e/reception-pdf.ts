import { inflateSync } from 'node:zlib'

/** The first page's size in millimetres (from its MediaBox) and the number of pages of a PDF. */
export function pdfPageSizeMm(pdf: Buffer): { width: number; height: number; pages: number } {
  const text = pdf.toString('latin1')
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)
  if (!box) throw new Error('PDF without a MediaBox')
  const mm = (pt: string) => Math.round((Number(pt) * 25.4) / 72)
  return {
    width: mm(box[1]!),
    height: mm(box[2]!),
    pages: (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length,
  }
}

interface PdfObject {
  readonly dict: string
  readonly stream: Buffer | null
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!
    const at = body.search(/stream\r?\n/)
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null })
      continue
    }
    const dict = body.slice(0, at)
    const start = at + (body[at + 6] === '\r' ? 8 : 7)
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1')
    let stream: Buffer = raw
    if (/\/FlateDecode/.test(dict)) {
      try {
        stream = inflateSync(raw)
      } catch {
        stream = raw
      }
    }
    objects.set(Number(m[1]), { dict, stream })
  }
  return objects
}

const utf16 = (hex: string): string => {
  let out = ''
  for (let i = 0; i + 4 <= hex.length; i += 4)
    out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16))
  return out
}

/** A font's ToUnicode CMap: glyph code (hex) → text. */
function readCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(m[1]!, 16), utf16(m[2]!))
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const [from, to] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16)]
      const targets = m[3]!.startsWith('[')
        ? [...m[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => utf16(t[1]!))
        : null
      const base = targets ? 0 : parseInt(m[3]!.slice(1, -1), 16)
      for (let code = from; code <= to; code++)
        map.set(
          code,
          targets ? (targets[code - from] ?? '') : String.fromCharCode(base + code - from),
        )
    }
  }
  return map
}

/**
 * The text a PDF from Chromium shows, decoded through each font's ToUnicode map
 * (no pdftotext on these machines). Good enough to check a receipt's words.
 */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf)
  const fonts = new Map<string, Map<number, string>>()
  for (const { dict } of objects.values()) {
    for (const res of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const f of res[1]!.matchAll(/\/([\w.+-]+)\s+(\d+)\s+0\s+R/g)) {
        const font = objects.get(Number(f[2]))
        const toUnicode = font && /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(font.dict)
        const cmap = toUnicode && objects.get(Number(toUnicode[1]))?.stream
        if (cmap) fonts.set(f[1]!, readCMap(cmap.toString('latin1')))
      }
    }
  }
  let out = ''
  for (const { stream } of objects.values()) {
    const content = stream?.toString('latin1') ?? ''
    if (!/\bTf\b/.test(content) || !/BT/.test(content)) continue
    let font: Map<number, string> | undefined
    for (const m of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>|\bET\b/g)) {
      if (m[1]) font = fonts.get(m[1])
      else if (m[2] && font)
        for (let i = 0; i + 4 <= m[2].length; i += 4)
          out += font.get(parseInt(m[2].slice(i, i + 4), 16)) ?? ''
      else if (m[0] === 'ET') out += '\n'
    }
  }
  return out
}
