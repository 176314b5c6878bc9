#include <algorithm>
#include <array>

#include "parse/promql/ast.hpp"

namespace infralint::promql {
namespace {

using enum ValueType;

// Prometheus' promql/parser/functions.go (3.x). holt_winters was renamed
// double_exponential_smoothing (experimental) in 3.0.
const std::vector<Function>& functions() {
  static const std::vector<Function> table = [] {
    std::vector<Function> f{
        {"abs", {vector}},
        {"absent", {vector}},
        {"absent_over_time", {matrix}},
        {"acos", {vector}},
        {"acosh", {vector}},
        {"asin", {vector}},
        {"asinh", {vector}},
        {"atan", {vector}},
        {"atanh", {vector}},
        {"avg_over_time", {matrix}},
        {"ceil", {vector}},
        {"changes", {matrix}},
        {"clamp", {vector, scalar, scalar}},
        {"clamp_max", {vector, scalar}},
        {"clamp_min", {vector, scalar}},
        {"cos", {vector}},
        {"cosh", {vector}},
        {"count_over_time", {matrix}},
        {"days_in_month", {vector}, 1},
        {"day_of_month", {vector}, 1},
        {"day_of_week", {vector}, 1},
        {"day_of_year", {vector}, 1},
        {"deg", {vector}},
        {"delta", {matrix}},
        {"deriv", {matrix}},
        {"double_exponential_smoothing", {matrix, scalar, scalar}, 0, vector, true},
        {"end", {}, 0, scalar, true},
        {"exp", {vector}},
        {"first_over_time", {matrix}, 0, vector, true},
        {"floor", {vector}},
        {"histogram_avg", {vector}},
        {"histogram_count", {vector}},
        {"histogram_fraction", {scalar, scalar, vector}},
        {"histogram_quantile", {scalar, vector}},
        {"histogram_quantiles", {vector, string, scalar, scalar}, 9, vector, true},
        {"histogram_stddev", {vector}},
        {"histogram_stdvar", {vector}},
        {"histogram_sum", {vector}},
        {"hour", {vector}, 1},
        {"idelta", {matrix}},
        {"increase", {matrix}},
        {"info", {vector, vector}, 1, vector, true},
        {"integral", {matrix, scalar}, 1, vector, true},
        {"irate", {matrix}},
        {"label_join", {vector, string, string, string}, -1},
        {"label_replace", {vector, string, string, string, string}},
        {"last_over_time", {matrix}},
        {"ln", {vector}},
        {"log10", {vector}},
        {"log2", {vector}},
        {"mad_over_time", {matrix}, 0, vector, true},
        {"max_over_time", {matrix}},
        {"min_over_time", {matrix}},
        {"minute", {vector}, 1},
        {"month", {vector}, 1},
        {"pi", {}, 0, scalar},
        {"predict_linear", {matrix, scalar}},
        {"present_over_time", {matrix}},
        {"quantile_over_time", {scalar, matrix}},
        {"rad", {vector}},
        {"range", {}, 0, scalar, true},
        {"rate", {matrix}},
        {"resets", {matrix}},
        {"round", {vector, scalar}, 1},
        {"scalar", {vector}, 0, scalar},
        {"sgn", {vector}},
        {"sin", {vector}},
        {"sinh", {vector}},
        {"sort", {vector}},
        {"sort_by_label", {vector, string}, -1, vector, true},
        {"sort_by_label_desc", {vector, string}, -1, vector, true},
        {"sort_desc", {vector}},
        {"sqrt", {vector}},
        {"start", {}, 0, scalar, true},
        {"stddev_over_time", {matrix}},
        {"stdvar_over_time", {matrix}},
        {"step", {}, 0, scalar, true},
        {"sum_over_time", {matrix}},
        {"tan", {vector}},
        {"tanh", {vector}},
        {"time", {}, 0, scalar},
        {"timestamp", {vector}},
        {"ts_of_first_over_time", {matrix}, 0, vector, true},
        {"ts_of_last_over_time", {matrix}, 0, vector, true},
        {"ts_of_max_over_time", {matrix}, 0, vector, true},
        {"ts_of_min_over_time", {matrix}, 0, vector, true},
        {"vector", {scalar}},
        {"year", {vector}, 1},
    };
    std::sort(f.begin(), f.end(),
              [](const Function& a, const Function& b) { return a.name < b.name; });
    return f;
  }();
  return table;
}

}  // namespace

const Function* find_function(std::string_view name) {
  const auto& table = functions();
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Function& f, std::string_view n) { return f.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

std::string_view documented_name(ValueType type) {
  switch (type) {
    case ValueType::none:
      return "none";
    case ValueType::scalar:
      return "scalar";
    case ValueType::vector:
      return "instant vector";
    case ValueType::matrix:
      return "range vector";
    case ValueType::string:
      return "string";
  }
  return "none";
}

std::string_view to_string(MatchOp op) {
  switch (op) {
    case MatchOp::equal:
      return "=";
    case MatchOp::not_equal:
      return "!=";
    case MatchOp::regex:
      return "=~";
    case MatchOp::not_regex:
      return "!~";
  }
  return "=";
}

std::string_view to_string(BinaryOp op) {
  switch (op) {
    case BinaryOp::lor:
      return "or";
    case BinaryOp::land:
      return "and";
    case BinaryOp::lunless:
      return "unless";
    case BinaryOp::eql:
      return "==";
    case BinaryOp::neq:
      return "!=";
    case BinaryOp::lte:
      return "<=";
    case BinaryOp::lss:
      return "<";
    case BinaryOp::gte:
      return ">=";
    case BinaryOp::gtr:
      return ">";
    case BinaryOp::add:
      return "+";
    case BinaryOp::sub:
      return "-";
    case BinaryOp::mul:
      return "*";
    case BinaryOp::div:
      return "/";
    case BinaryOp::mod:
      return "%";
    case BinaryOp::atan2:
      return "atan2";
    case BinaryOp::pow:
      return "^";
  }
  return "+";
}

bool is_comparison(BinaryOp op) {
  return op == BinaryOp::eql || op == BinaryOp::neq || op == BinaryOp::lte || op == BinaryOp::lss ||
         op == BinaryOp::gte || op == BinaryOp::gtr;
}

bool is_set_operator(BinaryOp op) {
  return op == BinaryOp::lor || op == BinaryOp::land || op == BinaryOp::lunless;
}

ValueType Expr::type() const {
  switch (kind) {
    case ExprKind::number:
      return ValueType::scalar;
    case ExprKind::string:
      return ValueType::string;
    case ExprKind::vector_selector:
      return ValueType::vector;
    case ExprKind::matrix_selector:
      return ValueType::matrix;
    case ExprKind::subquery:
      return ValueType::matrix;
    case ExprKind::paren:
    case ExprKind::unary:
      return children.empty() || !children[0] ? ValueType::none : children[0]->type();
    case ExprKind::binary: {
      const Expr* l = child(0);
      const Expr* r = child(1);
      if (l && r && l->type() == ValueType::scalar && r->type() == ValueType::scalar)
        return ValueType::scalar;
      return ValueType::vector;
    }
    case ExprKind::aggregate:
      return ValueType::vector;
    case ExprKind::call:
      return func ? func->return_type : ValueType::none;
  }
  return ValueType::none;
}

}  // namespace infralint::promql
