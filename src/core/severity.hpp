#pragma once
#include <optional>
#include <string_view>

namespace infralint {

enum class Severity { info = 0, warning = 1, error = 2 };

constexpr std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

constexpr std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::info;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace infralint
