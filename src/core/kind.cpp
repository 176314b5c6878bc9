#include "core/kind.hpp"

#include <array>
#include <utility>

namespace infralint {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 8> kNames{{
    {Kind::unknown, "unknown"},
    {Kind::dockerfile, "dockerfile"},
    {Kind::compose, "compose"},
    {Kind::kubernetes, "kubernetes"},
    {Kind::nginx, "nginx"},
    {Kind::railway, "railway"},
    {Kind::prometheus_rules, "prometheus-rules"},
    {Kind::prometheus_config, "prometheus-config"},
}};

}  // namespace

std::string_view to_string(Kind kind) {
  for (auto [k, name] : kNames)
    if (k == kind) return name;
  return "unknown";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (auto [k, n] : kNames)
    if (n == name) return k;
  return std::nullopt;
}

}  // namespace infralint
