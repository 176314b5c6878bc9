#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <string_view>

#include "parse/promql/ast.hpp"

using namespace infralint::promql;

namespace {

// The expression printed back, or the first error as "begin-end: message".
std::string p(std::string_view text) {
  auto r = parse(text);
  if (!r.ok()) {
    const auto& e = r.errors.front();
    return std::to_string(e.span.begin) + "-" + std::to_string(e.span.end) + ": " + e.message;
  }
  return print(*r.expr);
}

bool ok(std::string_view text) {
  return parse(text).ok();
}

std::string err(std::string_view text) {
  auto r = parse(text);
  return r.ok() ? std::string("<ok>") : r.errors.front().message;
}

double num(std::string_view text) {
  auto r = parse(text);
  REQUIRE(r.ok());
  REQUIRE(r.expr->kind == ExprKind::number);
  return r.expr->number;
}

}  // namespace

TEST_CASE("promql: precedence and associativity") {
  auto r = parse("a + b * c ^ d ^ e");
  REQUIRE(r.ok());
  CHECK(r.expr->op == BinaryOp::add);
  const Expr& mul = *r.expr->children[1];
  CHECK(mul.op == BinaryOp::mul);
  const Expr& pow = *mul.children[1];
  CHECK(pow.op == BinaryOp::pow);
  CHECK(pow.children[1]->op == BinaryOp::pow);  // ^ is right-associative
  CHECK(pow.children[0]->metric_name == "c");

  auto sub = parse("a - b - c");
  CHECK(sub.expr->children[0]->kind == ExprKind::binary);  // (a - b) - c

  auto set = parse("a or b and c unless d");
  CHECK(set.expr->op == BinaryOp::lor);
  CHECK(set.expr->children[1]->op == BinaryOp::lunless);
  CHECK(set.expr->children[1]->children[0]->op == BinaryOp::land);

  auto cmp = parse("a + 1 > b * 2 and c");
  CHECK(cmp.expr->op == BinaryOp::land);
  CHECK(cmp.expr->children[0]->op == BinaryOp::gtr);

  CHECK(p("a atan2 b * c") == "a atan2 b * c");
  CHECK(parse("a atan2 b * c").expr->children[0]->op == BinaryOp::atan2);
  CHECK(parse("a AND b").expr->op == BinaryOp::land);  // keywords are case-insensitive
}

TEST_CASE("promql: unary minus binds below ^ and folds into numbers") {
  auto r = parse("-2 ^ 2");
  REQUIRE(r.ok());
  CHECK(r.expr->kind == ExprKind::unary);
  CHECK(r.expr->children[0]->op == BinaryOp::pow);
  CHECK(num("-5") == -5);
  CHECK(num("+5") == 5);
  auto m = parse("-a * b");
  CHECK(m.expr->op == BinaryOp::mul);
  CHECK(m.expr->children[0]->kind == ExprKind::unary);
  CHECK(p("2 ^ -1") == "2 ^ -1");
  CHECK(ok("- - 1"));
  CHECK(err("-foo[5m]").find("unary expression only allowed") == 0);
}

TEST_CASE("promql: bool and vector matching modifiers") {
  auto r = parse("a > bool b");
  REQUIRE(r.ok());
  CHECK(r.expr->return_bool);
  CHECK(p("a * on(job, instance) group_left(version) b") ==
        "a * on(job, instance) group_left(version) b");
  CHECK(p("a / ignoring(code) group_right b") == "a / ignoring(code) group_right b");
  CHECK(p("a + on() b") == "a + on() b");
  CHECK(ok("a and on(x,) b"));
  CHECK(ok("a + on(sum, by, offset, bool) b"));  // keywords are label names here
  CHECK(err("a + bool b") == "bool modifier can only be used on comparison operators");
  CHECK(err("1 > 2") == "comparisons between scalars must use BOOL modifier");
  CHECK(ok("1 > bool 2"));
  CHECK(err("a and on(x) group_left b") == "no grouping allowed for \"and\" operation");
  CHECK(err("1 and b") == "set operator \"and\" not allowed in binary scalar expression");
  CHECK(err("a * on(x) group_left(x) b") ==
        "label \"x\" must not occur in ON and GROUP clause at once");
  CHECK(err("1 + on(x) b") == "vector matching only allowed between instant vectors");
  CHECK(err("a + b[5m]") == "binary expression must contain only scalar and instant vector types");
  CHECK(err("\"x\" + 1") == "binary expression must contain only scalar and instant vector types");
  CHECK(!ok("a + group_left b"));
}

TEST_CASE("promql: aggregations") {
  CHECK(p("sum by (job) (rate(x[5m]))") == "sum by (job) (rate(x[5m]))");
  CHECK(p("sum(rate(x[5m])) by (job)") == "sum by (job) (rate(x[5m]))");
  CHECK(p("sum without(instance)(x)") == "sum without (instance) (x)");
  CHECK(p("sum(x)") == "sum(x)");
  CHECK(p("SUM BY (a) (x)") == "sum by (a) (x)");
  CHECK(p("topk(5, x)") == "topk(5, x)");
  CHECK(p("quantile(0.9, x)") == "quantile(0.9, x)");
  CHECK(p("count_values(\"v\", x)") == "count_values(\"v\", x)");
  CHECK(p("sum by () (x)") == "sum by () (x)");
  CHECK(ok("sum by (a,) (x)"));
  CHECK(ok("sum by (\"my.label\") (x)"));
  CHECK(ok("max by (on, by, offset) (x)"));
  CHECK(err("topk(x)") ==
        "wrong number of arguments for aggregate expression provided, expected 2, got 1");
  CHECK(err("sum(a, b)") ==
        "wrong number of arguments for aggregate expression provided, expected 1, got 2");
  CHECK(err("topk(\"a\", x)") == "expected type scalar in aggregation parameter, got string");
  CHECK(err("count_values(5, x)") == "expected type string in aggregation parameter, got scalar");
  CHECK(err("sum(x[5m])") ==
        "expected type instant vector in aggregation expression, got range vector");
  CHECK(err("sum by (a:b) (x)") == "invalid label name for grouping: \"a:b\"");
  CHECK(err("limitk(2, x)").find("limitk() is experimental") == 0);
  CHECK(parse("limitk(2, x)", {.experimental_functions = true}).ok());
  CHECK(parse("limit_ratio(0.5, x)", {.experimental_functions = true}).ok());
  CHECK(err("sum by (a) (x) by (b)").find("unexpected <by>") == 0);
}

TEST_CASE("promql: selectors and matchers") {
  CHECK(p("foo{a=\"1\", b!=\"2\", c=~\"3.*\", d!~\"4\"}") ==
        "foo{a=\"1\", b!=\"2\", c=~\"3.*\", d!~\"4\"}");
  CHECK(ok("foo{a=\"1\",}"));
  CHECK(ok("foo{}"));
  CHECK(ok("job:requests:rate5m"));
  CHECK(ok("{__name__=\"foo\"}"));
  CHECK(ok("{\"my.metric\"}"));
  CHECK(ok("{\"my.metric\", \"a.b\"=\"x\"}"));
  CHECK(ok("foo{\"a.b\"=\"x\"}"));
  // Printed back, a label name only quoting can hold keeps its quotes (found by fuzz_promql).
  CHECK(p("foo{\"a.b\"=\"x\", code=\"2\"}") == "foo{\"a.b\"=\"x\", code=\"2\"}");
  CHECK(p("{\"my.metric\", \"a b\"!~\"x\"}") == "{\"my.metric\", \"a b\"!~\"x\"}");
  CHECK(ok("offset{a=\"b\"}"));
  CHECK(ok("sum{a=\"b\"}"));
  CHECK(ok("foo{by=\"x\", offset=\"y\"}"));
  CHECK(err("{}") == "vector selector must contain at least one non-empty matcher");
  CHECK(err("{a=\"\"}") == "vector selector must contain at least one non-empty matcher");
  CHECK(err("{a=~\".*\"}") == "vector selector must contain at least one non-empty matcher");
  CHECK(err("{a!~\".+\"}") == "vector selector must contain at least one non-empty matcher");
  CHECK(ok("{a=~\".+\"}"));
  CHECK(ok("{a!=\"\"}"));
  CHECK(err("foo{__name__=\"bar\"}") == "metric name must not be set twice: \"foo\" or \"bar\"");
  CHECK(err("foo{a=~\"(\"}").find("error parsing regexp") == 0);
  CHECK(err("foo{a=1}") == "unexpected character inside braces: '1'");
  CHECK(err("foo{a=b}") == "unexpected identifier \"b\" in label matching, expected string");
  CHECK(err("foo{a}").find("unexpected") == 0);
  CHECK(err("foo{a=\"b\"") == "unexpected end of input inside braces");
  CHECK(err("foo{{") == "unexpected left brace '{'");
  auto r = parse("foo{a=\"b\"}");
  CHECK(r.expr->matchers[0].value_span.begin == 6);
  CHECK(r.expr->matchers[0].value_span.end == 9);
}

TEST_CASE("promql: ranges, subqueries, offset and @") {
  CHECK(p("foo[5m]") == "foo[5m]");
  CHECK(p("foo[1h30m]") == "foo[1h30m]");
  CHECK(p("foo[300]") == "foo[5m]");
  CHECK(p("foo[5m] offset 1h") == "foo[5m] offset 1h");
  CHECK(p("foo offset -5m") == "foo offset -5m");
  CHECK(p("rate(foo[5m])[30m:1m]") == "rate(foo[5m])[30m:1m]");
  CHECK(p("rate(foo[5m])[30m:]") == "rate(foo[5m])[30m:]");
  CHECK(p("foo @ 1609746000") == "foo @ 1609746000");
  CHECK(p("foo @ start()") == "foo @ start()");
  CHECK(p("foo[5m] @ end() offset 1m") == "foo[5m] offset 1m @ end()");
  CHECK(ok("foo @ -100"));
  CHECK(ok("(foo + bar)[5m:1m] offset 1m"));
  CHECK(ok("foo[5m:1m]"));
  CHECK(err("(foo)[5m]") == "ranges only allowed for vector selectors");
  CHECK(err("foo offset 5m [5m]") == "no offset modifiers allowed before range");
  CHECK(err("foo @ 1 [5m]") == "no @ modifiers allowed before range");
  CHECK(err("sum(foo) offset 5m") ==
        "offset modifier must be preceded by an instant vector selector or range vector "
        "selector or a subquery");
  CHECK(err("1 @ 5") ==
        "@ modifier must be preceded by an instant vector selector or range vector selector or "
        "a subquery");
  CHECK(err("foo offset 1m offset 2m") == "offset may not be set multiple times");
  CHECK(err("foo @ 1 @ 2") == "@ <timestamp> may not be set multiple times");
  CHECK(err("foo[5m][5m:]") ==
        "subquery is only allowed on instant vector, got range vector instead");
  CHECK(err("foo[0s]") == "duration must be greater than 0");
  CHECK(err("foo[1.5h]") == "bad number or duration syntax: \"1.5h\"");
  CHECK(err("foo[5m") == "unexpected end of input in duration expression");
  CHECK(err("foo[1m5h]") == "not a valid duration string: \"1m5h\"");
  CHECK(err("foo[5m*2]").find("duration expressions are experimental") == 0);
  // offset binds tighter than ^: (foo offset -2)^2
  auto r = parse("foo offset -2 ^ 2");
  REQUIRE(r.ok());
  CHECK(r.expr->op == BinaryOp::pow);
  CHECK(*r.expr->children[0]->offset_ms == -2000);
  auto u = parse("-foo offset 5m");
  REQUIRE(u.ok());
  CHECK(u.expr->kind == ExprKind::unary);
}

TEST_CASE("promql: durations") {
  CHECK(parse_duration("1h30m") == 5400000);
  CHECK(parse_duration("12h34m56s") == 45296000);
  CHECK(parse_duration("1y2w3d") == (365 + 14 + 3) * 86400000LL);
  CHECK(parse_duration("5ms") == 5);
  CHECK(parse_duration("0") == 0);
  CHECK(!parse_duration("1m1m"));
  CHECK(!parse_duration("1s1m"));
  CHECK(!parse_duration("1x"));
  CHECK(!parse_duration(""));
  CHECK(!parse_duration("99999999999999999999y"));
  CHECK(format_duration(5400000) == "1h30m");
  CHECK(num("2m") == 120);
}

TEST_CASE("promql: number literals") {
  CHECK(num("1") == 1);
  CHECK(num("1.5e3") == 1500);
  CHECK(num(".5") == 0.5);
  CHECK(num("0x1F") == 31);
  CHECK(num("0755") == 493);
  CHECK(num("09") == 9);
  CHECK(num("1_000") == 1000);
  CHECK(num("0x_53_AB") == 0x53AB);
  CHECK(std::isinf(num("Inf")));
  CHECK(std::isinf(num("-inf")));
  CHECK(num("-Inf") < 0);
  CHECK(std::isnan(num("NaN")));
  CHECK(std::isnan(num("nan")));
  CHECK(err("1_") == "bad number or duration syntax: \"1_\"");
  CHECK(err("1__0").find("bad number") == 0);
  CHECK(err("1._5").find("bad number") == 0);
  CHECK(err("0x1.5").find("bad number") == 0);
  CHECK(err("1e").find("bad number") == 0);
  CHECK(err("5foo").find("bad number or duration syntax") == 0);
}

TEST_CASE("promql: strings") {
  auto s = [](std::string_view text) {
    auto r = parse(text);
    REQUIRE(r.ok());
    REQUIRE(r.expr->kind == ExprKind::string);
    return r.expr->text;
  };
  CHECK(s("\"a\\nb\"") == "a\nb");
  CHECK(s("'it\\'s'") == "it's");
  CHECK(s("\"\\x41\\101\\u00e9\\U0001F600\"") == "AA\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(s("`raw\\n\nline`") == "raw\\n\nline");
  CHECK(s("\"\\\"\\\\\"") == "\"\\");
  CHECK(err("\"abc") == "unterminated quoted string");
  CHECK(err("\"a\nb\"") == "unterminated quoted string");
  CHECK(err("\"\\q\"") == "unknown escape sequence U+0071 'q'");
  CHECK(err("\"\\xZZ\"") == "illegal character U+005A 'Z' in escape sequence");
  CHECK(err("\"\\uD800\"") == "escape sequence is an invalid Unicode code point");
  CHECK(err("`abc") == "unterminated raw string");
  CHECK(ok("label_replace(up, \"a\", '$1', `b`, \"(.*)\")"));
}

TEST_CASE("promql: comments and whitespace") {
  CHECK(p("# leading\nsum(x) # trailing") == "sum(x)");
  CHECK(p("foo{a=\"b\", # inside braces\n c=\"d\"}") == "foo{a=\"b\", c=\"d\"}");
  CHECK(err("") == "no expression found in input");
  CHECK(err("# only a comment") == "no expression found in input");
}

TEST_CASE("promql: functions, arity and argument types") {
  CHECK(ok("rate(foo[5m])"));
  CHECK(ok("time()"));
  CHECK(ok("round(x)"));
  CHECK(ok("round(x, 5)"));
  CHECK(ok("hour()"));
  CHECK(ok("label_join(x, \"a\", \",\", \"b\", \"c\", \"d\")"));
  CHECK(ok("histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))"));
  CHECK(ok("vector(1)"));
  CHECK(ok("scalar(x) * 2"));
  CHECK(ok("absent(nonexistent{job=\"x\"})"));
  CHECK(err("rate(foo)") ==
        "expected type range vector in call to function \"rate\", got instant vector");
  CHECK(err("abs(foo[5m])") ==
        "expected type instant vector in call to function \"abs\", got range vector");
  CHECK(err("rate()") == "expected 1 argument(s) in call to \"rate\", got 0");
  CHECK(err("round(x, 1, 2)") == "expected at most 2 argument(s) in call to \"round\", got 3");
  CHECK(err("label_join(x, \"a\")") ==
        "expected at least 3 argument(s) in call to \"label_join\", got 2");
  CHECK(err("clamp_max(x, \"1\")") ==
        "expected type scalar in call to function \"clamp_max\", got string");
  CHECK(err("foo_bar(x)") == "unknown function with name \"foo_bar\"");
  CHECK(err("holt_winters(x[5m], 0.5, 0.5)") == "unknown function with name \"holt_winters\"");
  CHECK(err("RATE(x[5m])") == "unknown function with name \"RATE\"");
  CHECK(err("sort_by_label(x, \"a\")") == "function \"sort_by_label\" is not enabled");
  CHECK(parse("sort_by_label(x, \"a\")", {.experimental_functions = true}).ok());
  CHECK(err("rate(foo[5m],)") == "trailing commas not allowed in function call args");
  CHECK(find_function("rate")->arg_types.size() == 1);
}

TEST_CASE("promql: syntax errors point at the offending token") {
  CHECK(p("foo +") == "5-5: unexpected end of input");
  CHECK(p("sum(x) )") == "7-8: unexpected right parenthesis ')'");
  CHECK(p("(foo") == "4-4: unclosed left parenthesis");
  CHECK(p("foo bar") == "4-7: unexpected identifier \"bar\"");
  CHECK(p("foo $ bar") == "4-5: unexpected character: '$'");
  CHECK(p("foo ! bar") == "4-6: unexpected character after '!': ' '");
  CHECK(p("foo =~ bar") == "4-6: unexpected character after '=': '~'");
  CHECK(p("rate(x[5m]") == "10-10: unclosed left parenthesis");
  CHECK(p("foo ]") == "4-5: unexpected right bracket ']'");
  // At the end of the input the span stops there (found by fuzz_promql on "!").
  CHECK(p("!") == "0-1: unexpected character after '!': 'EOF'");
  CHECK(p("x{a!") == "3-4: unexpected character after '!' inside braces: 'EOF'");
}

TEST_CASE("promql: deep nesting is an error, not a crash") {
  std::string deep(100000, '(');
  deep += "1";
  deep += std::string(100000, ')');
  auto r = parse(deep);
  REQUIRE(!r.ok());
  CHECK(r.errors.front().message.find("nested too deeply") != std::string::npos);
  std::string unary(100000, '-');
  unary += "1";
  CHECK(!parse(unary).ok());
  std::string ok_depth = std::string(100, '(') + "1" + std::string(100, ')');
  CHECK(parse(ok_depth).ok());
  std::string long_chain = "a";
  for (int i = 0; i < 900; ++i) long_chain += " + a";
  CHECK(parse(long_chain).ok());
  for (int i = 0; i < 100000; ++i) long_chain += " + a";
  CHECK(!parse(long_chain).ok());
}
