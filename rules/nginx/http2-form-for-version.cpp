#include <fmt/format.h>

#include <array>
#include <charconv>
#include <string>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
HTTP/2 turned on in the form the target nginx version does not want, judged against the
`nginx-version` setting (`--nginx-version`; default: the newest nginx):

- from nginx 1.25.1, the `http2` parameter of `listen` is deprecated: nginx warns
  `the "listen ... http2" directive is deprecated, use the "http2" directive instead` at
  every start and reload;
- before 1.25.1, the `http2 on;` directive does not exist: nginx refuses to start with
  `unknown directive "http2"` (reported as an error).

## Why it matters
The deprecated form still works but will be removed; its warning hides others. The new form
on an older nginx stops the server from starting at the next reload.

## Example
```nginx
server {
    listen 443 ssl http2;
}
```

## Fixed
```nginx
server {
    listen 443 ssl;
    http2 on;
}
```

Fix (safe, for nginx 1.25.1 and later): drops `http2` from each `listen` and adds
`http2 on;` after the first of them in that server. No fix for older versions: the
`listen` parameter enables HTTP/2 for every server on that address, which may not be meant.
)md";

const RuleMeta kMeta{
    .id = "nginx/http2-form-for-version",
    .title = "HTTP/2 enabled in the wrong form for the nginx version",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// The `nginx-version` setting ("1.24", "1.25.1", "v1.27") as {major, minor, patch};
// unset or unreadable: the newest.
std::array<int, 3> nginx_version(const FindingSink& sink) {
  std::string text = sink.settings().string("nginx-version", "");
  std::string_view rest = text;
  if (rest.starts_with('v')) rest.remove_prefix(1);
  std::array<int, 3> version{999, 0, 0};
  if (rest.empty()) return version;
  for (int& part : version) {
    part = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), part);
    if (ec != std::errc{}) return {999, 0, 0};
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    if (rest.empty()) break;
    if (rest.front() != '.') return {999, 0, 0};
    rest.remove_prefix(1);
  }
  return version;
}

class Http2FormForVersion final : public NginxRule {
 public:
  Http2FormForVersion() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    const std::array<int, 3> version = nginx_version(sink);
    const bool directive_form = version >= std::array<int, 3>{1, 25, 1};
    const std::string shown = sink.settings().string("nginx-version", "");
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || v.context != nginx::Context::server) return;
      if (!directive_form && d.is("http2")) {
        Finding& f = sink.report(
            d.span(), fmt::format("the http2 directive exists from nginx 1.25.1, and "
                                  "nginx-version is {}: nginx refuses to start (unknown "
                                  "directive); enable HTTP/2 with `listen 443 ssl http2;`",
                                  shown));
        f.severity = Severity::error;
        return;
      }
      if (!directive_form || !d.is("listen")) return;
      for (std::size_t i = 1; i < d.args.size(); ++i) {
        if (d.args[i].value != "http2") continue;
        Finding& f = sink.report(
            d.args[i].span,
            "`listen ... http2` is deprecated since nginx 1.25.1 (nginx warns at every start); "
            "drop it and write `http2 on;` in the server");
        const nginx::Directive* server = v.parents.back();
        std::string_view between =
            doc.text().substr(d.args[i - 1].span.end, d.args[i].span.begin - d.args[i - 1].span.end);
        if (between.find('#') != std::string_view::npos) break;
        std::vector<Edit> edits{{Span{d.args[i - 1].span.end, d.args[i].span.end}, ""}};
        // `http2 on;` once per server, after the first listen that asks for it; the others
        // are fixed once it is there (the next round), so none loses HTTP/2 on its own.
        bool first = true, has_directive = false;
        for (const nginx::Directive* c : nginx::children_of(config, server)) {
          has_directive = has_directive || c->is("http2");
          if (c->is("listen") && c != &d && !c->file)
            for (const nginx::Arg& a : c->args)
              if (a.value == "http2" && c->name_span.begin < d.name_span.begin) first = false;
        }
        if (!has_directive && !first) break;
        if (!has_directive) {
          auto eol = nginx::line_end_after(doc.text(), d.span());
          if (!eol) break;
          std::string indent(nginx::indentation_at(doc.text(), d.name_span.begin));
          edits.push_back({Span{*eol, *eol}, "\n" + indent + "http2 on;"});
        }
        f.fix = Fix{"Use the http2 directive", std::move(edits), Applicability::safe};
        break;
      }
    });
  }
};

INFRALINT_REGISTER_RULE(Http2FormForVersion);

}  // namespace
}  // namespace infralint
