// A port of BuildKit's frontend/dockerfile/shell/lex.go: quotes, escapes and `$` expansion
// as the builder applies them to ENV, LABEL, COPY ... and as the parser uses to find heredocs.
#include <cstdint>

#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile::detail {
namespace {

constexpr int kEof = -1;
constexpr int kMaxDepth = 64;  // nested ${a:-${b:-...}}; garbage input must not blow the stack

// wordsStruct of lex.go, with the source range of each word.
class WordCollector {
 public:
  explicit WordCollector(std::vector<LexWord>* out) : out_(out) {}
  void add_char(char c, std::size_t b, std::size_t e) {
    if (is_space(c)) {
      if (in_word_ && !buf_.empty()) flush();
    } else {
      add_raw_char(c, b, e);
    }
  }
  void add_raw_char(char c, std::size_t b, std::size_t e) {
    start(b);
    buf_.push_back(c);
    end_ = e;
    in_word_ = true;
  }
  void add_string(std::string_view s, std::size_t b, std::size_t e) {
    for (char c : s) add_char(c, b, e);
  }
  void add_raw_string(std::string_view s, std::size_t b, std::size_t e) {
    start(b);
    buf_.append(s);
    end_ = e;
    in_word_ = true;
  }
  void finish() {
    if (!buf_.empty()) flush();
  }

 private:
  void start(std::size_t b) {
    if (buf_.empty()) begin_ = b;
  }
  void flush() {
    if (out_) out_->push_back({buf_, begin_, end_});
    buf_.clear();
    in_word_ = false;
  }
  std::vector<LexWord>* out_;
  std::string buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool in_word_ = false;
};

class Lexer {
 public:
  Lexer(std::string_view s, const LexOptions& o, const VarLookup& lookup)
      : s_(s), opt_(o), lookup_(lookup), raw_escapes_(o.raw_escapes) {}

  LexResult run() {
    LexResult r;
    auto out = process_stop_on(kEof, opt_.raw_escapes, &r.words);
    if (!out) {
      r.words.clear();
      return r;
    }
    r.ok = true;
    r.result = std::move(*out);
    r.used_unknown = used_unknown_;
    return r;
  }

 private:
  int peek() const { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_]) : kEof; }
  int next() { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_++]) : kEof; }
  void put(std::string& out, int c) {
    if (c != kEof) out.push_back(static_cast<char>(c));
  }

  std::optional<std::string> process_stop_on(int stop, bool raw_escapes,
                                             std::vector<LexWord>* words_out) {
    if (++depth_ > kMaxDepth) return std::nullopt;
    bool saved = raw_escapes_;
    raw_escapes_ = raw_escapes;
    auto result = stop_on(stop, words_out);
    raw_escapes_ = saved;
    --depth_;
    return result;
  }

  std::optional<std::string> stop_on(int stop, std::vector<LexWord>* words_out) {
    std::string result;
    WordCollector words(words_out);
    while (peek() != kEof) {
      int ch = peek();
      std::size_t tok = pos_;
      if (stop != kEof && ch == stop) {
        next();
        words.finish();
        return result;
      }
      bool quotes = ch == '\'' || ch == '"';
      if (ch == '$' || ch == '<' || quotes) {
        std::optional<std::string> tmp;
        if (ch == '$')
          tmp = process_dollar();
        else if (ch == '<')
          tmp = process_possible_heredoc();
        else if (ch == '\'')
          tmp = process_single_quote();
        else
          tmp = process_double_quote();
        if (!tmp) return std::nullopt;
        result += *tmp;
        if (ch == '$')
          words.add_string(*tmp, tok, pos_);
        else
          words.add_raw_string(*tmp, tok, pos_);
        continue;
      }
      ch = next();
      if (ch == static_cast<unsigned char>(opt_.escape)) {
        if (raw_escapes_) {
          words.add_raw_char(static_cast<char>(ch), tok, pos_);
          put(result, ch);
        }
        ch = next();
        if (ch == kEof) break;
        words.add_raw_char(static_cast<char>(ch), tok, pos_);
      } else {
        words.add_char(static_cast<char>(ch), tok, pos_);
      }
      put(result, ch);
    }
    if (stop != kEof) return std::nullopt;  // unexpected end of statement
    words.finish();
    return result;
  }

  std::optional<std::string> process_single_quote() {
    std::string result;
    int ch = next();
    if (opt_.raw_quotes) put(result, ch);
    for (;;) {
      ch = next();
      if (ch == kEof) return std::nullopt;
      if (ch == '\'') {
        if (opt_.raw_quotes) put(result, ch);
        return result;
      }
      put(result, ch);
    }
  }

  std::optional<std::string> process_double_quote() {
    std::string result;
    int ch = next();
    if (opt_.raw_quotes) put(result, ch);
    for (;;) {
      int p = peek();
      if (p == kEof) return std::nullopt;
      if (p == '"') {
        ch = next();
        if (opt_.raw_quotes) put(result, ch);
        return result;
      }
      if (p == '$') {
        auto v = process_dollar();
        if (!v) return std::nullopt;
        result += *v;
        continue;
      }
      ch = next();
      if (ch == static_cast<unsigned char>(opt_.escape)) {
        if (raw_escapes_) put(result, ch);
        int q = peek();
        if (q == kEof) continue;
        if (q == '"' || q == '$' || q == static_cast<unsigned char>(opt_.escape)) ch = next();
      }
      put(result, ch);
    }
  }

  VarState get_env(std::string_view name, std::string& value) {
    value.clear();
    if (!lookup_) return VarState::unset;
    VarState st = lookup_(name, value);
    if (st == VarState::unknown) {
      used_unknown_ = true;
      value.clear();
    }
    return st;
  }

  static bool is_special_param(int c) {
    return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' ||
           c == '0';
  }

  // Length of the UTF-8 letter at pos_, 0 when it is not a letter (approximating Go's
  // unicode.IsLetter: non-ASCII code points outside the punctuation and symbol blocks).
  std::size_t name_char_len() const {
    int c = peek();
    if (c == kEof) return 0;
    if (c < 0x80) {
      bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      return ok ? 1 : 0;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || pos_ + len > s_.size()) return 0;
    std::uint32_t cp = static_cast<std::uint32_t>(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (std::size_t i = 1; i < len; ++i) {
      auto b = static_cast<unsigned char>(s_[pos_ + i]);
      if ((b & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (b & 0x3F);
    }
    bool symbol = cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
                  (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF20);
    bool latin1_letter = cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    return symbol && !latin1_letter ? 0 : len;
  }

  std::string process_name() {
    std::string name;
    while (peek() != kEof) {
      int ch = peek();
      if (name.empty() && ch >= '0' && ch <= '9') {
        while (peek() >= '0' && peek() <= '9') put(name, next());
        return name;
      }
      if (name.empty() && is_special_param(ch)) {
        next();
        return std::string(1, static_cast<char>(ch));
      }
      std::size_t len = name_char_len();
      if (len == 0) break;
      name.append(s_.substr(pos_, len));
      pos_ += len;
    }
    return name;
  }

  std::optional<std::string> process_dollar() {
    next();
    if (peek() != '{') {
      std::string name = process_name();
      if (name.empty()) return std::string("$");
      std::string value;
      VarState st = get_env(name, value);
      if (st == VarState::unset && opt_.skip_unset) return "$" + name;
      return value;
    }
    next();
    int p = peek();
    if (p == kEof || p == '{' || p == '}' || p == ':') return std::nullopt;
    std::string name = process_name();
    int ch = next();
    std::string chs;
    put(chs, ch);
    bool null_is_unset = false;
    std::string value;
    switch (ch) {
      case '}': {
        VarState st = get_env(name, value);
        if (st == VarState::unset && opt_.skip_unset) return "${" + name + "}";
        return value;
      }
      case ':':
        null_is_unset = true;
        ch = next();
        put(chs, ch);
        [[fallthrough]];
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        bool raw = ch == '#' || ch == '%';
        if (null_is_unset && raw) return std::nullopt;
        auto word = process_stop_on('}', raw, nullptr);
        if (!word) return std::nullopt;
        VarState st = get_env(name, value);
        bool set = st != VarState::unset;
        if (opt_.skip_unset && !set) return "${" + name + chs + *word + "}";
        bool empty = !set || (null_is_unset && value.empty());
        switch (ch) {
          case '-':
            return empty ? *word : value;
          case '+':
            return empty ? std::string() : *word;
          case '?':
            if (empty) return std::nullopt;
            return value;
          case '%':
          case '#': {
            bool greedy = !word->empty() && (*word)[0] == static_cast<char>(ch);
            std::string_view pattern = *word;
            if (greedy) pattern.remove_prefix(1);
            return trim_pattern(value, pattern, ch == '%', greedy);
          }
          default:
            return std::nullopt;  // unsupported modifier, e.g. ${v:=w}
        }
      }
      case '/': {
        bool all = peek() == '/';
        if (all) next();
        auto pattern = process_stop_on('/', true, nullptr);
        if (!pattern) return std::nullopt;
        auto replacement = process_stop_on('}', true, nullptr);
        if (!replacement) return std::nullopt;
        VarState st = get_env(name, value);
        if (opt_.skip_unset && st == VarState::unset)
          return "${" + name + "/" + *pattern + "/" + *replacement + "}";
        return replace_pattern(value, *pattern, *replacement, all);
      }
      default:
        return std::nullopt;
    }
  }

  std::optional<std::string> process_possible_heredoc() {
    next();
    if (peek() != '<') return std::string("<");
    next();
    std::string result = "<<";
    while (peek() == '\t' || peek() == '\r' || peek() == ' ') put(result, next());
    return result;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  const LexOptions& opt_;
  const VarLookup& lookup_;
  bool raw_escapes_;
  bool used_unknown_ = false;
  int depth_ = 0;
};

}  // namespace

LexResult lex(std::string_view word, const LexOptions& options, const VarLookup& lookup) {
  return Lexer(word, options, lookup).run();
}

bool lexes_as_itself(std::string_view word, char escape) {
  const char specials[] = {'$', '\'', '"', escape};
  return word.find_first_of(std::string_view(specials, sizeof specials)) == std::string_view::npos;
}

std::optional<std::string> unquote(std::string_view word, char escape) {
  if (lexes_as_itself(word, escape)) return std::string(word);  // most words: no lexer run
  LexOptions o;
  o.escape = escape;
  o.skip_unset = true;
  static const VarLookup none;
  LexResult r = lex(word, o, none);
  if (!r.ok) return std::nullopt;
  return std::move(r.result);
}

}  // namespace infralint::dockerfile::detail
