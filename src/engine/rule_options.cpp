#include "engine/rule_options.hpp"

namespace infralint {

std::string_view to_string(OptionType t) {
  switch (t) {
    case OptionType::flag:
      return "boolean";
    case OptionType::number:
      return "number";
    case OptionType::string:
      return "string";
    case OptionType::strings:
      return "list of strings";
    case OptionType::table:
      return "map of strings";
  }
  return "string";
}

bool RuleOptions::flag(std::string_view name, bool fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const bool* v = std::get_if<bool>(&it->second);
  return v ? *v : fallback;
}

double RuleOptions::number(std::string_view name, double fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const double* v = std::get_if<double>(&it->second);
  return v ? *v : fallback;
}

std::string RuleOptions::string(std::string_view name, std::string_view fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::string(fallback);
  const std::string* v = std::get_if<std::string>(&it->second);
  return v ? *v : std::string(fallback);
}

const std::vector<std::string>* RuleOptions::strings(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return nullptr;
  return std::get_if<std::vector<std::string>>(&it->second);
}

const RuleOptions::Table* RuleOptions::table(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return nullptr;
  return std::get_if<Table>(&it->second);
}

void RuleOptions::merge_from(const RuleOptions& other) {
  for (const auto& [name, value] : other.values_) values_[name] = value;
}

const RuleOptions& RuleOptions::none() {
  static const RuleOptions empty;
  return empty;
}

}  // namespace infralint
