#include "engine/selection.hpp"

namespace infralint {

bool selector_matches(const std::string& selector, const RuleMeta& rule) {
  std::string_view s = selector;
  if (s == "all" || s == rule.id) return true;
  for (std::string_view old : rule.previous_ids)
    if (s == old) return true;
  std::string_view domain = rule.id.substr(0, rule.id.find('/'));
  if (s == domain || (s.ends_with('/') && s.substr(0, s.size() - 1) == domain)) return true;
  for (Category c : rule.categories)
    if (s == to_string(c)) return true;
  for (std::string_view tag : rule.compliance)
    if (tag == s || (tag.starts_with(s) && tag.size() > s.size() && tag[s.size()] == ':'))
      return true;
  for (std::string_view alias : rule.aliases) {
    auto colon = alias.find(':');
    if (alias == s || (colon != std::string_view::npos && alias.substr(colon + 1) == s))
      return true;
  }
  return false;
}

namespace {

// Opt-in rules are enabled by naming them (id, previous id, peer alias) or, for style rules,
// the `style` category; `all`, a domain, another category or a compliance tag select only the
// rules that run by default, so a broad selector never turns on a noisy check.
bool names_opt_in_rule(std::string_view s, const RuleMeta& rule) {
  if (s == rule.id) return true;
  for (std::string_view old : rule.previous_ids)
    if (s == old) return true;
  for (Category c : rule.categories)
    if (c == Category::style && s == to_string(c)) return true;
  for (std::string_view alias : rule.aliases) {
    auto colon = alias.find(':');
    if (alias == s || (colon != std::string_view::npos && alias.substr(colon + 1) == s))
      return true;
  }
  return false;
}

}  // namespace

bool RuleSelection::allows(const RuleMeta& rule) const {
  bool selected = select.empty() && !rule.opt_in;
  for (const auto& s : select)
    selected = selected || (rule.opt_in ? names_opt_in_rule(s, rule) : selector_matches(s, rule));
  if (!selected) return false;
  for (const auto& s : ignore)
    if (selector_matches(s, rule)) return false;
  return true;
}

}  // namespace infralint
