// A port of nginx's ngx_conf_read_token (src/core/ngx_conf_file.c) and of the block structure
// ngx_conf_parse builds from it, iterative so that no input can exhaust the stack.
#include <fmt/format.h>

#include "parse/nginx/ast.hpp"

namespace infralint::nginx {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      char n = raw[i + 1];
      switch (n) {
        case '"':
        case '\'':
        case '\\':
          out += n;
          ++i;
          continue;
        case 't':
          out += '\t';
          ++i;
          continue;
        case 'r':
          out += '\r';
          ++i;
          continue;
        case 'n':
          out += '\n';
          ++i;
          continue;
        default:
          break;
      }
    }
    out += c;
  }
  return out;
}

enum class Token { statement, block_start, block_end, eof, error };

class Lexer {
 public:
  Lexer(std::string_view text, std::vector<Span>& comments, std::vector<ParseError>& errors)
      : text_(text), comments_(comments), errors_(errors) {}

  // Reads the words of one statement into `words`; returns what ended it. `end` is the span of
  // the `;`, `{` or `}`.
  Token next(std::vector<Arg>& words, Span& end) {
    words.clear();
    bool last_space = true, need_space = false, sharp = false, quoted = false;
    bool d_quoted = false, s_quoted = false, variable = false;
    std::size_t start = pos_, comment_start = 0, quote_start = 0;
    char quote = 0;
    for (;;) {
      if (pos_ >= text_.size()) {
        if (sharp) comments_.push_back({comment_start, pos_});
        if (!words.empty() || !last_space) {
          if (d_quoted || s_quoted)
            error({quote_start, quote_start + 1},
                  "unexpected end of file, expecting \";\" or \"}\": this quote is never closed");
          else if (!last_space)
            error({start, pos_}, "unexpected end of file, expecting \";\" or \"}\"");
          else
            error({words.front().span.begin, pos_},
                  "unexpected end of file, expecting \";\" or \"}\"");
          return Token::error;
        }
        return Token::eof;
      }
      std::size_t at = pos_;
      char ch = text_[pos_++];
      if (ch == '\n' && sharp) {
        sharp = false;
        std::size_t e = at;
        if (e > comment_start && text_[e - 1] == '\r') --e;
        comments_.push_back({comment_start, e});
        continue;
      }
      if (sharp) continue;
      if (quoted) {
        quoted = false;
        continue;
      }
      if (need_space) {
        if (is_space(ch)) {
          last_space = true;
          need_space = false;
          continue;
        }
        if (ch == ';') {
          end = {at, at + 1};
          return Token::statement;
        }
        if (ch == '{') {
          end = {at, at + 1};
          return Token::block_start;
        }
        if (ch == ')') {
          last_space = true;
          need_space = false;
        } else {
          error({at, at + 1}, fmt::format("unexpected \"{}\" right after a quoted string: "
                                          "put a space, \";\" or \"{{\" after the quote",
                                          ch));
          return Token::error;
        }
      }
      if (last_space) {
        start = at;
        if (is_space(ch)) continue;
        switch (ch) {
          case ';':
          case '{':
            if (words.empty()) {
              error({at, at + 1}, fmt::format("unexpected \"{}\"", ch));
              return Token::error;
            }
            end = {at, at + 1};
            return ch == '{' ? Token::block_start : Token::statement;
          case '}':
            end = {at, at + 1};
            if (!words.empty()) {
              error({at, at + 1}, "unexpected \"}\": the directive before it lacks its \";\"");
              return Token::error;
            }
            return Token::block_end;
          case '#':
            sharp = true;
            comment_start = at;
            continue;
          case '\\':
            quoted = true;
            last_space = false;
            continue;
          case '"':
          case '\'':
            quote = ch;
            quote_start = at;
            (ch == '"' ? d_quoted : s_quoted) = true;
            last_space = false;
            continue;
          case '$':
            variable = true;
            last_space = false;
            continue;
          default:
            quote = 0;
            last_space = false;
            continue;
        }
      }
      if (ch == '{' && variable) continue;
      variable = false;
      if (ch == '\\') {
        quoted = true;
        continue;
      }
      if (ch == '$') {
        variable = true;
        continue;
      }
      bool found = false;
      std::size_t word_end = at;
      if (d_quoted) {
        if (ch == '"') {
          d_quoted = false;
          need_space = true;
          found = true;
        }
      } else if (s_quoted) {
        if (ch == '\'') {
          s_quoted = false;
          need_space = true;
          found = true;
        }
      } else if (is_space(ch) || ch == ';' || ch == '{') {
        last_space = true;
        found = true;
      }
      if (!found) continue;
      Arg arg;
      if (quote) {
        arg.span = {start, at + 1};
        arg.quote = quote;
        arg.value = unescape(text_.substr(start + 1, word_end - start - 1));
      } else {
        arg.span = {start, word_end};
        arg.value = unescape(text_.substr(start, word_end - start));
      }
      quote = 0;
      words.push_back(std::move(arg));
      if (ch == ';') {
        end = {at, at + 1};
        return Token::statement;
      }
      if (ch == '{') {
        end = {at, at + 1};
        return Token::block_start;
      }
    }
  }

  // After `name {` of a Lua block: skips the Lua code up to its matching `}` (Lua strings,
  // long brackets and comments respected). Returns false at end of file.
  bool skip_lua(Span& body, Span& close) {
    std::size_t begin = pos_;
    int depth = 1;
    auto long_bracket = [&](std::size_t at) -> long {  // level of `[==[` at `at`, or -1
      if (at >= text_.size() || text_[at] != '[') return -1;
      std::size_t i = at + 1;
      while (i < text_.size() && text_[i] == '=') ++i;
      if (i < text_.size() && text_[i] == '[') return static_cast<long>(i - at - 1);
      return -1;
    };
    auto skip_long = [&](long level) {  // pos_ just after the opening bracket
      std::string closing = "]" + std::string(static_cast<std::size_t>(level), '=') + "]";
      auto e = text_.find(closing, pos_);
      pos_ = e == std::string_view::npos ? text_.size() : e + closing.size();
    };
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '-') {
        long level = long_bracket(pos_ + 2);
        if (level >= 0) {
          pos_ += 4 + static_cast<std::size_t>(level);
          skip_long(level);
        } else {
          auto e = text_.find('\n', pos_);
          pos_ = e == std::string_view::npos ? text_.size() : e;
        }
        continue;
      }
      if (c == '[') {
        long level = long_bracket(pos_);
        if (level >= 0) {
          pos_ += 2 + static_cast<std::size_t>(level);
          skip_long(level);
          continue;
        }
      }
      if (c == '"' || c == '\'') {
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != c && text_[pos_] != '\n') {
          if (text_[pos_] == '\\') ++pos_;
          ++pos_;
        }
        ++pos_;
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) {
        body = {begin, pos_};
        close = {pos_, pos_ + 1};
        ++pos_;
        return true;
      }
      ++pos_;
    }
    pos_ = std::min(pos_, text_.size());
    return false;
  }

  std::size_t pos() const { return pos_; }

 private:
  void error(Span span, std::string message) { errors_.push_back({span, std::move(message)}); }

  std::string_view text_;
  std::vector<Span>& comments_;
  std::vector<ParseError>& errors_;
  std::size_t pos_ = 0;
};

}  // namespace

bool is_lua_block(std::string_view name) {
  return name.size() > 13 && name.ends_with("_by_lua_block");
}

std::vector<Directive> parse_directives(std::string_view text, std::vector<Span>& comments,
                                        std::vector<ParseError>& errors) {
  std::vector<Directive> top;
  std::vector<std::vector<Directive>*> stack{&top};
  std::vector<Directive*> open;  // the blocks on the stack, for their closing `}`
  Lexer lexer(text, comments, errors);
  std::vector<Arg> words;
  Span end;
  for (;;) {
    Token t = lexer.next(words, end);
    if (t == Token::eof) {
      if (!open.empty()) {
        Directive& d = *open.back();
        errors.push_back({{text.size(), text.size()},
                          fmt::format("unexpected end of file, expecting \"}}\" to close the "
                                      "\"{}\" block opened at this \"{{\"",
                                      d.name)});
        errors.back().span = d.terminator;
      }
      return top;
    }
    if (t == Token::error) return top;  // nginx stops at the first syntax error
    if (t == Token::block_end) {
      if (open.empty()) {
        errors.push_back({end, "unexpected \"}\": no block is open here"});
        return top;
      }
      open.back()->close = end;
      open.pop_back();
      stack.pop_back();
      continue;
    }
    Directive d;
    d.name = text.substr(words.front().span.begin, words.front().span.size());
    d.name_span = words.front().span;
    // A quoted directive name is read unquoted by nginx: keep the value's bytes.
    if (words.front().quoted())
      d.name = text.substr(words.front().inner().begin, words.front().inner().size());
    d.args.assign(std::make_move_iterator(words.begin() + 1), std::make_move_iterator(words.end()));
    d.terminator = end;
    d.block = t == Token::block_start;
    stack.back()->push_back(std::move(d));
    Directive& added = stack.back()->back();
    if (!added.block) continue;
    if (is_lua_block(added.name)) {
      if (!lexer.skip_lua(added.raw_body, added.close)) {
        errors.push_back(
            {added.terminator, fmt::format("unexpected end of file: the Lua code of \"{}\" never "
                                           "closes its \"{{\"",
                                           added.name)});
        return top;
      }
      continue;
    }
    if (open.size() >= kMaxDepth) {
      errors.push_back(
          {added.terminator, fmt::format("blocks nested more than {} levels deep", kMaxDepth)});
      return top;
    }
    open.push_back(&added);
    stack.push_back(&added.children);
  }
}

}  // namespace infralint::nginx
