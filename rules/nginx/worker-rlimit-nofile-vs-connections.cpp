#include <fmt/format.h>

#include <charconv>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`worker_rlimit_nofile` set below twice `worker_connections` (from `events {}`).

## Why it matters
A proxied connection uses two file descriptors (client and upstream), plus files being
served and logs. With a lower descriptor limit a worker fails with `Too many open files`
long before it reaches `worker_connections`, and the failures show up as 500s and dropped
connections under load.

## Example
```nginx
worker_rlimit_nofile 1024;
events {
    worker_connections 1024;
}
```

## Fixed
```nginx
worker_rlimit_nofile 2048;
events {
    worker_connections 1024;
}
```

Fix (safe): raises `worker_rlimit_nofile` to twice `worker_connections`.
)md";

const RuleMeta kMeta{
    .id = "nginx/worker-rlimit-nofile-vs-connections",
    .title = "worker_rlimit_nofile below twice worker_connections",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::performance},
    .aliases = {"gixy:worker_rlimit_nofile_vs_connections"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

std::optional<long> number(const nginx::Directive* d) {
  if (!d || d->args.size() != 1) return std::nullopt;
  const std::string& s = d->args[0].value;
  long n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return n;
}

class WorkerRlimitNofile final : public NginxRule {
 public:
  WorkerRlimitNofile() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main) return;
    const nginx::Directive* nofile = nullptr;
    const nginx::Directive* connections = nullptr;
    for (const nginx::Directive* d : nginx::children_of(config, nullptr)) {
      if (d->is("worker_rlimit_nofile")) nofile = d;
      if (d->is("events") && d->block)
        for (const nginx::Directive* e : nginx::children_of(config, d))
          if (e->is("worker_connections")) connections = e;
    }
    auto limit = number(nofile);
    auto conns = number(connections);
    if (!limit || !conns || nofile->file || *limit >= 2 * *conns) return;
    Finding& f = sink.report(
        nofile->args[0].span,
        fmt::format("worker_rlimit_nofile {} is below twice worker_connections {}: a proxied "
                    "connection takes two file descriptors, so workers hit `Too many open "
                    "files` first; set it to at least {}",
                    *limit, *conns, 2 * *conns),
        Fix{fmt::format("Raise worker_rlimit_nofile to {}", 2 * *conns),
            {{nofile->args[0].span, fmt::format("{}", 2 * *conns)}},
            Applicability::safe});
    if (!connections->file)
      f.related.push_back({connections->span(), "the worker_connections it must cover"});
  }
};

INFRALINT_REGISTER_RULE(WorkerRlimitNofile);

}  // namespace
}  // namespace infralint
