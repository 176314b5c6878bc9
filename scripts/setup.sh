#!/usr/bin/env bash
# Installs what the build and the tests need on Debian 12. Idempotent: it installs only what
# is missing, so a second run costs a few dpkg queries.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(cmake ninja-build g++ make pkg-config git
  libyaml-cpp-dev libtomlplusplus-dev nlohmann-json3-dev libre2-dev libcli11-dev doctest-dev
  libgit2-dev libfmt-dev libdtl-dev libxxhash-dev
  docker-compose   # the real compose parser, an oracle in the tests
  python3          # reads the JUnit and Checkstyle reports in the tests
  python3-yaml python3-jsonschema  # validate the starter config against its JSON Schema
  pre-commit       # runs our hooks in the tests (try-repo)
  prometheus       # promtool, the oracle of the Prometheus rule and config checks
  graphviz         # `dot -Tsvg` renders `infralint graph` output in the tests
  nginx-light openssl  # `nginx -t`, the oracle of the nginx tests (openssl makes its test certificates)
  chromium         # headless, renders the HTML audit report to PNG and PDF in the tests
  neovim)  # the real editor of the language server's test (integrations/neovim)
# kubectl (the oracle of kubernetes/invalid-label's test, skipped without it) is not a Debian
# package: it is used when the machine has it from Kubernetes' own repository.
# Node.js may come from another packaging whose nodejs conflicts with Debian's npm: only ask
# apt for them when the commands are absent.
# `make fuzz` (INFRALINT_SETUP_FUZZ=1) also needs clang with libFuzzer; `make test` does not.
if [ "${INFRALINT_SETUP_FUZZ:-0}" = 1 ]; then
  packages+=(clang-14 libclang-rt-14-dev libfuzzer-14-dev)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Grammars: the lock file pins them; reinstall only when it changed.
stamp=grammars/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s grammars/package-lock.json "$stamp"; then
  echo "setup: installing pinned tree-sitter grammars" >&2
  (cd grammars && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund >/dev/null)
  cp grammars/package-lock.json "$stamp"
fi

# Test-only tools (Microsoft's SARIF validator), pinned by their own lock file.
stamp=tests/tools/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s tests/tools/package-lock.json "$stamp"; then
  echo "setup: installing pinned test tools (SARIF validator)" >&2
  (cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  # --ignore-scripts skipped the package's own postinstall, which only does this:
  chmod u+x tests/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  cp tests/tools/package-lock.json "$stamp"
fi

# The VS Code extension's pinned dependencies (vscode-languageclient, tsc) for building it.
stamp=integrations/vscode/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s integrations/vscode/package-lock.json "$stamp"; then
  echo "setup: installing the VS Code extension's pinned dependencies" >&2
  (cd integrations/vscode && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  cp integrations/vscode/package-lock.json "$stamp"
fi
