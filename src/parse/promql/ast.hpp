#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"

// PromQL syntax tree, following Prometheus' promql/parser (3.x grammar, default feature flags).
// Spans are byte offsets into the expression text the parser was given.
namespace infralint::promql {

enum class ValueType { none, scalar, vector, matrix, string };
// The names Prometheus uses in its error messages: "instant vector", "range vector", ...
std::string_view documented_name(ValueType type);

enum class ExprKind {
  number,
  string,
  vector_selector,
  matrix_selector,
  subquery,
  paren,
  unary,
  binary,
  aggregate,
  call,
};

enum class MatchOp { equal, not_equal, regex, not_regex };
std::string_view to_string(MatchOp op);

struct Matcher {
  std::string name;  // label name, decoded when quoted
  MatchOp op = MatchOp::equal;
  std::string value;  // decoded
  Span span;          // the whole matcher
  Span name_span;
  Span op_span;
  Span value_span;  // the string token, quotes included
  // True for the metric name given bare inside braces: {"my.metric"}.
  bool bare_name = false;
};

enum class BinaryOp {
  lor,
  land,
  lunless,  // set operators
  eql,
  neq,
  lte,
  lss,
  gte,
  gtr,  // comparisons
  add,
  sub,
  mul,
  div,
  mod,
  atan2,
  pow  // arithmetic
};
std::string_view to_string(BinaryOp op);
bool is_comparison(BinaryOp op);
bool is_set_operator(BinaryOp op);

enum class Cardinality { one_to_one, many_to_one, one_to_many, many_to_many };

struct VectorMatching {
  Cardinality card = Cardinality::one_to_one;
  bool on = false;                   // on(...) rather than ignoring(...)
  bool explicit_labels = false;      // on/ignoring written
  std::vector<std::string> labels;   // on / ignoring labels
  std::vector<std::string> include;  // group_left / group_right labels
  Span span;                         // the modifiers as written
};

enum class AtKind { none, timestamp, start, end };

struct Function {
  std::string_view name;
  std::vector<ValueType> arg_types;
  int variadic = 0;  // 0 fixed; N > 0 up to N optional trailing args; -1 unlimited
  ValueType return_type = ValueType::vector;
  bool experimental = false;
};
const Function* find_function(std::string_view name);

// One node. A tagged struct rather than a class hierarchy: rules walk it with a switch.
struct Expr {
  ExprKind kind = ExprKind::number;
  Span span;

  // number
  double number = 0;
  // string (decoded)
  std::string text;

  // vector_selector
  std::string metric_name;  // empty when given only through matchers
  Span name_span;           // the metric name token when written before braces
  std::vector<Matcher> matchers;
  Span braces_span;  // {...} when written, else empty

  // vector_selector, matrix_selector, subquery: modifiers
  std::optional<std::int64_t> offset_ms;
  Span offset_span;  // from the keyword to the duration
  AtKind at = AtKind::none;
  double at_value = 0;  // seconds
  Span at_span;

  // matrix_selector, subquery
  std::int64_t range_ms = 0;
  Span range_span;                      // the duration inside brackets
  std::optional<std::int64_t> step_ms;  // subquery resolution; empty: default

  // unary: '-' or '+'; binary: the operator; aggregate and call: the name
  BinaryOp op = BinaryOp::add;
  char unary_op = '-';
  Span op_span;
  bool return_bool = false;
  std::optional<VectorMatching> matching;

  // aggregate
  std::string aggregation;  // lower case: sum, topk, count_values, ...
  std::unique_ptr<Expr> param;
  std::vector<std::string> grouping;
  bool without = false;
  bool has_grouping = false;  // by()/without() written
  Span grouping_span;

  // call
  const Function* func = nullptr;

  // unary/paren/matrix/subquery: [inner]; binary: [lhs, rhs]; aggregate: [expr];
  // call: the arguments.
  std::vector<std::unique_ptr<Expr>> children;

  ValueType type() const;
  const Expr* child(std::size_t i) const {
    return i < children.size() ? children[i].get() : nullptr;
  }
};

struct Options {
  bool experimental_functions = false;  // --enable-feature=promql-experimental-functions
  std::size_t max_depth = 1000;         // deeper nesting is an error, not a stack overflow
};

struct ParseResult {
  std::unique_ptr<Expr> expr;      // null when nothing could be parsed
  std::vector<ParseError> errors;  // spans local to the parsed text
  bool ok() const { return errors.empty(); }
};

// Parses one expression. Never throws.
ParseResult parse(std::string_view text, const Options& options = {});

// Renders an expression as PromQL text (as Prometheus' String() does).
std::string print(const Expr& expr);

// Durations as Prometheus writes them: "1h30m", "5m", "0s".
std::string format_duration(std::int64_t ms);
// model.ParseDuration: "1h30m", "5m", "0"; nullopt when invalid.
std::optional<std::int64_t> parse_duration(std::string_view text);

// Calls `visit` on every node, parents before children.
template <class Visit>
void walk(const Expr& e, Visit&& visit) {
  visit(e);
  if (e.param) walk(*e.param, visit);
  for (const auto& c : e.children)
    if (c) walk(*c, visit);
}

}  // namespace infralint::promql
