#include "parse/promql/lexer.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace infralint::promql::detail {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_alpha(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int digit_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;
}

// Go's %#U for an ASCII or multi-byte character, as Prometheus prints escape errors.
std::string rune_repr(std::string_view s, std::size_t at) {
  if (at >= s.size()) return "EOF";
  unsigned char c = static_cast<unsigned char>(s[at]);
  if (c < 0x80) return fmt::format("U+{:04X} '{}'", c, static_cast<char>(c));
  return fmt::format("U+{:04X}", c);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view in) : in_(in) {}

  std::vector<Token> run() {
    while (!done_) {
      if (brace_)
        inside_braces();
      else if (bracket_)
        inside_brackets();
      else
        statements();
    }
    return std::move(tokens_);
  }

 private:
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < in_.size() ? in_[pos_ + ahead] : '\0';
  }
  bool at_end() const { return pos_ >= in_.size(); }

  void emit(Tok t, std::size_t start) {
    tokens_.push_back({t, {start, pos_}, in_.substr(start, pos_ - start), {}});
  }
  // `end` may point one past a character that is not there ("!" at the end of the input):
  // the span stops at the input's end.
  void error(std::size_t start, std::size_t end, std::string message) {
    end = std::min(std::max(end, start), in_.size());
    tokens_.push_back({Tok::error, {std::min(start, end), end}, {}, std::move(message)});
    tokens_.push_back({Tok::eof, {in_.size(), in_.size()}, {}, {}});
    done_ = true;
  }
  void eof() {
    tokens_.push_back({Tok::eof, {in_.size(), in_.size()}, {}, {}});
    done_ = true;
  }

  bool skip_space_and_comments() {
    bool any = false;
    while (!at_end()) {
      if (is_space(peek())) {
        ++pos_;
        any = true;
      } else if (peek() == '#') {
        while (!at_end() && peek() != '\n' && peek() != '\r') ++pos_;
        any = true;
      } else {
        break;
      }
    }
    return any;
  }

  void statements() {
    skip_space_and_comments();
    std::size_t start = pos_;
    if (at_end()) {
      if (paren_depth_ > 0) return error(start, start, "unclosed left parenthesis");
      return eof();
    }
    char c = in_[pos_++];
    switch (c) {
      case ',':
        return emit(Tok::comma, start);
      case '*':
        return emit(Tok::mul, start);
      case '/':
        return emit(Tok::div, start);
      case '%':
        return emit(Tok::mod, start);
      case '+':
        return emit(Tok::add, start);
      case '-':
        return emit(Tok::sub, start);
      case '^':
        return emit(Tok::pow, start);
      case '@':
        return emit(Tok::at, start);
      case '=':
        if (peek() == '=') {
          ++pos_;
          return emit(Tok::eqlc, start);
        }
        if (peek() == '~')
          return error(start, pos_ + 1, fmt::format("unexpected character after '=': '~'"));
        return emit(Tok::eql, start);
      case '!':
        if (peek() != '=') {
          return error(start, pos_ + 1,
                       fmt::format("unexpected character after '!': '{}'",
                                   at_end() ? std::string("EOF") : std::string(1, peek())));
        }
        ++pos_;
        return emit(Tok::neq, start);
      case '<':
        if (peek() == '=') ++pos_;
        return emit(pos_ - start == 2 ? Tok::lte : Tok::lss, start);
      case '>':
        if (peek() == '=') ++pos_;
        return emit(pos_ - start == 2 ? Tok::gte : Tok::gtr, start);
      case '"':
      case '\'':
        return string_token(start, c);
      case '`':
        return raw_string(start);
      case '(':
        ++paren_depth_;
        return emit(Tok::lparen, start);
      case ')':
        emit(Tok::rparen, start);
        if (--paren_depth_ < 0) {
          tokens_.pop_back();
          return error(start, pos_, "unexpected right parenthesis ')'");
        }
        return;
      case '{':
        brace_ = true;
        return emit(Tok::lbrace, start);
      case '[':
        bracket_ = true;
        return emit(Tok::lbracket, start);
      case ']':
        return error(start, pos_, "unexpected right bracket ']'");
      case '}':
        return error(start, pos_, "unexpected character: '}'");
      default:
        break;
    }
    if (is_digit(c) || (c == '.' && is_digit(peek()))) {
      pos_ = start;
      return number_or_duration(start);
    }
    if (is_alpha(c) || c == ':') {
      bool colon = c == ':';
      while (!at_end() && (is_alnum(peek()) || peek() == ':')) colon |= in_[pos_++] == ':';
      return emit(colon ? Tok::metric_identifier : Tok::identifier, start);
    }
    std::size_t end = start + 1;
    while (end < in_.size() && (static_cast<unsigned char>(in_[end]) & 0xC0) == 0x80) ++end;
    error(start, end, fmt::format("unexpected character: '{}'", in_.substr(start, end - start)));
  }

  void inside_braces() {
    skip_space_and_comments();
    std::size_t start = pos_;
    if (at_end()) return error(start, start, "unexpected end of input inside braces");
    char c = in_[pos_++];
    if (is_alpha(c)) {
      while (!at_end() && is_alnum(peek())) ++pos_;
      return emit(Tok::identifier, start);
    }
    switch (c) {
      case ',':
        return emit(Tok::comma, start);
      case '"':
      case '\'':
        return string_token(start, c);
      case '`':
        return raw_string(start);
      case '=':
        if (peek() == '~') {
          ++pos_;
          return emit(Tok::eql_regex, start);
        }
        return emit(Tok::eql, start);
      case '!':
        if (peek() == '~' || peek() == '=') {
          Tok t = peek() == '~' ? Tok::neq_regex : Tok::neq;
          ++pos_;
          return emit(t, start);
        }
        return error(start, pos_ + 1,
                     fmt::format("unexpected character after '!' inside braces: '{}'",
                                 at_end() ? std::string("EOF") : std::string(1, peek())));
      case '{':
        return error(start, pos_, "unexpected left brace '{'");
      case '}':
        brace_ = false;
        return emit(Tok::rbrace, start);
      default:
        break;
    }
    error(start, pos_, fmt::format("unexpected character inside braces: '{}'", c));
  }

  void inside_brackets() {
    skip_space_and_comments();
    std::size_t start = pos_;
    if (at_end()) return error(start, start, "unexpected end of input in duration expression");
    char c = in_[pos_++];
    switch (c) {
      case ']':
        bracket_ = false;
        return emit(Tok::rbracket, start);
      case ':':
        return emit(Tok::colon, start);
      case '(':
        ++paren_depth_;
        return emit(Tok::lparen, start);
      case ')':
        --paren_depth_;
        return emit(Tok::rparen, start);
      case '+':
        return emit(Tok::add, start);
      case '-':
        return emit(Tok::sub, start);
      case '*':
        return emit(Tok::mul, start);
      case '/':
        return emit(Tok::div, start);
      case '%':
        return emit(Tok::mod, start);
      case '^':
        return emit(Tok::pow, start);
      case ',':
        return emit(Tok::comma, start);
      case '[':
        return error(start, pos_, "unexpected left bracket '['");
      default:
        break;
    }
    if (is_digit(c) || (c == '.' && is_digit(peek()))) {
      pos_ = start;
      return number_or_duration(start);
    }
    if (is_alpha(c)) {
      while (!at_end() && is_alpha(peek())) ++pos_;
      return emit(Tok::identifier, start);
    }
    error(start, pos_, fmt::format("unexpected character in duration expression: '{}'", c));
  }

  // scanNumber of lex.go: [0x][.]digits with '.', exponents and '_' between digits.
  bool scan_number() {
    std::size_t initial = pos_;
    bool hex = false;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      pos_ += 2;
      if (peek() == '_') ++pos_;
      hex = true;
    }
    auto digit = [&](char ch) { return hex ? is_hex(ch) : is_digit(ch); };
    auto in = [](char ch, std::string_view set) {
      return ch != '\0' && set.find(ch) != std::string_view::npos;
    };
    if (peek() == '.') ++pos_;
    if (digit(peek())) ++pos_;
    bool dot = false, exponent = false;
    while (digit(peek()) || in(peek(), "._") || (!hex && in(peek(), "eE"))) {
      if (peek() == '.') {
        if (dot) {
          ++pos_;
          return false;
        }
        ++pos_;
        dot = true;
        if (in(peek(), "_.")) {
          ++pos_;
          return false;
        }
        if (hex) return false;
        continue;
      }
      if (!hex && in(peek(), "eE")) {
        if (exponent) {
          ++pos_;
          return false;
        }
        ++pos_;
        exponent = true;
        if (in(peek(), "+-")) ++pos_;
        if (in(peek(), "._eE") || at_end()) {
          if (!at_end()) ++pos_;
          return false;
        }
        continue;
      }
      if (peek() == '_') {
        ++pos_;
        if (in(peek(), "._eE") || at_end()) {
          if (!at_end()) ++pos_;
          return false;
        }
        continue;
      }
      while (digit(peek())) ++pos_;
    }
    if (pos_ == initial) return false;
    return !is_alnum(peek());
  }

  bool remaining_duration() {
    auto accept = [&](std::string_view set) {
      if (!at_end() && set.find(peek()) != std::string_view::npos) {
        ++pos_;
        return true;
      }
      return false;
    };
    if (!accept("smhdwy")) return false;
    accept("s");
    while (accept("0123456789")) {
      while (accept("0123456789")) {
      }
      if (!accept("smhdw")) return false;
      accept("s");
    }
    return !is_alnum(peek());
  }

  void number_or_duration(std::size_t start) {
    if (scan_number()) return emit(Tok::number, start);
    // Like lex.go: retry from where the number scan stopped as a duration.
    std::size_t digits_end = start;
    while (digits_end < in_.size() && is_digit(in_[digits_end])) ++digits_end;
    if (pos_ == digits_end && pos_ > start) {
      std::size_t save = pos_;
      if (remaining_duration()) return emit(Tok::duration, start);
      pos_ = std::max(save, pos_);
    }
    std::size_t end = std::max(pos_, start + 1);
    while (end < in_.size() && is_alnum(in_[end])) ++end;
    error(start, end,
          fmt::format("bad number or duration syntax: \"{}\"", in_.substr(start, end - start)));
  }

  void string_token(std::size_t start, char quote) {
    while (true) {
      if (at_end() || peek() == '\n') return error(start, pos_, "unterminated quoted string");
      char c = in_[pos_++];
      if (c == quote) return emit(Tok::string, start);
      if (c == '\\') {
        std::size_t esc = pos_ - 1;
        if (!escape(quote, esc)) return;
      }
    }
  }

  // lexEscape of lex.go (adapted there from go/scanner).
  bool escape(char quote, std::size_t esc_start) {
    if (at_end()) {
      error(esc_start, pos_, "escape sequence not terminated");
      return false;
    }
    char ch = in_[pos_++];
    int n = 0;
    std::uint32_t base = 0, max = 0;
    switch (ch) {
      case 'a':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
      case 'v':
      case '\\':
        return true;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
        n = 3, base = 8, max = 255;
        --pos_;
        break;
      case 'x':
        n = 2, base = 16, max = 255;
        break;
      case 'u':
        n = 4, base = 16, max = 0x10FFFF;
        break;
      case 'U':
        n = 8, base = 16, max = 0x10FFFF;
        break;
      default:
        if (ch == quote) return true;
        error(esc_start, pos_, fmt::format("unknown escape sequence {}", rune_repr(in_, pos_ - 1)));
        return false;
    }
    std::uint32_t x = 0;
    for (; n > 0; --n) {
      if (at_end()) {
        error(esc_start, pos_, "escape sequence not terminated");
        return false;
      }
      auto d = static_cast<std::uint32_t>(digit_value(in_[pos_]));
      if (d >= base) {
        error(esc_start, pos_ + 1,
              fmt::format("illegal character {} in escape sequence", rune_repr(in_, pos_)));
        return false;
      }
      x = x * base + d;
      ++pos_;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
      error(esc_start, pos_, "escape sequence is an invalid Unicode code point");
      return false;
    }
    return true;
  }

  void raw_string(std::size_t start) {
    while (true) {
      if (at_end()) return error(start, pos_, "unterminated raw string");
      if (in_[pos_++] == '`') return emit(Tok::string, start);
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  int paren_depth_ = 0;
  bool brace_ = false;
  bool bracket_ = false;
  bool done_ = false;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> lex(std::string_view input) {
  return Lexer(input).run();
}

std::string unquote(std::string_view token) {
  if (token.size() < 2) return {};
  char quote = token.front();
  std::string_view body = token.substr(1, token.size() - 2);
  if (quote == '`') return std::string(body);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x':
      case 'u':
      case 'U': {
        int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t x = 0;
        for (int k = 0; k < n && i + 1 < body.size(); ++k) x = x * 16 + digit_value(body[++i]);
        if (e == 'x')
          out += static_cast<char>(x);
        else
          append_utf8(out, x);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t x = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i + 1 < body.size(); ++k) x = x * 8 + digit_value(body[++i]);
          out += static_cast<char>(x);
        } else {
          out += e;  // \\, \" and \'
        }
    }
  }
  return out;
}

}  // namespace infralint::promql::detail
