#include "config/config_file.hpp"

namespace infralint {

std::string starter_config() {
  return R"yaml(# infralint configuration. The nearest .infralint.yaml at or above a file applies to it;
# `extends: ../.infralint.yaml` inherits another one. Rule ids, peer ids (DL3008,
# kube-linter:run-as-non-root), domains (dockerfile), categories (security) and compliance
# tags (CIS-Docker-1.6) are all accepted where rules are named. `infralint rules` lists them.

# The starting set of rules: recommended (the default), strict, minimal, cis-docker,
# pss-baseline, pss-restricted, nsa-cisa.
profile: recommended

# Rules to run beside the profile's (opt-in rules run only when named here).
extend-select: []

# Rules never to run here.
ignore: []

# `infralint check` exits with 1 when a finding is at or above this: error, warning or info.
fail-on: warning

# Severity per rule, domain, category or compliance tag (the last matching entry wins).
severity: {}
#  dockerfile/apt-get-install-recommends: info

# Rules to skip in some files: globs relative to this file, `**` crosses directories.
per-file-ignores: {}
#  "legacy/**": [all]
#  "k8s/dev/*.yaml": [kubernetes]

# Options of individual rules (`infralint explain <rule>` lists a rule's options).
rules: {}

# Versions the rules judge against, and the labels every image must carry (hadolint's schema:
# types text, url, semver, hash, rfc3339, spdx, email).
settings: {}
#  kubernetes-version: "1.31"
#  nginx-version: "1.24"   # newest by default (--nginx-version)
#  nginx-prefix: etc/nginx   # where relative nginx includes resolve (--nginx-prefix)
#  label-schema:
#    org.opencontainers.image.source: url
#  max-file-size: 10MiB   # larger files are reported as skipped, not read (--max-file-size)
#  default-requests: {cpu: 250m, memory: 256Mi}   # what resource fixes write (--default-requests)
#  default-limits: {cpu: "1", memory: 512Mi}       # (--default-limits)

# Custom policy files (README, "Custom policies"), relative to this file.
policies: []
)yaml";
}

}  // namespace infralint
