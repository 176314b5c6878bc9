#!/usr/bin/env bash
# `make bench`: installs the peers the benchmark compares with (Debian packages; npm packages
# pinned by bench/package-lock.json), then runs bench/bench.py. Arguments go to bench.py
# (--runs N, --regenerate).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(python3 time yamllint nginx-light prometheus)  # time: peak RSS; prometheus: promtool
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=bench/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s bench/package-lock.json "$stamp"; then
  echo "bench: installing pinned peers (dclint, dockerfilelint, nginx-linter)" >&2
  (cd bench && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  cp bench/package-lock.json "$stamp"
fi

exec python3 bench/bench.py "$@"
