#include "engine/rule.hpp"

#include <algorithm>

namespace infralint {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::security: return "security";
    case Category::compliance: return "compliance";
    case Category::reliability: return "reliability";
    case Category::performance: return "performance";
    case Category::cost: return "cost";
    case Category::correctness: return "correctness";
    case Category::style: return "style";
  }
  return "correctness";
}

std::string_view to_string(FixAvailability f) {
  switch (f) {
    case FixAvailability::none: return "none";
    case FixAvailability::sometimes: return "sometimes";
    case FixAvailability::always: return "always";
  }
  return "none";
}

Finding& FindingSink::report(Span span, std::string message) {
  Finding f;
  f.rule_id = rule_.id;
  f.severity = rule_.severity;
  f.message = std::move(message);
  f.span = span;
  out_.push_back(std::move(f));
  return out_.back();
}

Finding& FindingSink::report(Span span, std::string message, Fix fix) {
  Finding& f = report(span, std::move(message));
  f.fix = std::move(fix);
  return f;
}

Rule::Rule(const RuleMeta& meta) : meta_(meta) {
  for (Kind kind : meta.kinds) kinds_ |= 1u << static_cast<unsigned>(kind);
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

bool Registry::add(std::unique_ptr<Rule> rule) {
  rules_.push_back(std::move(rule));
  sorted_ = false;
  return true;
}

const std::vector<std::unique_ptr<Rule>>& Registry::rules() const {
  if (!sorted_) {
    // Insertion sort, stable: rules register in the order of their files, which is nearly the
    // order of their ids, so this is one pass where a merge sort was 4 % of a one-file run.
    auto by_id = [](const auto& a, const auto& b) { return a->meta().id < b->meta().id; };
    for (auto it = rules_.begin(); it != rules_.end(); ++it)
      if (it != rules_.begin() && by_id(*it, *(it - 1)))
        std::rotate(std::upper_bound(rules_.begin(), it, *it, by_id), it, it + 1);
    sorted_ = true;
  }
  return rules_;
}

const Rule* Registry::find(std::string_view id) const {
  // Reports ask once per finding: a binary search of the rules, which are sorted by id.
  const auto& all = rules();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const auto& r, std::string_view key) { return r->meta().id < key; });
  return it != all.end() && (*it)->meta().id == id ? it->get() : nullptr;
}

std::vector<const Rule*> Registry::resolve(std::string_view id_or_alias) const {
  std::vector<const Rule*> found;
  for (const auto& r : rules()) {
    const RuleMeta& m = r->meta();
    bool match = m.id == id_or_alias;
    for (std::string_view old : m.previous_ids) match = match || old == id_or_alias;
    for (std::string_view alias : m.aliases) {
      if (match) break;
      auto colon = alias.find(':');
      match = alias == id_or_alias ||
              (colon != std::string_view::npos && alias.substr(colon + 1) == id_or_alias);
    }
    if (match) found.push_back(r.get());
  }
  return found;
}

}  // namespace infralint
