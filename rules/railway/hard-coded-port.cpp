#include <fmt/format.h>
#include <re2/re2.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `deploy.startCommand` that makes the server listen on a fixed port instead of `$PORT`:
`--port 3000`, `-p 8080`, `--bind 0.0.0.0:8000`, `PORT=3000 node server.js`,
`php -S 0.0.0.0:8000`. A command that mentions `$PORT` anywhere is not judged (the number is
then probably another service's port).

## Why it matters
Railway tells the service which port to listen on through `$PORT`, routes public traffic and
the healthcheck there, and may change it. A fixed port works only while it happens to match;
otherwise the healthcheck times out and the service answers 502.

## Example
```toml
[deploy]
startCommand = "uvicorn app:app --host 0.0.0.0 --port 8000"
```

## Fixed
```toml
[deploy]
startCommand = "uvicorn app:app --host 0.0.0.0 --port $PORT"
```

No automatic fix: whether the command runs through a shell that expands `$PORT` depends on
the builder and the command.
)md";

const RuleMeta kMeta{
    .id = "railway/hard-coded-port",
    .title = "Start command listens on a fixed port instead of $PORT",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

const RE2& port_binding() {
  static const RE2 re(R"((?:^|\s)(?:(?:--port|-p|--http-port|--listen-port)(?:=|\s+)|PORT=|)"
                      R"((?:--bind|-b|--listen|--host|--address)(?:=|\s+)\S*:|)"
                      R"((?:0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]):)(\d{2,5})\b)");
  return re;
}

class HardCodedPort final : public RailwayRule {
 public:
  HardCodedPort() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "startCommand")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string || v.text.find("$PORT") != std::string::npos ||
          v.text.find("${PORT") != std::string::npos)
        continue;
      std::string_view written = doc.slice(v.span);
      // Exact spans when the string is written as decoded (no escapes): the usual case.
      bool exact = written.size() >= 2 && written.substr(1, written.size() - 2) == v.text;
      re2::StringPiece input(v.text);
      re2::StringPiece port;
      while (RE2::FindAndConsume(&input, port_binding(), &port)) {
        std::size_t at = static_cast<std::size_t>(port.data() - v.text.data());
        Span span =
            exact ? Span{v.span.begin + 1 + at, v.span.begin + 1 + at + port.size()} : v.span;
        sink.report(span, fmt::format("the start command listens on port {}, but Railway "
                                      "routes traffic and the healthcheck to `$PORT`; use "
                                      "`$PORT` instead of {}",
                                      std::string_view(port.data(), port.size()),
                                      std::string_view(port.data(), port.size())));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(HardCodedPort);

}  // namespace
}  // namespace infralint
