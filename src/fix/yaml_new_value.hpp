#pragma once
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace YAML {
class Node;
}

namespace infralint::yaml_edit {

// A value the YAML writer puts into a file: null, a scalar with its tag, a sequence, or a
// mapping with keys in order. Fixes build their few values directly: going through yaml-cpp's
// nodes (reference-counted graphs) was most of a hardening fix's cost. A yaml-cpp node
// converts to it, meaning the same (an untagged scalar is typed: `true` stays a boolean).
class NewValue {
 public:
  enum class Kind { null, scalar, sequence, mapping };

  NewValue() = default;              // null
  NewValue(const YAML::Node& node);  // NOLINT(google-explicit-constructor): the same value
  NewValue(std::string text) : kind_(Kind::scalar), scalar_(std::move(text)) {}
  NewValue(std::string_view text) : NewValue(std::string(text)) {}
  NewValue(const char* text) : NewValue(std::string(text)) {}
  NewValue(bool flag) : NewValue(std::string(flag ? "true" : "false")) {}
  template <std::integral Number>
  requires(!std::same_as<Number, bool>) NewValue(Number number)
      : NewValue(std::to_string(number)) {}

  static NewValue sequence(std::vector<NewValue> items = {});
  // Keys that are not scalars are nullopt: such a mapping cannot be written.
  static NewValue mapping(std::vector<std::pair<std::optional<std::string>, NewValue>> pairs = {});
  // `text` with a tag; "!" or "!!str" ask for a string whatever the text looks like.
  static NewValue tagged(std::string tag, std::string text);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  bool is_sequence() const { return kind_ == Kind::sequence; }
  bool is_mapping() const { return kind_ == Kind::mapping; }
  const std::string& scalar() const { return scalar_; }
  const std::string& tag() const { return tag_; }
  const std::vector<NewValue>& items() const { return items_; }
  const std::vector<std::pair<std::optional<std::string>, NewValue>>& pairs() const {
    return pairs_;
  }
  // Elements of a collection (0 for a scalar or null).
  std::size_t size() const { return is_mapping() ? pairs_.size() : items_.size(); }

 private:
  Kind kind_ = Kind::null;
  std::string scalar_;
  std::string tag_;
  std::vector<NewValue> items_;
  std::vector<std::pair<std::optional<std::string>, NewValue>> pairs_;
};

}  // namespace infralint::yaml_edit
