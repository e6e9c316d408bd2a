// Reads an Electronegativity CSV report; prints every finding, fails (exit 1) on any HIGH one,
// and on a missing or empty report (a run that produced nothing must not pass as clean).
import { readFileSync } from 'node:fs'

/** Splits one CSV line, honouring double quotes ("" inside quotes is a quote). */
export function splitCsvLine(line) {
  const cells = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim())
      cell = ''
    } else {
      cell += c
    }
  }
  cells.push(cell.trim())
  return cells
}

export function findings(csv) {
  const [header, ...rows] = csv.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (!header) throw new Error('the report is empty')
  const names = splitCsvLine(header).map((h) => h.toLowerCase())
  const at = (name) => {
    const i = names.indexOf(name)
    if (i < 0) throw new Error(`the report has no "${name}" column: ${header}`)
    return i
  }
  const [issue, severity, file, location] = ['issue', 'severity', 'filename', 'location'].map(at)
  return rows.map((row) => {
    const cells = splitCsvLine(row)
    return {
      issue: cells[issue],
      severity: (cells[severity] ?? '').toUpperCase(),
      file: cells[file],
      location: cells[location],
    }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2]
  if (!path) throw new Error('usage: node scripts/security-lint.mjs report.csv')
  const all = findings(readFileSync(path, 'utf8'))
  for (const f of all) console.log(`${f.severity.padEnd(6)} ${f.issue}  ${f.file}:${f.location}`)
  const high = all.filter((f) => f.severity === 'HIGH')
  console.log(`electronegativity: ${all.length} findings, ${high.length} HIGH`)
  process.exit(high.length > 0 ? 1 : 0)
}
