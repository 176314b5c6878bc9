#pragma once
#include <optional>
#include <string_view>

namespace infralint {

// The formats infralint reads. `unknown` files are never linted.
enum class Kind {
  unknown,
  dockerfile,
  compose,
  kubernetes,
  nginx,
  railway,
  prometheus_rules,
  prometheus_config,
};

std::string_view to_string(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);

}  // namespace infralint
