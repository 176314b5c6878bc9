#include "engine/selection.hpp"

#include <algorithm>

namespace infralint {
namespace {

bool is_domain_selector(std::string_view s, const RuleMeta& rule) {
  std::string_view domain = rule.id.substr(0, rule.id.find('/'));
  return s == domain || (s.ends_with('/') && s.substr(0, s.size() - 1) == domain);
}

bool has_compliance_prefix(const RuleMeta& rule, std::string_view prefix) {
  return std::any_of(rule.compliance.begin(), rule.compliance.end(), [&](std::string_view tag) {
    return tag == prefix ||
           (tag.starts_with(prefix) && tag.size() > prefix.size() && tag[prefix.size()] == ':');
  });
}

bool has_alias_prefix(const RuleMeta& rule, std::string_view prefix) {
  return std::any_of(rule.aliases.begin(), rule.aliases.end(),
                     [&](std::string_view a) { return a.starts_with(prefix); });
}

bool names_by_id_or_alias(std::string_view s, const RuleMeta& rule) {
  if (s == rule.id) return true;
  for (std::string_view old : rule.previous_ids)
    if (s == old) return true;
  for (std::string_view alias : rule.aliases) {
    auto colon = alias.find(':');
    if (alias == s || (colon != std::string_view::npos && alias.substr(colon + 1) == s))
      return true;
  }
  return false;
}

// Opt-in rules are enabled by naming them (id, previous id, peer alias) or, for style rules,
// the `style` category; `all`, a domain, another category or a compliance tag select only the
// rules that run by default, so a broad selector never turns on a noisy check.
bool names_opt_in_rule(std::string_view s, const RuleMeta& rule) {
  if (names_by_id_or_alias(s, rule)) return true;
  for (Category c : rule.categories)
    if (c == Category::style && s == to_string(c)) return true;
  return false;
}

bool selects(const std::string& s, const RuleMeta& rule) {
  return rule.opt_in ? names_opt_in_rule(s, rule) : selector_matches(s, rule);
}

}  // namespace

bool selector_matches(const std::string& selector, const RuleMeta& rule) {
  std::string_view s = selector;
  if (s == "all" || is_domain_selector(s, rule) || names_by_id_or_alias(s, rule)) return true;
  for (Category c : rule.categories)
    if (s == to_string(c)) return true;
  return has_compliance_prefix(rule, s);
}

const std::vector<std::string_view>& profile_names() {
  static const std::vector<std::string_view> names{"recommended", "strict",       "minimal",
                                                   "cis-docker",  "pss-baseline", "pss-restricted",
                                                   "nsa-cisa"};
  return names;
}

bool is_profile(std::string_view name) {
  const auto& names = profile_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool profile_includes(std::string_view profile, const RuleMeta& rule) {
  // The default profile first, without reading the id: asked for every rule and document.
  if (profile.empty() || profile == "recommended") return !rule.opt_in;
  bool meta = rule.id.starts_with("meta/");
  // strict: every rule but the style opinions.
  if (profile == "strict")
    return std::none_of(rule.categories.begin(), rule.categories.end(),
                        [](Category c) { return c == Category::style; });
  // minimal: what is broken or dangerous, not what could be better.
  if (profile == "minimal") return !rule.opt_in && (meta || rule.severity == Severity::error);
  if (profile == "cis-docker") return meta || has_compliance_prefix(rule, "CIS-Docker-1.6");
  bool baseline =
      has_alias_prefix(rule, "pss:baseline:") || has_compliance_prefix(rule, "PSS:baseline");
  if (profile == "pss-baseline") return meta || baseline;
  if (profile == "pss-restricted")
    return meta || baseline || has_alias_prefix(rule, "pss:restricted:") ||
           has_compliance_prefix(rule, "PSS:restricted");
  if (profile == "nsa-cisa") return meta || has_compliance_prefix(rule, "NSA-CISA-K8s");
  return !rule.opt_in;
}

bool RuleSelection::allows(const RuleMeta& rule) const {
  bool selected = select.empty() && profile_includes(profile, rule);
  for (const auto& s : select) selected = selected || selects(s, rule);
  for (const auto& s : extend_select) selected = selected || selects(s, rule);
  if (!selected) return false;
  for (const auto& s : ignore)
    if (selector_matches(s, rule)) return false;
  return true;
}

}  // namespace infralint
