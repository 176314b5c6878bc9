#!/usr/bin/env bash
# Regenerates the README's rule table from the registry (a test checks they agree).
# INFRALINT=path/to/infralint picks another build (default build/infralint).
set -euo pipefail
cd "$(dirname "$0")/.."
table=$("${INFRALINT:-build/infralint}" rules --format markdown)
python3 - "$table" <<'PY'
import sys
table = sys.argv[1] + "\n"
s = open("README.md").read()
begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
s = s[: s.index(begin) + len(begin)] + table + s[s.index(end):]
open("README.md", "w").write(s)
PY
