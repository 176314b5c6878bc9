#!/usr/bin/env bash
# Runs `infralint check`: annotations on the log (--format github), SARIF to a file. Never fails
# itself, so the SARIF is uploaded first; the exit code goes to the step's outputs.
set -uo pipefail
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is set by the runner}"
sarif="${INFRALINT_SARIF:-infralint.sarif}"
read -r -a paths <<< "${INFRALINT_PATHS:-.}"
read -r -a extra <<< "${INFRALINT_ARGS:-}"
infralint check --format github --fail-on "${INFRALINT_FAIL_ON:-warning}" \
  -o "sarif:$sarif" "${extra[@]}" "${paths[@]}"
code=$?
if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; fi
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
exit 0
