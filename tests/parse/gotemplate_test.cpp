#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "parse/gotemplate/template.hpp"

using namespace infralint::gotemplate;

namespace {

// The first error's message, or "<ok>".
std::string check_alert(std::string_view text) {
  auto errors = check(text, prometheus_alert_environment());
  return errors.empty() ? "<ok>" : errors.front().message;
}

}  // namespace

TEST_CASE("go templates: what Prometheus alert templates accept") {
  CHECK(check_alert("plain text") == "<ok>");
  CHECK(check_alert("{{ $value }}") == "<ok>");
  CHECK(check_alert("{{ $labels.instance }} {{ .Labels.job }} {{ $externalLabels.cluster }}") ==
        "<ok>");
  CHECK(check_alert("{{ $value | humanize }}") == "<ok>");
  CHECK(check_alert("{{ printf \"%.2f\" $value }}") == "<ok>");
  CHECK(check_alert(
            "{{ if gt $value 80.0 }}high{{ else if gt $value 50.0 }}mid{{ else }}low{{ end }}") ==
        "<ok>");
  CHECK(check_alert("{{ range $i, $s := query \"up\" }}{{ $i }}{{ $s.Value }}{{ end }}") == "<ok>");
  CHECK(check_alert("{{ with query \"up\" }}{{ . | first | value }}{{ end }}") == "<ok>");
  CHECK(check_alert("{{ $x := 1 }}{{ $x }}") == "<ok>");
  CHECK(check_alert("{{- /* comment */ -}}") == "<ok>");
  CHECK(check_alert("{{- $value -}}") == "<ok>");
  CHECK(check_alert("{{ (printf \"%s\" $labels.a) | toUpper }}") == "<ok>");
  CHECK(check_alert("{{ define \"x\" }}a{{ end }}{{ template \"x\" . }}") == "<ok>");
  CHECK(check_alert("{{ range $labels }}{{ break }}{{ end }}") == "<ok>");
  CHECK(check_alert("{{ reReplaceAll \"(.*)\" \"$1\" $labels.instance }}") == "<ok>");
  CHECK(check_alert("{{ 'a' }} {{ `raw` }} {{ -1.5e3 }} {{ true }} {{ nil | len }}") == "<ok>");
}

TEST_CASE("go templates: parse errors with Go's wording") {
  CHECK(check_alert("{{ $value | humanise }}") == "function \"humanise\" not defined");
  CHECK(check_alert("{{ $label.instance }}") == "undefined variable \"$label\"");
  CHECK(check_alert("{{ .Labels.job ") == "unclosed action");
  CHECK(check_alert("{{ if true }}x") == "unexpected EOF");
  CHECK(check_alert("x{{ end }}") == "unexpected {{end}}");
  CHECK(check_alert("{{ else }}") == "unexpected {{else}}");
  CHECK(check_alert("{{ }}") == "missing value for command");
  CHECK(check_alert("{{ $value | }}") == "missing value for command");
  CHECK(check_alert("{{ \"abc }}") == "unterminated quoted string");
  CHECK(check_alert("{{ /* open") == "unclosed comment");
  CHECK(check_alert("{{ break }}") == "{{break}} outside {{range}}");
  CHECK(check_alert("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}") == "undefined variable \"$x\"");
  CHECK(check_alert("{{ ) }}") == "unexpected right paren");
  auto errors = check("ok {{ $value | humanise }}", prometheus_alert_environment());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].span.begin == 15);
  CHECK(errors[0].span.end == 23);
}
