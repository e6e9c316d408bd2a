import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { tempDir } from '../helpers/temp-dir'

const script = join(import.meta.dirname, '..', '..', 'scripts', 'ci-summary.mjs')
let dir: ReturnType<typeof tempDir> | undefined
afterEach(() => dir?.remove())

function summarise(
  report: unknown,
  ...steps: string[]
): { lastLine: string; status: number | null } {
  dir = tempDir()
  const path = dir.file('vitest.json')
  if (report !== undefined) writeFileSync(path, JSON.stringify(report))
  const run = spawnSync(process.execPath, [script, path, ...steps], { encoding: 'utf8' })
  return { lastLine: run.stdout.trimEnd().split('\n').at(-1) ?? '', status: run.status }
}

const file = (status: string, ...tests: string[]) => ({
  name: '/x.test.ts',
  status,
  assertionResults: tests.map((s, i) => ({ title: `t${i}`, fullName: `t${i}`, status: s })),
})

test('all passed (skips allowed): the plain line and exit 0', () => {
  expect(
    summarise({
      testResults: [
        file('passed', 'passed', 'passed', 'skipped'),
        file('passed', 'pending', 'todo'),
      ],
    }),
  ).toEqual({
    lastLine: '2 passed, 0 failed, 3 skipped',
    status: 0,
  })
})

test('a failed test fails the run', () => {
  expect(summarise({ testResults: [file('failed', 'passed', 'failed')] })).toEqual({
    lastLine: '1 passed, 1 failed, 0 skipped',
    status: 1,
  })
})

test('a test file that failed to load counts as one failure', () => {
  expect(summarise({ testResults: [file('failed'), file('passed', 'passed')] })).toEqual({
    lastLine: '1 passed, 1 failed, 0 skipped',
    status: 1,
  })
})

test('a failed lint/typecheck/build step counts, even when every test passed', () => {
  expect(summarise({ testResults: [file('passed', 'passed')] }, 'lint', 'typecheck')).toEqual({
    lastLine: '1 passed, 2 failed, 0 skipped',
    status: 1,
  })
})

test('no report at all is a failure, not "0 failed"', () => {
  expect(summarise(undefined)).toEqual({ lastLine: '0 passed, 1 failed, 0 skipped', status: 1 })
})
