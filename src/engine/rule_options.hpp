#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace infralint {

// The type of a rule option, as the configuration file must write it.
enum class OptionType { flag, number, string, strings, table };
std::string_view to_string(OptionType t);

// One option a rule reads from the configuration (`rules: {<id>: {<name>: value}}`): declared
// in RuleMeta so the config reader can reject unknown names and wrong types at their line.
struct OptionSpec {
  std::string_view name;  // kebab-case, e.g. "trusted-registries"
  OptionType type = OptionType::string;
  std::string_view description;  // one sentence, with the default
  // For a string with a form (a duration): whether a value has it, and the form in words for
  // the reader's error ("a Prometheus duration such as 5m"). Null: any string.
  bool (*has_form)(std::string_view) = nullptr;
  std::string_view form;
};

// Option values, typed when the configuration is read. Rules ask with a fallback, so a rule
// without configuration behaves exactly as documented.
class RuleOptions {
 public:
  using Table = std::map<std::string, std::string, std::less<>>;
  using Value = std::variant<bool, double, std::string, std::vector<std::string>, Table>;

  void set(std::string name, Value value) { values_[std::move(name)] = std::move(value); }
  bool empty() const { return values_.empty(); }
  bool has(std::string_view name) const { return values_.find(name) != values_.end(); }

  bool flag(std::string_view name, bool fallback) const;
  double number(std::string_view name, double fallback) const;
  std::string string(std::string_view name, std::string_view fallback) const;
  // nullptr when the option is not set: the rule then uses its documented default.
  const std::vector<std::string>* strings(std::string_view name) const;
  const Table* table(std::string_view name) const;

  // Later settings win key by key (a profile, then the config, then its children).
  void merge_from(const RuleOptions& other);

  static const RuleOptions& none();

  // Every value by name (the analysis cache fingerprints them).
  const std::map<std::string, Value, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, Value, std::less<>> values_;
};

}  // namespace infralint
