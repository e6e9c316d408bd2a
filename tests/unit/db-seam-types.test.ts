import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { expect, test } from 'vitest'

// The database seam's misuses are type errors (tests/types/db-seam.fixture.ts). The fixture is
// compiled here twice with the project's own compiler options: as written, and with every
// expect-error directive blanked out, so a misuse that starts to compile, or a directive that
// hides an unrelated error, fails this test.
const root = resolve(import.meta.dirname, '../..')
const fixture = join(root, 'tests/types/db-seam.fixture.ts')
const DIRECTIVE = /^\s*\/\/ @ts-expect-error\b.*$/

interface Found {
  readonly line: number
  readonly message: string
}

let previous: ts.Program | undefined

function compile(text: string): Found[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.node.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('tsconfig.node.json could not be read')
  // One file and what it imports, not the project: no build info, no composite file list.
  const options = { ...config.options, noEmit: true, composite: false, incremental: false }
  const host = ts.createCompilerHost(options)
  const read = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    resolve(name) === fixture
      ? ts.createSourceFile(name, text, language)
      : read(name, language, ...rest)
  // The second compile reuses the first one's parsed files: only the fixture changed.
  const program = ts.createProgram({ rootNames: [fixture], options, host, oldProgram: previous })
  previous = program
  // The fixture's own diagnostics only: checking every file it imports would take ten times as long.
  const file = program.getSourceFile(fixture)
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(file),
    ...program.getSemanticDiagnostics(file),
  ]
  return diagnostics.map((d) => ({
    line:
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  }))
}

test('every misuse of the seam in the fixture is a type error, and nothing else there is', () => {
  const lines = readFileSync(fixture, 'utf8').split('\n')
  const marked = lines.flatMap((line, i) => (DIRECTIVE.test(line) ? [i + 2] : []))
  expect(marked.length).toBeGreaterThanOrEqual(12)

  // As written: each directive meets an error (an unused one is itself an error), nothing else fails.
  expect(compile(lines.join('\n'))).toEqual([])

  // Directives blanked (line numbers kept): the errors are on the marked lines, one or more on each.
  const found = compile(lines.map((line) => (DIRECTIVE.test(line) ? '' : line)).join('\n'))
  const byLine = new Map<number, string[]>()
  for (const f of found) byLine.set(f.line, [...(byLine.get(f.line) ?? []), f.message])
  expect(
    [...byLine.keys()].sort((a, b) => a - b),
    JSON.stringify(found, null, 1),
  ).toEqual(marked)
})
