#include "policy/measures.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace infralint::policy {
namespace {

// The longest decimal number at the start of `text` (sign, digits, fraction, exponent when
// `exponent`), and its length; nullopt when there is none.
std::optional<std::pair<double, std::size_t>> leading_number(std::string_view text, bool exponent) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (exponent && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    std::size_t exp_digits = 0;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j, ++exp_digits;
    if (exp_digits) i = j;
  }
  std::string_view number = text.substr(0, i);
  if (number.front() == '+') number.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
  return std::make_pair(value, i);
}

std::optional<double> duration_unit(std::string_view unit) {
  if (unit == "ns") return 1e-9;
  if (unit == "us" || unit == "\xC2\xB5s") return 1e-6;
  if (unit == "ms") return 1e-3;
  if (unit == "s") return 1;
  if (unit == "m") return 60;
  if (unit == "h") return 3600;
  if (unit == "d") return 86400;
  if (unit == "w") return 7 * 86400;
  if (unit == "y") return 365 * 86400;
  return std::nullopt;
}

std::optional<double> quantity_suffix(std::string_view suffix) {
  static const std::pair<std::string_view, double> kSuffixes[] = {{"", 1},
                                                                  {"n", 1e-9},
                                                                  {"u", 1e-6},
                                                                  {"m", 1e-3},
                                                                  {"k", 1e3},
                                                                  {"M", 1e6},
                                                                  {"G", 1e9},
                                                                  {"T", 1e12},
                                                                  {"P", 1e15},
                                                                  {"E", 1e18},
                                                                  {"Ki", 1024.0},
                                                                  {"Mi", 1048576.0},
                                                                  {"Gi", 1073741824.0},
                                                                  {"Ti", 1099511627776.0},
                                                                  {"Pi", 1125899906842624.0},
                                                                  {"Ei", 1152921504606846976.0}};
  for (auto [name, factor] : kSuffixes)
    if (name == suffix) return factor;
  return std::nullopt;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  auto n = leading_number(text, true);
  if (!n || n->second != text.size()) return std::nullopt;
  return n->first;
}

std::optional<double> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return 0.0;
  double total = 0;
  while (!text.empty()) {
    auto n = leading_number(text, false);
    if (!n || text.front() == '-' || text.front() == '+') return std::nullopt;
    text.remove_prefix(n->second);
    std::size_t unit_length = 0;
    while (unit_length < text.size() &&
           !std::isdigit(static_cast<unsigned char>(text[unit_length])) && text[unit_length] != '.')
      ++unit_length;
    auto factor = duration_unit(text.substr(0, unit_length));
    if (!factor) return std::nullopt;
    total += n->first * *factor;
    text.remove_prefix(unit_length);
  }
  return total;
}

std::optional<double> parse_quantity(std::string_view text) {
  auto n = leading_number(text, true);
  if (!n) return std::nullopt;
  auto factor = quantity_suffix(text.substr(n->second));
  if (!factor) return std::nullopt;
  return n->first * *factor;
}

std::optional<double> parse_measure(Measure measure, std::string_view text) {
  switch (measure) {
    case Measure::number:
      // A plain number bound also reads quantities (`cpu: 1500m` is 1.5).
      return parse_quantity(text);
    case Measure::duration:
      return parse_duration(text);
    case Measure::quantity:
      return parse_quantity(text);
  }
  return std::nullopt;
}

BoundReading read_bound(std::string_view text) {
  if (parse_number(text)) return BoundReading::number;
  bool duration = parse_duration(text).has_value();
  bool quantity = parse_quantity(text).has_value();
  if (duration && quantity) return BoundReading::ambiguous;
  if (duration) return BoundReading::duration;
  if (quantity) return BoundReading::quantity;
  return BoundReading::invalid;
}

}  // namespace infralint::policy
