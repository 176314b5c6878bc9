#include "report/audit/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/rule.hpp"
#include "report/audit_controls_table.hpp"

namespace infralint::audit {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = text.find(separator, pos);
    parts.push_back(text.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (end == std::string_view::npos) return parts;
    pos = end + 1;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_coverage(std::string_view s, Coverage& out) {
  for (Coverage c : {Coverage::automated, Coverage::partial, Coverage::manual})
    if (to_string(c) == s) return out = c, true;
  return false;
}

bool parse_scope(std::string_view s, Scope& out) {
  for (Scope c : {Scope::image, Scope::runtime, Scope::pod, Scope::kubernetes, Scope::nginx,
                  Scope::any})
    if (to_string(c) == s) return out = c, true;
  return false;
}

}  // namespace

std::string_view to_string(Coverage c) {
  switch (c) {
    case Coverage::automated: return "automated";
    case Coverage::partial: return "partial";
    case Coverage::manual: return "manual";
  }
  return "manual";
}

std::string_view to_string(Scope s) {
  switch (s) {
    case Scope::image: return "image";
    case Scope::runtime: return "runtime";
    case Scope::pod: return "pod";
    case Scope::kubernetes: return "kubernetes";
    case Scope::nginx: return "nginx";
    case Scope::any: return "any";
  }
  return "any";
}

std::vector<Framework> parse_catalogue(const std::vector<std::string_view>& tables,
                                       std::vector<std::string>& errors) {
  const Registry& registry = Registry::instance();
  std::vector<Framework> frameworks;
  // framework:control → its rules, for the rows that map onto other tables (SOC 2).
  std::map<std::string, std::vector<std::string>, std::less<>> by_key;
  for (std::string_view table : tables) {
    Framework framework;
    std::size_t line_number = 0;
    for (std::string_view line : split(table, '\n')) {
      ++line_number;
      line = trim(line);
      if (line.empty() || line.starts_with("# ")) continue;
      auto fields = split(line, '\t');
      if (line.starts_with("#")) {
        std::string_view key = fields[0].substr(1);
        std::string value(fields.size() > 1 ? trim(fields[1]) : std::string_view());
        if (key == "framework") framework.id = value;
        else if (key == "name") framework.name = value;
        else if (key == "tag") framework.tag = value;
        else if (key == "reference") framework.reference = value;
        continue;
      }
      auto where = [&] { return fmt::format("{} line {}", framework.id, line_number); };
      if (fields.size() < 4) {
        errors.push_back(where() + ": expected id, title, coverage, scope[, rules]");
        continue;
      }
      Control control;
      control.id = trim(fields[0]);
      control.title = trim(fields[1]);
      if (!parse_coverage(trim(fields[2]), control.coverage))
        errors.push_back(fmt::format("{}: unknown coverage '{}'", where(), fields[2]));
      for (std::string_view s : split(trim(fields[3]), ',')) {
        Scope scope;
        if (parse_scope(trim(s), scope)) control.scopes.push_back(scope);
        else errors.push_back(fmt::format("{}: unknown scope '{}'", where(), s));
      }
      std::string reference = framework.tag + ":" + control.id;
      for (const auto& rule : registry.rules())
        for (std::string_view c : rule->meta().compliance)
          if (c == reference) control.rules.emplace_back(rule->meta().id);
      if (fields.size() > 4 && !trim(fields[4]).empty()) {
        for (std::string_view item : split(trim(fields[4]), ',')) {
          item = trim(item);
          if (item.find('/') != std::string_view::npos) {
            if (const Rule* rule = registry.find(item)) control.rules.emplace_back(rule->meta().id);
            else errors.push_back(fmt::format("{}: no rule '{}'", where(), item));
          } else if (auto it = by_key.find(item); it != by_key.end()) {
            control.rules.insert(control.rules.end(), it->second.begin(), it->second.end());
          } else {
            errors.push_back(fmt::format("{}: no control '{}' in an earlier table", where(), item));
          }
        }
      }
      std::sort(control.rules.begin(), control.rules.end());
      control.rules.erase(std::unique(control.rules.begin(), control.rules.end()),
                          control.rules.end());
      if (control.coverage != Coverage::manual && control.rules.empty())
        errors.push_back(fmt::format("{}: control {} is {} but no rule checks it", where(),
                                     control.id, to_string(control.coverage)));
      by_key[framework.id + ":" + control.id] = control.rules;
      framework.controls.push_back(std::move(control));
    }
    frameworks.push_back(std::move(framework));
  }
  return frameworks;
}

namespace {

struct Loaded {
  std::vector<std::string> errors;
  std::vector<Framework> frameworks;
};

const Loaded& loaded() {
  static const Loaded result = [] {
    Loaded l;
    std::vector<std::string_view> tables(std::begin(kAuditControlTables),
                                         std::end(kAuditControlTables));
    l.frameworks = parse_catalogue(tables, l.errors);
    return l;
  }();
  return result;
}

}  // namespace

const std::vector<Framework>& catalogue() { return loaded().frameworks; }
const std::vector<std::string>& catalogue_errors() { return loaded().errors; }

}  // namespace infralint::audit
