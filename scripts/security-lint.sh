#!/usr/bin/env bash
# Electronegativity (Electron security linter) on src/ for the Electron we ship, failing on any
# HIGH finding. The tool itself always exits 0, so its CSV report is parsed by security-lint.mjs.
# Usage: scripts/security-lint.sh [report.csv]   (CI: bash scripts/security-lint.sh .tmp/electronegativity.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-.tmp/electronegativity.csv}"
mkdir -p "$(dirname "$report")"
rm -f "$report"
# "No connectivity" warnings are harmless: the Electron version is given, nothing else is fetched.
npx --yes @doyensec/electronegativity@1.10.3 -i src -e 40.10.2 -o "$report"
node scripts/security-lint.mjs "$report"
