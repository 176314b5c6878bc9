#!/usr/bin/env bash
# Builds infralint from the repository this action lives in and puts it on PATH for the
# following steps.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
make -C "$root" build >&2
echo "$root/build" >> "${GITHUB_PATH:?GITHUB_PATH is set by the runner}"
