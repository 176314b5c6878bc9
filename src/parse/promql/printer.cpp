#include <fmt/format.h>

#include <cmath>

#include "parse/promql/ast.hpp"

namespace infralint::promql {
namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// Prometheus 3 accepts any UTF-8 label or metric name when quoted; the legacy characters need
// no quotes (a metric name may hold ':' as well).
bool legacy_name(std::string_view s, bool metric) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (metric && c == ':');
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string label_name(std::string_view s) {
  return legacy_name(s, false) ? std::string(s) : quote(s);
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

std::string labels(const std::vector<std::string>& ls) {
  std::string out = "(";
  for (std::size_t i = 0; i < ls.size(); ++i) out += (i ? ", " : "") + label_name(ls[i]);
  return out + ")";
}

std::string modifiers(const Expr& e) {
  std::string out;
  if (e.offset_ms) out += " offset " + format_duration(*e.offset_ms);
  switch (e.at) {
    case AtKind::none:
      break;
    case AtKind::start:
      out += " @ start()";
      break;
    case AtKind::end:
      out += " @ end()";
      break;
    case AtKind::timestamp:
      out += " @ " + number(e.at_value);
      break;
  }
  return out;
}

std::string selector(const Expr& e) {
  std::string out;
  std::vector<std::string> parts;
  // A metric name only quoting can hold goes inside the braces, first: {"my.metric", ...}.
  if (legacy_name(e.metric_name, true)) out = e.metric_name;
  else if (!e.metric_name.empty()) parts.push_back(quote(e.metric_name));
  for (const Matcher& m : e.matchers) {
    if (m.bare_name) {
      parts.push_back(quote(m.value));
      continue;
    }
    parts.push_back(fmt::format("{}{}{}", label_name(m.name), to_string(m.op), quote(m.value)));
  }
  if (!parts.empty() || out.empty()) {
    out += "{";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    out += "}";
  }
  return out;
}

}  // namespace

std::string print(const Expr& e) {
  switch (e.kind) {
    case ExprKind::number:
      return number(e.number);
    case ExprKind::string:
      return quote(e.text);
    case ExprKind::vector_selector:
      return selector(e) + modifiers(e);
    case ExprKind::matrix_selector: {
      const Expr& vs = *e.children[0];
      return selector(vs) + "[" + format_duration(e.range_ms) + "]" + modifiers(e);
    }
    case ExprKind::subquery:
      return print(*e.children[0]) + "[" + format_duration(e.range_ms) + ":" +
             (e.step_ms ? format_duration(*e.step_ms) : "") + "]" + modifiers(e);
    case ExprKind::paren:
      return "(" + print(*e.children[0]) + ")";
    case ExprKind::unary:
      return std::string(1, e.unary_op) + print(*e.children[0]);
    case ExprKind::binary: {
      std::string out = print(*e.children[0]) + " " + std::string(to_string(e.op));
      if (e.return_bool) out += " bool";
      if (e.matching && e.matching->explicit_labels) {
        out += (e.matching->on ? " on" : " ignoring") + labels(e.matching->labels);
        if (e.matching->card == Cardinality::many_to_one) out += " group_left";
        if (e.matching->card == Cardinality::one_to_many) out += " group_right";
        if (!e.matching->include.empty()) out += labels(e.matching->include);
      }
      return out + " " + print(*e.children[1]);
    }
    case ExprKind::aggregate: {
      std::string out = e.aggregation;
      if (e.has_grouping) out += (e.without ? " without " : " by ") + labels(e.grouping) + " ";
      out += "(";
      if (e.param) out += print(*e.param) + ", ";
      return out + print(*e.children[0]) + ")";
    }
    case ExprKind::call: {
      std::string out = std::string(e.func->name) + "(";
      for (std::size_t i = 0; i < e.children.size(); ++i)
        out += (i ? ", " : "") + print(*e.children[i]);
      return out + ")";
    }
  }
  return {};
}

}  // namespace infralint::promql
