#include "parse/gotemplate/template.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace infralint::gotemplate {
namespace {

constexpr std::string_view kBuiltins[] = {
    "and",    "call",    "html",     "index", "slice", "js", "len", "not", "or", "print",
    "printf", "println", "urlquery", "eq",    "ge",    "gt", "le",  "lt",  "ne"};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_alnum(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

enum class T {
  end_action,
  pipe,
  lparen,
  rparen,
  declare,
  assign,
  comma,
  string,
  number,
  keyword,
  identifier,
  variable,
  field,
  dot,
  other
};

struct Token {
  T type;
  Span span;
  std::string_view text;
};

struct Failure {
  Span span;
  std::string message;
};

class Checker {
 public:
  Checker(std::string_view text, const Environment& env) : in_(text), env_(env) {
    scopes_.push_back({"$"});
    for (const auto& v : env.variables) scopes_.back().push_back(v);
  }

  std::vector<ParseError> run() {
    try {
      list(/*top=*/true);
    } catch (const Failure& f) {
      return {{f.span, f.message}};
    }
    return {};
  }

 private:
  [[noreturn]] void fail(Span span, std::string message) {
    throw Failure{span, std::move(message)};
  }

  // Finds the next action; returns false at the end of the text.
  bool next_action() {
    std::size_t open = in_.find("{{", pos_);
    if (open == std::string_view::npos) {
      pos_ = in_.size();
      return false;
    }
    action_start_ = open;
    pos_ = open + 2;
    if (pos_ + 1 < in_.size() && in_[pos_] == '-' && is_space(in_[pos_ + 1])) pos_ += 2;
    // Comments: {{/* ... */}}
    std::size_t p = pos_;
    while (p < in_.size() && is_space(in_[p])) ++p;
    if (in_.substr(p, 2) == "/*") {
      std::size_t close = in_.find("*/", p + 2);
      if (close == std::string_view::npos) fail({open, in_.size()}, "unclosed comment");
      std::size_t q = close + 2;
      while (q < in_.size() && is_space(in_[q])) ++q;
      if (q < in_.size() && in_[q] == '-') ++q;
      if (in_.substr(q, 2) != "}}") fail({open, q}, "comment ends before closing delimiter");
      pos_ = q + 2;
      return next_action();
    }
    lex_action();
    return true;
  }

  void lex_action() {
    tokens_.clear();
    cur_ = 0;
    int parens = 0;
    while (true) {
      while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
      if (pos_ >= in_.size()) fail({action_start_, in_.size()}, "unclosed action");
      std::size_t s = pos_;
      char c = in_[pos_];
      if (c == '-' && in_.substr(pos_ + 1, 2) == "}}" && s > 0 && is_space(in_[s - 1])) {
        pos_ += 3;
        tokens_.push_back({T::end_action, {s, pos_}, in_.substr(s, 3)});
        return;
      }
      if (in_.substr(pos_, 2) == "}}") {
        pos_ += 2;
        if (parens > 0) fail({s, pos_}, "unclosed left paren");
        tokens_.push_back({T::end_action, {s, pos_}, in_.substr(s, 2)});
        return;
      }
      auto push = [&](T t, std::size_t len) {
        pos_ += len;
        tokens_.push_back({t, {s, pos_}, in_.substr(s, len)});
      };
      if (c == '|') {
        push(T::pipe, 1);
        continue;
      }
      if (c == '(') {
        ++parens;
        push(T::lparen, 1);
        continue;
      }
      if (c == ')') {
        if (--parens < 0) fail({s, s + 1}, "unexpected right paren");
        push(T::rparen, 1);
        continue;
      }
      if (c == ',') {
        push(T::comma, 1);
        continue;
      }
      if (in_.substr(pos_, 2) == ":=") {
        push(T::declare, 2);
        continue;
      }
      if (c == '=') {
        push(T::assign, 1);
        continue;
      }
      if (c == '"' || c == '\'') {
        std::size_t p = pos_ + 1;
        while (p < in_.size() && in_[p] != c) {
          if (in_[p] == '\n') break;
          p += in_[p] == '\\' ? 2 : 1;
        }
        if (p >= in_.size() || in_[p] != c)
          fail({s, std::min(p, in_.size())},
               c == '"' ? "unterminated quoted string" : "unterminated character constant");
        push(T::string, p + 1 - pos_);
        continue;
      }
      if (c == '`') {
        std::size_t p = in_.find('`', pos_ + 1);
        if (p == std::string_view::npos) fail({s, in_.size()}, "unterminated raw quoted string");
        push(T::string, p + 1 - pos_);
        continue;
      }
      if ((c >= '0' && c <= '9') || ((c == '-' || c == '+' || c == '.') && pos_ + 1 < in_.size() &&
                                     in_[pos_ + 1] >= '0' && in_[pos_ + 1] <= '9')) {
        std::size_t p = pos_ + 1;
        while (p < in_.size() &&
               (is_alnum(in_[p]) || in_[p] == '.' ||
                ((in_[p] == '+' || in_[p] == '-') && (in_[p - 1] == 'e' || in_[p - 1] == 'E'))))
          ++p;
        push(T::number, p - pos_);
        continue;
      }
      if (c == '$') {
        std::size_t p = pos_ + 1;
        while (p < in_.size() && is_alnum(in_[p])) ++p;
        push(T::variable, p - pos_);
        field_chain();
        continue;
      }
      if (c == '.') {
        if (pos_ + 1 < in_.size() && is_alnum(in_[pos_ + 1])) {
          field_chain();
        } else {
          push(T::dot, 1);
        }
        continue;
      }
      if (is_alnum(c)) {
        std::size_t p = pos_;
        while (p < in_.size() && is_alnum(in_[p])) ++p;
        std::string_view word = in_.substr(pos_, p - pos_);
        bool kw = false;
        for (std::string_view k : {"if", "else", "end", "range", "with", "define", "template",
                                   "block", "break", "continue", "nil", "true", "false"})
          kw = kw || word == k;
        push(kw ? T::keyword : T::identifier, p - pos_);
        continue;
      }
      fail({s, s + 1}, fmt::format("unexpected \"{}\" in command", c));
    }
  }

  // .Field.Field... directly after a variable, a ')' or at an operand start.
  void field_chain() {
    while (pos_ + 1 < in_.size() && in_[pos_] == '.' && is_alnum(in_[pos_ + 1])) {
      std::size_t s = pos_;
      std::size_t p = pos_ + 1;
      while (p < in_.size() && is_alnum(in_[p])) ++p;
      pos_ = p;
      tokens_.push_back({T::field, {s, p}, in_.substr(s, p - s)});
    }
  }

  // By value: the lexer appends to tokens_ as parsing goes on, so a reference into it would
  // dangle after the next action is lexed (AddressSanitizer found one in control()).
  Token peek() const { return tokens_[std::min(cur_, tokens_.size() - 1)]; }
  Token take() { return tokens_[std::min(cur_++, tokens_.size() - 1)]; }

  bool declared(std::string_view name) const {
    for (const auto& scope : scopes_)
      if (std::find(scope.begin(), scope.end(), name) != scope.end()) return true;
    return false;
  }
  bool function(std::string_view name) const {
    for (std::string_view b : kBuiltins)
      if (b == name) return true;
    return std::find(env_.functions.begin(), env_.functions.end(), name) != env_.functions.end();
  }

  // Parses a list of text and actions until {{end}} / {{else}} (returned) or the end of input.
  std::string list(bool top) {
    while (next_action()) {
      const Token& t = take();
      if (t.type == T::keyword) {
        if (t.text == "end" || t.text == "else") {
          if (top) fail(t.span, fmt::format("unexpected {{{{{}}}}}", t.text));
          if (t.text == "end") expect_end_action("end");
          return std::string(t.text);
        }
        if (t.text == "if" || t.text == "with" || t.text == "range") {
          control(t);
          continue;
        }
        if (t.text == "define" || t.text == "block") {
          if (t.text == "define" && !top) fail(t.span, "unexpected <define> in command");
          const Token& name = take();
          if (name.type != T::string)
            fail(name.span, fmt::format("unexpected {} in {} clause", name.text, t.text));
          if (t.text == "block")
            pipeline(false);
          else
            expect_end_action("define");
          scopes_.push_back({"$"});
          if (list(false) != "end")
            fail(t.span, fmt::format("unexpected {{{{else}}}} in {}", t.text));
          scopes_.pop_back();
          continue;
        }
        if (t.text == "template") {
          const Token& name = take();
          if (name.type != T::string)
            fail(name.span, fmt::format("unexpected \"{}\" in template clause", name.text));
          if (peek().type != T::end_action)
            pipeline(false);
          else
            take();
          continue;
        }
        if (t.text == "break" || t.text == "continue") {
          if (range_depth_ == 0)
            fail(t.span, fmt::format("{{{{{}}}}} outside {{{{range}}}}", t.text));
          expect_end_action(t.text);
          continue;
        }
      }
      --cur_;
      pipeline(true);
    }
    if (!top) fail({in_.size(), in_.size()}, "unexpected EOF");
    return {};
  }

  void expect_end_action(std::string_view what) {
    const Token& t = take();
    if (t.type != T::end_action) fail(t.span, fmt::format("unexpected \"{}\" in {}", t.text, what));
  }

  void control(Token kw) {
    scopes_.emplace_back();
    if (kw.text == "range") ++range_depth_;
    pipeline(false, kw.text == "range");
    std::string ended = list(false);
    while (ended == "else") {
      // {{else}}, or {{else if ...}} / {{else with ...}} chaining another branch.
      scopes_.back().clear();
      const Token& t = peek();
      if (t.type == T::keyword && (t.text == "if" || t.text == "with")) {
        take();
        pipeline(false);
      } else {
        expect_end_action("else");
      }
      ended = list(false);
    }
    if (kw.text == "range") --range_depth_;
    scopes_.pop_back();
  }

  // A pipeline up to the end of the action: [decl :=] command {| command}.
  void pipeline(bool, bool range = false) {
    if (peek().type == T::variable) {
      // Declarations: $x := ..., $i, $e := ... (range), $x = ...
      std::size_t save = cur_;
      std::vector<std::string_view> names{take().text};
      if (range && peek().type == T::comma) {
        take();
        if (peek().type != T::variable) fail(peek().span, "range can only initialize variables");
        names.push_back(take().text);
      }
      if (peek().type == T::declare) {
        take();
        pending_.assign(names.begin(), names.end());
      } else if (peek().type == T::assign) {
        take();
        for (auto n : names)
          if (!declared(n)) fail(tokens_[save].span, fmt::format("undefined variable \"{}\"", n));
      } else {
        cur_ = save;
      }
    }
    while (true) {
      command();
      const Token& t = take();
      if (t.type == T::end_action) break;
      if (t.type == T::pipe) continue;
      fail(t.span, fmt::format("unexpected \"{}\" in operand", t.text));
    }
    for (auto n : pending_) scopes_.back().emplace_back(n);
    pending_.clear();
  }

  void command() {
    std::size_t operands = 0;
    while (true) {
      const Token& t = peek();
      if (t.type == T::end_action || t.type == T::pipe || t.type == T::rparen) break;
      operand(operands == 0);
      ++operands;
    }
    if (operands == 0) fail(peek().span, "missing value for command");
  }

  void operand(bool first) {
    const Token& t = take();
    switch (t.type) {
      case T::identifier:
        if (!function(t.text)) fail(t.span, fmt::format("function \"{}\" not defined", t.text));
        (void)first;
        return;
      case T::variable:
        if (!declared(t.text)) fail(t.span, fmt::format("undefined variable \"{}\"", t.text));
        skip_fields();
        return;
      case T::lparen: {
        std::vector<std::string> saved = pending_;
        pending_.clear();
        while (true) {
          command();
          const Token& c = take();
          if (c.type == T::rparen) break;
          if (c.type != T::pipe) fail(c.span, "unclosed left paren");
        }
        pending_ = saved;
        skip_fields();
        return;
      }
      case T::field:
        skip_fields();
        return;
      case T::string:
      case T::number:
      case T::dot:
        return;
      case T::keyword:
        if (t.text == "nil" || t.text == "true" || t.text == "false") return;
        fail(t.span, fmt::format("unexpected <{}> in command", t.text));
      default:
        fail(t.span, fmt::format("unexpected \"{}\" in operand", t.text));
    }
  }

  void skip_fields() {
    while (peek().type == T::field) take();
  }

  std::string_view in_;
  const Environment& env_;
  std::size_t pos_ = 0;
  std::size_t action_start_ = 0;
  std::vector<Token> tokens_;
  std::size_t cur_ = 0;
  std::vector<std::vector<std::string>> scopes_;
  std::vector<std::string> pending_;
  int range_depth_ = 0;
};

}  // namespace

const Environment& prometheus_alert_environment() {
  static const Environment env{
      {"$labels", "$externalLabels", "$externalURL", "$value"},
      {"query",
       "first",
       "label",
       "value",
       "strvalue",
       "args",
       "reReplaceAll",
       "safeHtml",
       "match",
       "title",
       "toUpper",
       "toLower",
       "graphLink",
       "tableLink",
       "sortByLabel",
       "humanize",
       "humanize1024",
       "humanizeDuration",
       "humanizePercentage",
       "humanizeTimestamp",
       "toTime",
       "toDuration",
       "now",
       "pathPrefix",
       "externalURL",
       "parseDuration",
       "stripPort",
       "stripDomain"},
  };
  return env;
}

std::vector<ParseError> check(std::string_view text, const Environment& env) {
  return Checker(text, env).run();
}

std::vector<Span> actions(std::string_view text) {
  std::vector<Span> out;
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    std::size_t end = text.find("}}", pos + 2);
    if (end == std::string_view::npos) break;
    std::size_t begin = pos + 2, stop = end;
    if (begin < stop && text[begin] == '-') ++begin;
    if (stop > begin && text[stop - 1] == '-') --stop;
    while (begin < stop && text[begin] == ' ') ++begin;
    while (stop > begin && text[stop - 1] == ' ') --stop;
    out.push_back({begin, stop});
    pos = end + 2;
  }
  return out;
}

}  // namespace infralint::gotemplate
