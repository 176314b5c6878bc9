#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <unordered_map>

#include "parse/promql/ast.hpp"
#include "parse/promql/lexer.hpp"

namespace infralint::promql {
namespace {

using detail::Tok;
using detail::Token;

// What the checks ask of a matcher's regular expression (anchored as Prometheus anchors it).
struct RegexFacts {
  bool ok = false;
  std::string error;           // RE2's, when not ok
  bool matches_empty = false;  // whether it matches the empty string
};

// Compiled once per text and thread: rule files repeat the same few expressions, and
// compiling each matcher twice was 3 % of a Prometheus corpus run. The memo is bounded.
const RegexFacts& regex_facts(const std::string& value) {
  thread_local std::unordered_map<std::string, RegexFacts> known;
  if (auto it = known.find(value); it != known.end()) return it->second;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_dot_nl(true);
  RE2 re("^(?:" + value + ")$", opts);
  RegexFacts facts;
  facts.ok = re.ok();
  if (!facts.ok) facts.error = re.error();
  facts.matches_empty = facts.ok && RE2::FullMatch("", re);
  if (known.size() >= 4096) known.clear();
  return known.emplace(value, std::move(facts)).first->second;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_aggregator(std::string_view word) {
  for (std::string_view a :
       {"sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk",
        "count_values", "quantile", "limitk", "limit_ratio"})
    if (word == a) return true;
  return false;
}

bool aggregator_with_param(std::string_view word) {
  return word == "topk" || word == "bottomk" || word == "count_values" || word == "quantile" ||
         word == "limitk" || word == "limit_ratio";
}

bool valid_legacy_label(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

// Go's strconv.ParseInt(s, 0, 64) then ParseFloat, as Prometheus' parser.number() does.
std::optional<double> parse_number(std::string_view raw) {
  std::string s;
  for (char c : raw)
    if (c != '_') s += c;
  if (s.empty()) return std::nullopt;
  auto all = [&](std::size_t from, auto pred) {
    return from < s.size() && std::all_of(s.begin() + static_cast<long>(from), s.end(), pred);
  };
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (!all(2, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
      return std::nullopt;
    return static_cast<double>(std::strtoull(s.c_str() + 2, nullptr, 16));
  }
  if (s.size() > 1 && s[0] == '0' && all(1, [](char c) { return c >= '0' && c <= '7'; }))
    return static_cast<double>(std::strtoull(s.c_str() + 1, nullptr, 8));
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

struct Abort {};

class Parser {
 public:
  Parser(std::string_view text, const Options& options)
      : text_(text), options_(options), tokens_(detail::lex(text)) {}

  ParseResult run() {
    ParseResult result;
    if (peek().type == Tok::eof && !failed_) {
      fail(peek().span, "no expression found in input");
      result.errors = std::move(errors_);
      return result;
    }
    try {
      result.expr = binary(1);
      if (peek().type != Tok::eof) unexpected(peek(), "");
    } catch (const Abort&) {
    }
    if (!failed_ && result.expr) check(*result.expr);
    result.errors = std::move(errors_);
    return result;
  }

 private:
  // ---- tokens ----
  const Token& peek(std::size_t ahead = 0) const {
    std::size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  std::string keyword(const Token& t) const {
    return t.type == Tok::identifier || t.type == Tok::metric_identifier ? lower(t.text)
                                                                         : std::string();
  }
  bool is_keyword(const Token& t, std::string_view kw) const { return keyword(t) == kw; }

  // ---- errors ----
  void fail(Span span, std::string message) {
    if (failed_) return;
    failed_ = true;
    errors_.push_back({span, std::move(message)});
  }
  void error(Span span, std::string message) { errors_.push_back({span, std::move(message)}); }

  std::string describe(const Token& t) const {
    switch (t.type) {
      case Tok::eof:
        return "end of input";
      case Tok::identifier:
      case Tok::metric_identifier: {
        std::string kw = lower(t.text);
        if (is_aggregator(kw)) return fmt::format("<aggr:{}>", kw);
        if (kw == "and" || kw == "or" || kw == "unless" || kw == "atan2")
          return fmt::format("<op:{}>", kw);
        if (kw == "by" || kw == "without" || kw == "on" || kw == "ignoring" || kw == "group_left" ||
            kw == "group_right" || kw == "bool" || kw == "offset")
          return fmt::format("<{}>", kw);
        return fmt::format("{} \"{}\"",
                           t.type == Tok::identifier ? "identifier" : "metric identifier", t.text);
      }
      case Tok::number:
        return fmt::format("number \"{}\"", t.text);
      case Tok::duration:
        return fmt::format("duration \"{}\"", t.text);
      case Tok::string:
        return fmt::format("string {}", t.text);
      case Tok::lparen:
        return "\"(\"";
      case Tok::rparen:
        return "\")\"";
      case Tok::lbrace:
        return "\"{\"";
      case Tok::rbrace:
        return "\"}\"";
      case Tok::lbracket:
        return "\"[\"";
      case Tok::rbracket:
        return "\"]\"";
      case Tok::comma:
        return "\",\"";
      case Tok::colon:
        return "\":\"";
      case Tok::at:
        return "\"@\"";
      case Tok::eql:
        return "\"=\"";
      default:
        return fmt::format("<op:{}>", t.text);
    }
  }

  [[noreturn]] void unexpected(const Token& t, std::string_view context,
                               std::string_view expected = "") {
    if (t.type == Tok::error) {
      fail(t.span, t.message);
    } else {
      std::string msg = fmt::format("unexpected {}", describe(t));
      if (!context.empty()) msg += fmt::format(" in {}", context);
      if (!expected.empty()) msg += fmt::format(", expected {}", expected);
      Span span = t.span;
      if (span.empty() && span.begin > 0) span.begin = span.begin;  // end of input: zero width
      fail(span, msg);
    }
    throw Abort{};
  }

  void expect(Tok type, std::string_view context, std::string_view expected) {
    if (peek().type != type) unexpected(peek(), context, expected);
    next();
  }

  std::unique_ptr<Expr> make(ExprKind kind, Span span) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->span = span;
    return e;
  }

  // ---- expressions ----
  struct OpInfo {
    BinaryOp op;
    int prec;
  };
  std::optional<OpInfo> binary_op(const Token& t) const {
    switch (t.type) {
      case Tok::add:
        return OpInfo{BinaryOp::add, 4};
      case Tok::sub:
        return OpInfo{BinaryOp::sub, 4};
      case Tok::mul:
        return OpInfo{BinaryOp::mul, 5};
      case Tok::div:
        return OpInfo{BinaryOp::div, 5};
      case Tok::mod:
        return OpInfo{BinaryOp::mod, 5};
      case Tok::pow:
        return OpInfo{BinaryOp::pow, 6};
      case Tok::eqlc:
        return OpInfo{BinaryOp::eql, 3};
      case Tok::neq:
        return OpInfo{BinaryOp::neq, 3};
      case Tok::lte:
        return OpInfo{BinaryOp::lte, 3};
      case Tok::lss:
        return OpInfo{BinaryOp::lss, 3};
      case Tok::gte:
        return OpInfo{BinaryOp::gte, 3};
      case Tok::gtr:
        return OpInfo{BinaryOp::gtr, 3};
      case Tok::identifier: {
        std::string kw = lower(t.text);
        if (kw == "or") return OpInfo{BinaryOp::lor, 1};
        if (kw == "and") return OpInfo{BinaryOp::land, 2};
        if (kw == "unless") return OpInfo{BinaryOp::lunless, 2};
        if (kw == "atan2") return OpInfo{BinaryOp::atan2, 5};
        return std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

  std::unique_ptr<Expr> binary(int min_prec) {
    auto lhs = unary();
    // A chain a + b + c ... nests to the left: it counts against the depth limit too, so
    // that every later walk over the tree stays bounded.
    std::size_t chain = 0;
    while (true) {
      auto info = binary_op(peek());
      if (!info || info->prec < min_prec) {
        depth_ -= chain;
        return lhs;
      }
      if (++depth_ > options_.max_depth) {
        fail(peek().span,
             fmt::format("expression nested too deeply (more than {} levels)", options_.max_depth));
        throw Abort{};
      }
      ++chain;
      const Token& op_tok = next();
      auto e = make(ExprKind::binary, lhs->span);
      e->op = info->op;
      e->op_span = op_tok.span;
      modifiers(*e);
      auto rhs = binary(info->op == BinaryOp::pow ? info->prec : info->prec + 1);
      e->span = lhs->span.cover(rhs->span);
      e->children.push_back(std::move(lhs));
      e->children.push_back(std::move(rhs));
      lhs = std::move(e);
    }
  }

  void modifiers(Expr& e) {
    if (is_keyword(peek(), "bool")) {
      next();
      e.return_bool = true;
    }
    if (is_keyword(peek(), "on") || is_keyword(peek(), "ignoring")) {
      const Token& t = next();
      VectorMatching m;
      m.on = is_keyword(t, "on");
      m.explicit_labels = true;
      Span labels_span;
      m.labels = label_list("grouping opts", labels_span);
      m.span = t.span.cover(labels_span);
      if (is_keyword(peek(), "group_left") || is_keyword(peek(), "group_right")) {
        const Token& g = next();
        m.card = is_keyword(g, "group_left") ? Cardinality::many_to_one : Cardinality::one_to_many;
        m.span = m.span.cover(g.span);
        if (peek().type == Tok::lparen) {
          Span include_span;
          m.include = label_list("grouping opts", include_span);
          m.span = m.span.cover(include_span);
        }
      }
      e.matching = std::move(m);
    } else if (is_keyword(peek(), "group_left") || is_keyword(peek(), "group_right")) {
      unexpected(peek(), "binary expression");
    }
  }

  // ( label, label, ... ) with an optional trailing comma; keywords are valid label names.
  std::vector<std::string> label_list(std::string_view context, Span& span) {
    std::vector<std::string> labels;
    const Token& open = peek();
    if (open.type != Tok::lparen) unexpected(open, context, "\"(\"");
    next();
    while (true) {
      const Token& t = peek();
      if (t.type == Tok::rparen) break;
      if (t.type == Tok::identifier || t.type == Tok::metric_identifier) {
        next();
        if (!valid_legacy_label(t.text)) {
          fail(t.span, fmt::format("invalid label name for grouping: \"{}\"", t.text));
          throw Abort{};
        }
        labels.emplace_back(t.text);
      } else if (t.type == Tok::string) {
        next();
        labels.push_back(detail::unquote(t.text));
      } else {
        unexpected(t, context, "label");
      }
      if (peek().type == Tok::comma) {
        next();
        continue;
      }
      if (peek().type != Tok::rparen) unexpected(peek(), context, "\",\" or \")\"");
    }
    span = open.span.cover(next().span);
    return labels;
  }

  std::unique_ptr<Expr> unary() {
    if (++depth_ > options_.max_depth) {
      fail(peek().span,
           fmt::format("expression nested too deeply (more than {} levels)", options_.max_depth));
      throw Abort{};
    }
    std::unique_ptr<Expr> result;
    if (peek().type == Tok::add || peek().type == Tok::sub) {
      const Token& op = next();
      auto operand = binary(6);
      if (operand->kind == ExprKind::number) {
        // Prometheus folds the sign into a number literal.
        if (op.type == Tok::sub) operand->number = -operand->number;
        operand->span.begin = op.span.begin;
        result = std::move(operand);
      } else {
        auto e = make(ExprKind::unary, op.span.cover(operand->span));
        e->unary_op = op.type == Tok::sub ? '-' : '+';
        e->op_span = op.span;
        e->children.push_back(std::move(operand));
        result = std::move(e);
      }
    } else {
      result = postfix(primary());
    }
    --depth_;
    return result;
  }

  std::unique_ptr<Expr> postfix(std::unique_ptr<Expr> e) {
    while (true) {
      const Token& t = peek();
      if (t.type == Tok::lbracket) {
        e = brackets(std::move(e));
      } else if (is_keyword(t, "offset")) {
        e = offset(std::move(e));
      } else if (t.type == Tok::at) {
        e = at(std::move(e));
      } else {
        return e;
      }
    }
  }

  // A duration inside brackets or after offset: a duration token or a number of seconds.
  std::int64_t duration(std::string_view context, Span& span, bool allow_zero = false) {
    const Token& t = peek();
    std::optional<std::int64_t> ms;
    if (t.type == Tok::duration) {
      next();
      ms = parse_duration(t.text);
      if (!ms) {
        fail(t.span, fmt::format("not a valid duration string: \"{}\"", t.text));
        throw Abort{};
      }
    } else if (t.type == Tok::number) {
      next();
      auto v = parse_number(t.text);
      if (!v || !std::isfinite(*v) || std::fabs(*v) * 1000 > 9.2e18) {
        fail(t.span, fmt::format("invalid duration \"{}\"", t.text));
        throw Abort{};
      }
      ms = static_cast<std::int64_t>(std::llround(*v * 1000));
    } else if (t.type == Tok::identifier || t.type == Tok::lparen || t.type == Tok::sub ||
               t.type == Tok::add) {
      fail(t.span,
           "duration expressions are experimental and must be enabled with "
           "--enable-feature=promql-duration-expr");
      throw Abort{};
    } else {
      unexpected(t, context, "duration");
    }
    span = t.span;
    if (*ms == 0 && !allow_zero) {
      fail(t.span, "duration must be greater than 0");
      throw Abort{};
    }
    return *ms;
  }

  std::unique_ptr<Expr> brackets(std::unique_ptr<Expr> e) {
    const Token& open = next();
    Span range_span;
    std::int64_t range = duration("duration expression", range_span);
    switch (peek().type) {
      case Tok::add:
      case Tok::sub:
      case Tok::mul:
      case Tok::div:
      case Tok::mod:
      case Tok::pow:
        fail(peek().span,
             "duration expressions are experimental and must be enabled with "
             "--enable-feature=promql-duration-expr");
        throw Abort{};
      default:
        break;
    }
    if (peek().type == Tok::colon) {
      next();
      auto sq = make(ExprKind::subquery, e->span);
      sq->range_ms = range;
      sq->range_span = range_span;
      if (peek().type != Tok::rbracket) {
        Span step_span;
        sq->step_ms = duration("subquery", step_span);
      }
      const Token& close = peek();
      expect(Tok::rbracket, "subquery selector", "\"]\"");
      sq->span = e->span.cover(close.span);
      sq->children.push_back(std::move(e));
      return sq;
    }
    const Token& close = peek();
    expect(Tok::rbracket, "range selector", "\"]\" or \":\"");
    Span whole = e->span.cover(close.span);
    if (e->kind != ExprKind::vector_selector) {
      fail(whole, "ranges only allowed for vector selectors");
      throw Abort{};
    }
    if (e->offset_ms) {
      fail(e->offset_span, "no offset modifiers allowed before range");
      throw Abort{};
    }
    if (e->at != AtKind::none) {
      fail(e->at_span, "no @ modifiers allowed before range");
      throw Abort{};
    }
    (void)open;
    auto m = make(ExprKind::matrix_selector, whole);
    m->range_ms = range;
    m->range_span = range_span;
    m->children.push_back(std::move(e));
    return m;
  }

  std::unique_ptr<Expr> offset(std::unique_ptr<Expr> e) {
    const Token& kw = next();
    bool negative = false;
    if (peek().type == Tok::sub) {
      next();
      negative = true;
    }
    Span dur_span;
    std::int64_t ms = duration("offset", dur_span);
    Span span = kw.span.cover(dur_span);
    bool modifiable = e->kind == ExprKind::vector_selector ||
                      e->kind == ExprKind::matrix_selector || e->kind == ExprKind::subquery;
    if (!modifiable) {
      fail(kw.span,
           "offset modifier must be preceded by an instant vector selector or range vector "
           "selector or a subquery");
      throw Abort{};
    }
    if (e->offset_ms) {
      fail(span, "offset may not be set multiple times");
      throw Abort{};
    }
    e->offset_ms = negative ? -ms : ms;
    e->offset_span = span;
    e->span = e->span.cover(span);
    return e;
  }

  std::unique_ptr<Expr> at(std::unique_ptr<Expr> e) {
    const Token& kw = next();
    Span span = kw.span;
    AtKind kind = AtKind::timestamp;
    double value = 0;
    const Token& t = peek();
    std::string k = keyword(t);
    if ((k == "start" || k == "end") && peek(1).type == Tok::lparen) {
      next();
      next();
      const Token& close = peek();
      expect(Tok::rparen, "@ modifier", "\")\"");
      kind = k == "start" ? AtKind::start : AtKind::end;
      span = span.cover(close.span);
    } else {
      double sign = 1;
      if (peek().type == Tok::sub || peek().type == Tok::add)
        sign = next().type == Tok::sub ? -1 : 1;
      const Token& n = peek();
      std::optional<double> v;
      if (n.type == Tok::number)
        v = parse_number(n.text);
      else if (n.type == Tok::duration) {
        if (auto ms = parse_duration(n.text)) v = static_cast<double>(*ms) / 1000;
      } else if (is_keyword(n, "inf") || is_keyword(n, "nan")) {
        v = is_keyword(n, "inf") ? std::numeric_limits<double>::infinity() : std::nan("");
      } else {
        unexpected(n, "@", "number or \"start()\" or \"end()\"");
      }
      next();
      span = span.cover(n.span);
      if (!v || !std::isfinite(*v) || std::fabs(*v) > 9.2e15) {
        fail(n.span, "timestamp out of bounds for @ modifier");
        throw Abort{};
      }
      value = sign * *v;
    }
    bool modifiable = e->kind == ExprKind::vector_selector ||
                      e->kind == ExprKind::matrix_selector || e->kind == ExprKind::subquery;
    if (!modifiable) {
      fail(kw.span,
           "@ modifier must be preceded by an instant vector selector or range vector selector "
           "or a subquery");
      throw Abort{};
    }
    if (e->at != AtKind::none) {
      fail(span, "@ <timestamp> may not be set multiple times");
      throw Abort{};
    }
    e->at = kind;
    e->at_value = value;
    e->at_span = span;
    e->span = e->span.cover(span);
    return e;
  }

  std::unique_ptr<Expr> primary() {
    const Token& t = peek();
    switch (t.type) {
      case Tok::lparen: {
        next();
        auto inner = binary(1);
        const Token& close = peek();
        expect(Tok::rparen, "paren expression", "\")\"");
        auto e = make(ExprKind::paren, t.span.cover(close.span));
        e->children.push_back(std::move(inner));
        return e;
      }
      case Tok::number: {
        next();
        auto v = parse_number(t.text);
        if (!v) {
          fail(t.span, fmt::format("error parsing number: invalid syntax: \"{}\"", t.text));
          throw Abort{};
        }
        auto e = make(ExprKind::number, t.span);
        e->number = *v;
        return e;
      }
      case Tok::duration: {
        next();
        auto ms = parse_duration(t.text);
        if (!ms) {
          fail(t.span, fmt::format("not a valid duration string: \"{}\"", t.text));
          throw Abort{};
        }
        auto e = make(ExprKind::number, t.span);
        e->number = static_cast<double>(*ms) / 1000;
        return e;
      }
      case Tok::string: {
        next();
        auto e = make(ExprKind::string, t.span);
        e->text = detail::unquote(t.text);
        return e;
      }
      case Tok::lbrace:
        return selector(nullptr);
      case Tok::identifier:
      case Tok::metric_identifier: {
        std::string kw = lower(t.text);
        if (t.type == Tok::identifier && is_aggregator(kw) &&
            (peek(1).type == Tok::lparen || is_keyword(peek(1), "by") ||
             is_keyword(peek(1), "without")))
          return aggregate();
        if (kw == "inf" || kw == "nan") {
          next();
          auto e = make(ExprKind::number, t.span);
          e->number = kw == "inf" ? std::numeric_limits<double>::infinity() : std::nan("");
          return e;
        }
        if (t.type == Tok::identifier && peek(1).type == Tok::lparen) return call();
        return selector(&t);
      }
      default:
        unexpected(t, "");
    }
  }

  std::unique_ptr<Expr> call() {
    const Token& name = next();
    const Function* f = find_function(name.text);
    if (!f) {
      fail(name.span, fmt::format("unknown function with name \"{}\"", name.text));
      throw Abort{};
    }
    if (f->experimental && !options_.experimental_functions) {
      fail(name.span, fmt::format("function \"{}\" is not enabled", name.text));
      throw Abort{};
    }
    auto e = make(ExprKind::call, name.span);
    e->func = f;
    e->op_span = name.span;
    Span args_span;
    e->children = arguments("function call", args_span);
    e->span = name.span.cover(args_span);
    return e;
  }

  std::vector<std::unique_ptr<Expr>> arguments(std::string_view context, Span& span) {
    const Token& open = next();  // '('
    std::vector<std::unique_ptr<Expr>> args;
    if (peek().type != Tok::rparen) {
      while (true) {
        args.push_back(binary(1));
        if (peek().type == Tok::comma) {
          const Token& comma = next();
          if (peek().type == Tok::rparen) {
            fail(comma.span, "trailing commas not allowed in function call args");
            throw Abort{};
          }
          continue;
        }
        if (peek().type != Tok::rparen) unexpected(peek(), context, "\",\" or \")\"");
        break;
      }
    }
    span = open.span.cover(next().span);
    return args;
  }

  std::unique_ptr<Expr> aggregate() {
    const Token& name = next();
    std::string op = lower(name.text);
    if ((op == "limitk" || op == "limit_ratio") && !options_.experimental_functions) {
      fail(name.span, fmt::format("{}() is experimental and must be enabled with "
                                  "--enable-feature=promql-experimental-functions",
                                  op));
      throw Abort{};
    }
    auto e = make(ExprKind::aggregate, name.span);
    e->aggregation = op;
    e->op_span = name.span;
    auto grouping = [&] {
      const Token& kw = next();
      e->without = is_keyword(kw, "without");
      e->has_grouping = true;
      Span labels_span;
      e->grouping = label_list("grouping opts", labels_span);
      e->grouping_span = kw.span.cover(labels_span);
    };
    if (is_keyword(peek(), "by") || is_keyword(peek(), "without")) grouping();
    if (peek().type != Tok::lparen) unexpected(peek(), "aggregation", "\"(\"");
    Span args_span;
    auto args = arguments("aggregation", args_span);
    e->span = name.span.cover(args_span);
    if (!e->has_grouping && (is_keyword(peek(), "by") || is_keyword(peek(), "without"))) {
      grouping();
      e->span = e->span.cover(e->grouping_span);
    }
    std::size_t desired = aggregator_with_param(op) ? 2 : 1;
    if (args.size() != desired) {
      fail(args_span,
           fmt::format("wrong number of arguments for aggregate expression provided, expected "
                       "{}, got {}",
                       desired, args.size()));
      throw Abort{};
    }
    if (desired == 2) e->param = std::move(args[0]);
    e->children.push_back(std::move(args.back()));
    return e;
  }

  std::unique_ptr<Expr> selector(const Token* name) {
    Span span = name ? name->span : peek().span;
    auto e = make(ExprKind::vector_selector, span);
    if (name) {
      next();
      e->metric_name = std::string(name->text);
      e->name_span = name->span;
    }
    if (peek().type == Tok::lbrace) {
      const Token& open = next();
      while (peek().type != Tok::rbrace) {
        e->matchers.push_back(matcher());
        if (peek().type == Tok::comma) {
          next();
          continue;
        }
        if (peek().type != Tok::rbrace) unexpected(peek(), "label matching", "\",\" or \"}\"");
      }
      const Token& close = next();
      e->braces_span = open.span.cover(close.span);
      e->span = e->span.cover(e->braces_span);
    }
    return e;
  }

  Matcher matcher() {
    const Token& name = next();
    Matcher m;
    m.name_span = name.span;
    m.span = name.span;
    if (name.type == Tok::identifier) {
      m.name = std::string(name.text);
    } else if (name.type == Tok::string) {
      m.name = detail::unquote(name.text);
      if (peek().type == Tok::comma || peek().type == Tok::rbrace) {
        // {"metric.name"}: the metric name inside the braces.
        m.bare_name = true;
        m.value = m.name;
        m.name = "__name__";
        m.value_span = name.span;
        return m;
      }
    } else {
      unexpected(name, "label matching", "identifier or \"}\"");
    }
    const Token& op = next();
    m.op_span = op.span;
    switch (op.type) {
      case Tok::eql:
        m.op = MatchOp::equal;
        break;
      case Tok::neq:
        m.op = MatchOp::not_equal;
        break;
      case Tok::eql_regex:
        m.op = MatchOp::regex;
        break;
      case Tok::neq_regex:
        m.op = MatchOp::not_regex;
        break;
      default:
        unexpected(op, "label matching", "label matching operator");
    }
    const Token& value = next();
    if (value.type != Tok::string) unexpected(value, "label matching", "string");
    m.value = detail::unquote(value.text);
    m.value_span = value.span;
    m.span = name.span.cover(value.span);
    return m;
  }

  // ---- semantic checks (checkAST) ----
  void expect_type(const Expr& e, ValueType want, std::string_view context) {
    ValueType got = e.type();
    if (got != want) {
      error(e.span, fmt::format("expected type {} in {}, got {}", documented_name(want), context,
                                documented_name(got)));
    }
  }

  void check(const Expr& e) {
    switch (e.kind) {
      case ExprKind::number:
      case ExprKind::string:
        return;
      case ExprKind::vector_selector:
        return check_selector(e);
      case ExprKind::matrix_selector:
        return check(*e.children[0]);
      case ExprKind::subquery: {
        const Expr& inner = *e.children[0];
        check(inner);
        if (inner.type() != ValueType::vector) {
          error(e.span, fmt::format("subquery is only allowed on instant vector, got {} instead",
                                    documented_name(inner.type())));
        }
        return;
      }
      case ExprKind::paren:
        return check(*e.children[0]);
      case ExprKind::unary: {
        const Expr& inner = *e.children[0];
        check(inner);
        ValueType t = inner.type();
        if (t != ValueType::scalar && t != ValueType::vector) {
          error(e.span, fmt::format("unary expression only allowed on expressions of type scalar "
                                    "or instant vector, got \"{}\"",
                                    documented_name(t)));
        }
        return;
      }
      case ExprKind::binary:
        return check_binary(e);
      case ExprKind::aggregate: {
        if (e.param) check(*e.param);
        check(*e.children[0]);
        if (e.aggregation == "count_values") {
          expect_type(*e.param, ValueType::string, "aggregation parameter");
        } else if (e.param) {
          expect_type(*e.param, ValueType::scalar, "aggregation parameter");
        }
        expect_type(*e.children[0], ValueType::vector, "aggregation expression");
        return;
      }
      case ExprKind::call:
        return check_call(e);
    }
  }

  void check_call(const Expr& e) {
    for (const auto& a : e.children) check(*a);
    const Function& f = *e.func;
    std::size_t nargs = f.arg_types.size();
    std::size_t got = e.children.size();
    std::string name(f.name);
    if (f.variadic == 0) {
      if (nargs != got) {
        error(e.span,
              fmt::format("expected {} argument(s) in call to \"{}\", got {}", nargs, name, got));
        return;
      }
    } else {
      std::size_t required = nargs - 1;
      if (required > got) {
        error(e.span, fmt::format("expected at least {} argument(s) in call to \"{}\", got {}",
                                  required, name, got));
        return;
      }
      if (f.variadic > 0 && required + static_cast<std::size_t>(f.variadic) < got) {
        error(e.span, fmt::format("expected at most {} argument(s) in call to \"{}\", got {}",
                                  required + static_cast<std::size_t>(f.variadic), name, got));
        return;
      }
    }
    for (std::size_t i = 0; i < got; ++i) {
      std::size_t k = i;
      if (k >= nargs) {
        if (f.variadic == 0) break;
        k = nargs - 1;
      }
      expect_type(*e.children[i], f.arg_types[k], fmt::format("call to function \"{}\"", name));
    }
  }

  void check_binary(const Expr& e) {
    const Expr& l = *e.children[0];
    const Expr& r = *e.children[1];
    check(l);
    check(r);
    ValueType lt = l.type(), rt = r.type();
    std::string op(to_string(e.op));
    if (e.return_bool && !is_comparison(e.op)) {
      error(e.op_span, "bool modifier can only be used on comparison operators");
    }
    if (is_comparison(e.op) && !e.return_bool && lt == ValueType::scalar &&
        rt == ValueType::scalar) {
      error(e.op_span, "comparisons between scalars must use BOOL modifier");
    }
    auto operand_ok = [](ValueType t) { return t == ValueType::scalar || t == ValueType::vector; };
    if (!operand_ok(lt) || !operand_ok(rt)) {
      error(e.span, "binary expression must contain only scalar and instant vector types");
    }
    bool both_vectors = lt == ValueType::vector && rt == ValueType::vector;
    if (e.matching && !both_vectors) {
      if (!e.matching->labels.empty() || e.matching->explicit_labels) {
        if (!e.matching->labels.empty())
          error(e.matching->span, "vector matching only allowed between instant vectors");
      }
    } else if (e.matching && is_set_operator(e.op)) {
      if (e.matching->card == Cardinality::many_to_one ||
          e.matching->card == Cardinality::one_to_many) {
        error(e.matching->span, fmt::format("no grouping allowed for \"{}\" operation", op));
      }
    }
    if ((lt == ValueType::scalar || rt == ValueType::scalar) && is_set_operator(e.op)) {
      error(e.op_span,
            fmt::format("set operator \"{}\" not allowed in binary scalar expression", op));
    }
    if (e.matching && e.matching->on) {
      for (const auto& inc : e.matching->include) {
        if (std::find(e.matching->labels.begin(), e.matching->labels.end(), inc) !=
            e.matching->labels.end()) {
          error(e.matching->span,
                fmt::format("label \"{}\" must not occur in ON and GROUP clause at once", inc));
        }
      }
    }
  }

  void check_selector(const Expr& e) {
    for (const Matcher& m : e.matchers) {
      if (m.op == MatchOp::regex || m.op == MatchOp::not_regex) {
        const RegexFacts& facts = regex_facts(m.value);
        if (!facts.ok) {
          error(m.value_span, fmt::format("error parsing regexp: {}", facts.error));
          return;
        }
      }
    }
    if (!e.metric_name.empty()) {
      for (const Matcher& m : e.matchers) {
        if (m.name == "__name__") {
          error(m.span, fmt::format("metric name must not be set twice: \"{}\" or \"{}\"",
                                    e.metric_name, m.value));
        }
      }
      return;
    }
    bool non_empty = false;
    for (const Matcher& m : e.matchers) non_empty = non_empty || !matches_empty(m);
    if (!non_empty) error(e.span, "vector selector must contain at least one non-empty matcher");
  }

  static bool matches_empty(const Matcher& m) {
    switch (m.op) {
      case MatchOp::equal:
        return m.value.empty();
      case MatchOp::not_equal:
        return !m.value.empty();
      case MatchOp::regex:
      case MatchOp::not_regex: {
        bool match = regex_facts(m.value).matches_empty;
        return m.op == MatchOp::regex ? match : !match;
      }
    }
    return false;
  }

  std::string_view text_;
  Options options_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  bool failed_ = false;
  std::vector<ParseError> errors_;
};

}  // namespace

ParseResult parse(std::string_view text, const Options& options) {
  return Parser(text, options).run();
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  struct Unit {
    std::string_view name;
    std::int64_t ms;
    int pos;
  };
  static constexpr Unit units[] = {{"y", 365LL * 24 * 3600 * 1000, 1},
                                   {"w", 7LL * 24 * 3600 * 1000, 2},
                                   {"d", 24LL * 3600 * 1000, 3},
                                   {"h", 3600LL * 1000, 4},
                                   {"m", 60LL * 1000, 5},
                                   {"s", 1000, 6},
                                   {"ms", 1, 7}};
  std::int64_t total = 0;
  int last = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 18) return std::nullopt;
    std::int64_t v = std::stoll(std::string(s.substr(i, j - i)));
    std::size_t k = j;
    while (k < s.size() && !(s[k] >= '0' && s[k] <= '9')) ++k;
    std::string_view unit = s.substr(j, k - j);
    const Unit* u = nullptr;
    for (const Unit& cand : units)
      if (cand.name == unit) u = &cand;
    if (!u || u->pos <= last) return std::nullopt;
    last = u->pos;
    if (v > std::numeric_limits<std::int64_t>::max() / u->ms) return std::nullopt;
    total += v * u->ms;
    if (total < 0) return std::nullopt;
    i = k;
  }
  return total;
}

std::string format_duration(std::int64_t ms) {
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out += '-';
    ms = -ms;
  }
  struct Unit {
    const char* name;
    std::int64_t ms;
  };
  static constexpr Unit units[] = {{"y", 365LL * 24 * 3600 * 1000},
                                   {"w", 7LL * 24 * 3600 * 1000},
                                   {"d", 24LL * 3600 * 1000},
                                   {"h", 3600LL * 1000},
                                   {"m", 60LL * 1000},
                                   {"s", 1000},
                                   {"ms", 1}};
  for (const Unit& u : units) {
    if (ms >= u.ms) {
      out += fmt::format("{}{}", ms / u.ms, u.name);
      ms %= u.ms;
    }
  }
  return out;
}

}  // namespace infralint::promql
