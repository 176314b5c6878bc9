#include <fmt/format.h>

#include <array>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service's `ulimits` entry that Docker rejects or that removes a limit:
- a name Docker does not know (its list: core, cpu, data, fsize, locks, memlock, msgqueue,
  nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack);
- a soft limit above the hard limit (the container fails to start);
- `-1` (unlimited) for `nproc`, `nofile` or `sigpending`, the limits that keep one container
  from exhausting the host (`memlock: -1` is allowed: Elasticsearch and others need it).
Interpolated values are not judged.

## Why it matters
CIS Docker 5.19: the daemon's default ulimits should be overridden only when needed, and
never to "unlimited"; a typo'd or inverted ulimit is found only when the container refuses to
start.

## Example
```yaml
services:
  db:
    image: postgres:16
    ulimits:
      nofile: {soft: 65536, hard: 4096}
      nproc: -1
```

## Fixed
```yaml
services:
  db:
    image: postgres:16
    ulimits:
      nofile: {soft: 4096, hard: 65536}
      nproc: 4096
```

No automatic fix: which limit was meant is not known.
)md";

const RuleMeta kMeta{
    .id = "compose/unsafe-ulimit",
    .title = "ulimit is invalid or unlimited",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::security},
    .compliance = {"CIS-Docker-1.6:5.19"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

constexpr std::array<std::string_view, 15> kNames{
    "core", "cpu",  "data", "fsize",  "locks",  "memlock",    "msgqueue", "nice",
    "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"};
// memlock is left out: unlimited locked memory is the documented setting for Elasticsearch
// and similar (bootstrap.memory_lock).
constexpr std::array<std::string_view, 3> kMustStayLimited{"nproc", "nofile", "sigpending"};

bool contains(auto const& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

class UnsafeUlimit final : public ComposeRule {
 public:
  UnsafeUlimit() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* ulimits = svc->value->get("ulimits");
      if (!ulimits || !ulimits->is_mapping()) continue;
      for (const yaml::Pair& entry : ulimits->pairs) {
        auto name = scalar_text(entry.key);
        if (!name) continue;
        if (!contains(kNames, *name)) {
          sink.report(entry.key->span,
                      fmt::format("service `{}`: `{}` is not a ulimit Docker knows, so the "
                                  "container does not start; ulimits: {}",
                                  svc->key->value, *name, fmt::join(kNames, ", ")));
          continue;
        }
        const yaml::Node* value = entry.value;
        if (value->is_mapping()) {
          const yaml::Node* soft = value->get("soft");
          const yaml::Node* hard = value->get("hard");
          auto s = scalar_int(soft), h = scalar_int(hard);
          if (s && h && *h >= 0 && (*s < 0 || *s > *h)) {
            Finding& f = sink.report(
                soft->span, fmt::format("service `{}`: the soft `{}` limit ({}) is above the "
                                        "hard limit ({}); the container fails to start",
                                        svc->key->value, *name, *s, *h));
            f.related.push_back({hard->span, "the hard limit"});
            continue;
          }
          for (const yaml::Node* part : {soft, hard})  // one finding per entry
            if (auto v = scalar_int(part); v && *v == -1 && contains(kMustStayLimited, *name)) {
              report_unlimited(sink, svc->key->value, *name, part->span);
              break;
            }
        } else if (auto v = scalar_int(value); v && *v == -1 && contains(kMustStayLimited, *name)) {
          report_unlimited(sink, svc->key->value, *name, value->span);
        }
      }
    }
  }

 private:
  static void report_unlimited(FindingSink& sink, std::string_view service, std::string_view name,
                               Span at) {
    sink.report(at, fmt::format("service `{}` sets `{}` to unlimited (-1): one container can "
                                "exhaust the host's {}; set a finite limit",
                                service, name,
                                name == "nofile"  ? "file descriptors"
                                : name == "nproc" ? "processes"
                                                  : "signal queue"));
  }
};

INFRALINT_REGISTER_RULE(UnsafeUlimit);

}  // namespace
}  // namespace infralint
