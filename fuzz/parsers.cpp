// libFuzzer targets, one per parser: each is this file compiled with FUZZ_<NAME> defined (see
// fuzz/CMakeLists.txt). A target asserts what its parser promises: it never throws, never
// crashes, and every error span lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "parse/document_parser.hpp"
#include "parse/gotemplate/template.hpp"
#include "parse/promql/ast.hpp"
#include "parse/toml/toml.hpp"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

template <typename Errors>
void spans_inside(const Errors& errors, std::size_t size) {
  for (const auto& e : errors)
    require(e.span.begin <= e.span.end && e.span.end <= size, "error span outside the input");
}

[[maybe_unused]] void parse_as(infralint::Kind kind, const char* name, std::string_view text) {
  infralint::Document doc(name, std::string(text), kind);
  infralint::parse_document(doc);
  spans_inside(doc.errors(), text.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using infralint::Kind;
#if defined(FUZZ_DOCKERFILE)
  parse_as(Kind::dockerfile, "Dockerfile", text);
#elif defined(FUZZ_YAML)
  // The YAML front-end with each of its adapters' kinds.
  parse_as(Kind::compose, "compose.yaml", text);
  parse_as(Kind::kubernetes, "deployment.yaml", text);
#elif defined(FUZZ_TOML)
  std::vector<infralint::ParseError> errors;
  auto doc = infralint::toml::parse(text, errors);
  spans_inside(errors, size);
  parse_as(Kind::railway, "railway.toml", text);
#elif defined(FUZZ_JSON)
  std::vector<infralint::ParseError> errors;
  auto doc = infralint::toml::parse_json(text, errors);
  spans_inside(errors, size);
  parse_as(Kind::railway, "railway.json", text);
#elif defined(FUZZ_NGINX)
  // No include resolution: the fuzzer must not read the disk. "-" as path turns it off.
  infralint::Document doc("-", std::string(text), Kind::nginx);
  infralint::parse_document(doc);
  spans_inside(doc.errors(), size);
#elif defined(FUZZ_PROMQL)
  auto result = infralint::promql::parse(text);
  spans_inside(result.errors, size);
  if (result.expr && result.errors.empty()) {
    // What the printer writes parses again.
    std::string printed = infralint::promql::print(*result.expr);
    auto again = infralint::promql::parse(printed);
    require(again.errors.empty(), "printed PromQL does not parse");
  }
#elif defined(FUZZ_GOTEMPLATE)
  auto errors =
      infralint::gotemplate::check(text, infralint::gotemplate::prometheus_alert_environment());
  spans_inside(errors, size);
#else
#error "define one FUZZ_<PARSER>"
#endif
  return 0;
}
