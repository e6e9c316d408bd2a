#!/usr/bin/env node
// Reads vitest's JSON report and prints the plain last line CI reads:
//   N passed, N failed, N skipped
// Usage: node scripts/ci-summary.mjs <vitest.json> [failed step names…]
// A failed step (lint, typecheck, build, …) and a test file that failed to load count as
// failures; the exit code is non-zero when anything failed or the report is missing.
import { existsSync, readFileSync } from 'node:fs'

const [reportPath, ...failedSteps] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
const problems = failedSteps.map((step) => `step failed: ${step}`)

if (reportPath && existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'))
  for (const file of report.testResults ?? []) {
    const results = file.assertionResults ?? []
    for (const test of results) {
      if (test.status === 'passed') passed++
      else if (test.status === 'failed') {
        failed++
        problems.push(`test failed: ${test.fullName ?? test.title} (${file.name})`)
      } else skipped++ // pending, skipped, todo
    }
    // A file that could not even be loaded reports no tests: it is one failure, not zero.
    if (file.status === 'failed' && !results.some((t) => t.status === 'failed')) {
      failed++
      problems.push(
        `test file failed: ${file.name}${file.message ? ` — ${String(file.message).split('\n')[0]}` : ''}`,
      )
    }
  }
} else {
  problems.push(`no test report at ${reportPath ?? '(none given)'}`)
  failed++
}
failed += failedSteps.length

for (const problem of problems) console.log(problem)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(problems.length > 0 ? 1 : 0)
