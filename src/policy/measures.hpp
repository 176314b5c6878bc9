#pragma once
// Reading the values policies compare: plain numbers, durations and Kubernetes quantities.
#include <optional>
#include <string_view>

#include "policy/language.hpp"

namespace infralint::policy {

// A decimal number (`3`, `-1.5`, `2e3`) and nothing else.
std::optional<double> parse_number(std::string_view text);
// `500ms`, `30s`, `5m`, `1h30m`, `1.5h`, `7d`, `1w`, `1y` (Prometheus' and Go's units, ns to y)
// in seconds.
std::optional<double> parse_duration(std::string_view text);
// A Kubernetes quantity (`500m`, `0.5`, `128Mi`, `1G`, `1e3`) in base units.
std::optional<double> parse_quantity(std::string_view text);

std::optional<double> parse_measure(Measure measure, std::string_view text);

// How a comparison's bound reads when the policy does not say (`as:`): a plain number, a
// duration (a unit only durations have: ms, s, h, d, w, y) or a quantity (Ki, Mi, k, M, G, ...).
// nullopt when it is neither, or both (`5m`: five minutes or five thousandths).
enum class BoundReading { number, duration, quantity, ambiguous, invalid };
BoundReading read_bound(std::string_view text);

}  // namespace infralint::policy
