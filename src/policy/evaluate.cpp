#include "policy/evaluate.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "policy/measures.hpp"
#include "policy/paths.hpp"

namespace infralint::policy {
namespace {

std::string shown(std::string_view value) {
  constexpr std::size_t kLimit = 80;
  if (value.size() <= kLimit) return std::string(value);
  return std::string(value.substr(0, kLimit)) + "…";
}

std::string named(const Cursor& c) {
  return c.path.empty() ? std::string("the matched object") : fmt::format("`{}`", c.path);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

bool equal(const Cursor& at, const std::string& text, const Literal& literal) {
  switch (literal.type) {
    case Literal::Type::number: {
      auto a = parse_number(text), b = parse_number(literal.text);
      if (a && b) return *a == *b;
      return text == literal.text;
    }
    case Literal::Type::boolean:
      return lower(text) == lower(literal.text);
    case Literal::Type::null:
      return at.type() == Literal::Type::null || text.empty();
    case Literal::Type::string:
      return text == literal.text;
  }
  return false;
}

Outcome single(bool holds, const Cursor& at, std::string reason) {
  Evidence e{at.span, at.text().value_or(""), at.path, std::move(reason)};
  return {holds, {std::move(e)}};
}

std::string_view words(Comparison::Op op) {
  switch (op) {
    case Comparison::Op::lt:
      return "less than";
    case Comparison::Op::le:
      return "at most";
    case Comparison::Op::gt:
      return "more than";
    case Comparison::Op::ge:
      return "at least";
  }
  return "";
}

std::string_view measure_name(Measure m) {
  switch (m) {
    case Measure::number:
      return "a number";
    case Measure::duration:
      return "a duration";
    case Measure::quantity:
      return "a quantity";
  }
  return "";
}

// Every operator of the condition that compares the value itself.
void value_operators(const Condition& c, const Cursor& at, std::vector<Outcome>& out) {
  std::string name = named(at);
  if (c.exists) {
    if (at.missing())
      out.push_back(single(!*c.exists, at, fmt::format("{} is missing", name)));
    else {
      Outcome o = single(*c.exists, at, fmt::format("{} is set", name));
      o.evidence.front().span = at.key_span;  // point at the key of what should not be there
      out.push_back(std::move(o));
    }
  }
  bool compares = c.equals || c.in || c.matches || !c.comparisons.empty();
  if (!compares) return;
  if (at.missing()) {
    out.push_back(single(false, at, fmt::format("{} is missing", name)));
    return;
  }
  auto text = at.text();
  if (!text) {
    out.push_back(single(false, at, fmt::format("{} is {}, not a single value", name, at.shape())));
    return;
  }
  std::string value = shown(*text);
  if (c.equals) {
    bool eq = equal(at, *text, *c.equals);
    out.push_back(single(eq, at,
                         eq ? fmt::format("{} is `{}`", name, value)
                            : fmt::format("{} is `{}`, not `{}`", name, value, c.equals->text)));
  }
  if (c.in) {
    bool found = std::any_of(c.in->begin(), c.in->end(),
                             [&](const Literal& l) { return equal(at, *text, l); });
    std::vector<std::string> options;
    for (const Literal& l : *c.in) options.push_back(l.text);
    out.push_back(single(found, at,
                         found ? fmt::format("{} is `{}`", name, value)
                               : fmt::format("{} is `{}`, not one of `{}`", name, value,
                                             fmt::join(options, "`, `"))));
  }
  if (c.matches) {
    bool m = RE2::PartialMatch(*text, *c.matches);
    out.push_back(single(m, at,
                         fmt::format("{} is `{}`, which {} `{}`", name, value,
                                     m ? "matches" : "does not match", c.matches->pattern())));
  }
  for (const Comparison& cmp : c.comparisons) {
    auto measured = parse_measure(cmp.measure, *text);
    if (!measured) {
      out.push_back(single(
          false, at, fmt::format("{} is `{}`, not {}", name, value, measure_name(cmp.measure))));
      continue;
    }
    double v = *measured;
    bool ok = cmp.op == Comparison::Op::lt   ? v < cmp.bound
              : cmp.op == Comparison::Op::le ? v <= cmp.bound
              : cmp.op == Comparison::Op::gt ? v > cmp.bound
                                             : v >= cmp.bound;
    out.push_back(single(ok, at,
                         fmt::format("{} is `{}`, {}{} `{}`", name, value, ok ? "" : "not ",
                                     words(cmp.op), cmp.text)));
  }
}

// All outcomes must hold: the evidence of those that fail, or of all when every one holds.
Outcome conjunction(std::vector<Outcome> parts) {
  Outcome out;
  out.holds = std::all_of(parts.begin(), parts.end(), [](const Outcome& o) { return o.holds; });
  for (Outcome& o : parts)
    if (o.holds == out.holds)
      for (Evidence& e : o.evidence) out.evidence.push_back(std::move(e));
  return out;
}

Outcome evaluate_here(const Condition& c, const Cursor& at, const WalkContext& context) {
  std::vector<Outcome> parts;
  value_operators(c, at, parts);
  if (c.all) {
    std::vector<Outcome> all;
    for (const Condition& sub : *c.all) all.push_back(evaluate(sub, at, context));
    parts.push_back(conjunction(std::move(all)));
  }
  if (c.any) {
    Outcome any;
    any.holds = false;
    std::vector<Outcome> alternatives;
    for (const Condition& sub : *c.any) alternatives.push_back(evaluate(sub, at, context));
    for (Outcome& o : alternatives)
      if (o.holds) {
        any = std::move(o);
        break;
      }
    // None holds: point where the first alternative fails.
    if (!any.holds && !alternatives.empty()) any = std::move(alternatives.front());
    parts.push_back(std::move(any));
  }
  for (const Condition& sub : c.negated) {
    Outcome inner = evaluate(sub, at, context);
    inner.holds = !inner.holds;
    parts.push_back(std::move(inner));
  }
  return conjunction(std::move(parts));
}

}  // namespace

Outcome evaluate(const Condition& condition, const Cursor& at, const WalkContext& context) {
  if (!condition.path) return evaluate_here(condition, at, context);
  std::vector<Outcome> branches;
  for (const Cursor& reached : resolve(at, *condition.path, context))
    branches.push_back(evaluate_here(condition, reached, context));
  return conjunction(std::move(branches));
}

std::string render_message(const Policy& policy, const MatchedObject& object,
                           const WalkContext& context, const Evidence& evidence) {
  if (policy.message.empty()) return fmt::format("{}: {}", policy.title, evidence.reason);
  std::string out;
  std::string_view text = policy.message;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    std::size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::string_view inner = text.substr(open + 2, close - open - 2);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
    while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
    if (inner == "$value")
      out += evidence.value;
    else if (inner == "$path")
      out += evidence.path;
    else if (inner == "$reason")
      out += evidence.reason;
    else if (inner == "$object")
      out += object.description;
    else {
      std::string value = "(none)";
      ParsedPath parsed = parse_path(inner);
      if (parsed.error.empty())
        for (const Cursor& c : resolve(object.root, parsed.path, context))
          if (auto t = c.text()) {
            value = shown(*t);
            break;
          }
      out += value;
    }
    pos = close + 2;
  }
  return out;
}

}  // namespace infralint::policy
