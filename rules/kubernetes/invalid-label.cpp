#include <fmt/format.h>

#include <array>
#include <cctype>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A label of an object's `metadata.labels`, or of its pod template's, that the API server
rejects:
- a value longer than 63 characters, or not matching
  `(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?` (empty is allowed);
- a value that kubectl's YAML reader turns into something other than a string:
  `version: 1.0`, `enabled: true`, `replicas: 3`, and what YAML 1.1 adds to them — the
  booleans `yes`/`no`/`on`/`off`/`y`/`n`, numbers with `_` separators (`1_000`), `0b101`,
  `012`. kubectl refuses the file: `json: cannot unmarshal number into Go struct field
  ObjectMeta.metadata.labels of type string`. (`.inf`, `.nan`, dates and `1:30` stay strings
  and are accepted);
- a key whose name part is empty, longer than 63 characters or not matching the same pattern,
  or whose prefix (before `/`) is not a DNS subdomain of at most 253 lowercase characters.

Values and keys holding a template placeholder (`${VAR}`, `{{ .Values.x }}`) are left alone:
they are not the text that reaches the API.

## Why it matters
`kubectl apply` fails on the whole file, often late — in the deployment pipeline rather than
in review. A number that happens to be valid today (`version: 1.10`) is also read as `1.1`
by tools that do convert it.

## Example
```yaml
metadata:
  labels:
    app: api
    version: 1.10
    team: "platform team"
```

## Fixed
```yaml
metadata:
  labels:
    app: api
    version: "1.10"
    team: "platform-team"
```

The fix quotes a value YAML reads as a number or boolean, keeping its characters exactly
(`1.10` stays `"1.10"`); it is safe, since the API never accepted the unquoted form. Other
invalid values and keys need renaming by hand.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/invalid-label",
    .title = "Label key or value the API server rejects",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"kube-score:label-values"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

bool alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The label-name pattern: alphanumeric at both ends, `-_.` and alphanumerics inside.
bool qualified_name_part(std::string_view s) {
  if (s.empty()) return true;
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

bool dns_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (part.empty() || part.front() == '-' || part.back() == '-') return false;
    for (char c : part)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

bool templated(std::string_view s) {
  return s.find("${") != s.npos || s.find("{{") != s.npos;
}

// What is wrong with a label key; empty when valid.
std::string key_problem(std::string_view key) {
  std::string_view name = key;
  if (auto slash = key.find('/'); slash != key.npos) {
    std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (!dns_subdomain(prefix))
      return fmt::format(
          "its prefix `{}` is not a DNS subdomain (lowercase letters, digits, `-` "
          "and `.`, at most 253 characters)",
          prefix);
  }
  if (name.empty()) return "its name part is empty";
  if (name.size() > 63)
    return fmt::format("its name part is {} characters long (at most 63)", name.size());
  if (!qualified_name_part(name))
    return "its name must start and end with a letter or digit and hold only letters, digits, "
           "`-`, `_` and `.`";
  return {};
}

std::string value_problem(std::string_view value) {
  if (value.size() > 63) return fmt::format("is {} characters long (at most 63)", value.size());
  if (!qualified_name_part(value))
    return "must start and end with a letter or digit and hold only letters, digits, `-`, `_` "
           "and `.`";
  return {};
}

bool all_of(std::string_view s, std::string_view chars) {
  return !s.empty() && s.find_first_not_of(chars) == std::string_view::npos;
}

// Whether kubectl's YAML 1.1 reader (go-yaml v2, through sigs.k8s.io/yaml) resolves a plain
// scalar to a number: Go integer literals (0x, 0o, 0b, leading-0 octal) or YAML-style floats,
// after dropping `_` separators. `.inf`/`.nan` come out as strings and are accepted.
bool yaml11_number(std::string_view in) {
  if (in.empty() || !(std::isdigit(static_cast<unsigned char>(in[0])) || in[0] == '+' ||
                      in[0] == '-' || in[0] == '.'))
    return false;
  std::string plain;
  for (char c : in)
    if (c != '_') plain += c;
  std::string_view s = plain;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    return all_of(s.substr(2), "0123456789abcdefABCDEF");
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
    return all_of(s.substr(2), "01234567");
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) return all_of(s.substr(2), "01");
  // [0-9]+(\.[0-9]*)? or \.[0-9]+, then an optional exponent.
  std::size_t i = 0, digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t fraction = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++fraction;
    if (digits == 0 && fraction == 0) return false;
  } else if (digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!all_of(s.substr(i), "0123456789")) return false;
    i = s.size();
  }
  return i == s.size();
}

// What a label value is in YAML when it is not a string, as kubectl reads it; nullopt for
// strings (and for null, which kubectl turns into an empty value).
std::optional<std::string_view> non_string_type(const yaml::Node& v) {
  if (!v.is_scalar()) return v.is_mapping() ? "a mapping" : "a list";
  if (v.style != yaml::ScalarStyle::plain || !v.tag.empty()) return std::nullopt;
  static constexpr std::array<std::string_view, 22> kBooleans{
      "y",    "Y",    "yes",   "Yes",   "YES",   "n",  "N",  "no", "No",  "NO",  "true",
      "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
  for (std::string_view b : kBooleans)
    if (v.value == b) return "a boolean";
  if (yaml11_number(v.value)) return "a number";
  return std::nullopt;
}

class InvalidLabel final : public KubernetesObjectRule {
 public:
  InvalidLabel() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    check_labels(doc, o.labels(), o.describe(), sink);
    if (o.pod_metadata && o.pod_metadata != o.metadata)
      check_labels(doc, o.pod_metadata->get("labels"), o.describe() + "'s pod template", sink);
  }

 private:
  static void check_labels(const Document& doc, const yaml::Node* labels, const std::string& owner,
                           FindingSink& sink) {
    if (!labels || !labels->is_mapping()) return;
    for (const yaml::Pair& p : labels->pairs) {
      if (p.merged) continue;
      auto key = scalar_text(p.key);
      if (!key) continue;
      if (!templated(*key))
        if (std::string problem = key_problem(*key); !problem.empty())
          sink.report(p.key->span,
                      fmt::format("label key `{}` of {} is rejected by the API server: {}", *key,
                                  owner, problem));
      const yaml::Node& v = *p.value;
      if (v.is_null()) continue;
      if (auto type = non_string_type(v)) {
        Finding& f = sink.report(
            v.span, fmt::format("label `{}` of {} is {} in YAML, but label values must be "
                                "strings: the API server rejects the object; quote it",
                                *key, owner, *type));
        if (v.is_scalar()) {
          std::string_view source = doc.text().substr(v.span.begin, v.span.end - v.span.begin);
          if (qualified_name_part(source) && source.size() <= 63)
            f.fix = Fix{"Quote the label value",
                        {Edit{v.span, fmt::format("\"{}\"", source)}},
                        Applicability::safe};
        }
        continue;
      }
      if (templated(v.value)) continue;
      if (std::string problem = value_problem(v.value); !problem.empty())
        sink.report(v.span, fmt::format("value of label `{}` of {} {}: the API server rejects it",
                                        *key, owner, problem));
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidLabel);

}  // namespace
}  // namespace infralint
