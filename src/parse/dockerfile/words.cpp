// Splitting an instruction's text the way BuildKit's parser does: logical lines, words
// (parseWords), builder flags (extractBuilderFlags), JSON arrays and heredoc markers.
#include <algorithm>
#include <cstdint>

#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile::detail {

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void LogicalLine::append(std::string_view file, std::size_t begin, std::size_t end) {
  if (end <= begin) return;
  if (!pieces.empty() && pieces.back().file + pieces.back().size == begin) {
    pieces.back().size += end - begin;
  } else {
    pieces.push_back({text.size(), begin, end - begin});
  }
  text.append(file.substr(begin, end - begin));
}

std::size_t LogicalLine::to_file(std::size_t local) const {
  if (pieces.empty()) return 0;
  auto it = std::upper_bound(pieces.begin(), pieces.end(), local,
                             [](std::size_t o, const Piece& p) { return o < p.local; });
  if (it == pieces.begin()) return pieces.front().file;
  const Piece& p = *(it - 1);
  return p.file + std::min(local - p.local, p.size);
}

Span LogicalLine::to_file(std::size_t begin, std::size_t end) const {
  std::size_t b = to_file(begin);
  if (end <= begin) return {b, b};
  return {b, std::max(b, to_file(end - 1) + 1)};
}

MappedText LogicalLine::mapped(std::string_view file, std::size_t begin, std::size_t end) const {
  MappedText out;
  for (const Piece& p : pieces) {
    std::size_t b = std::max(begin, p.local), e = std::min(end, p.local + p.size);
    if (b < e) out.append_source(file, {p.file + (b - p.local), p.file + (e - p.local)});
  }
  return out;
}

std::vector<RawWord> split_words(std::string_view s, char escape, std::size_t max_words) {
  // A word's text is its bytes as written, except an escape token at the very end of `s`,
  // which BuildKit drops; so only the boundaries are scanned, and each word copied once.
  enum { in_spaces, in_word, in_quote } phase = in_spaces;
  std::vector<RawWord> words;
  std::size_t start = 0;
  char quote = 0;
  bool dropped_last = false;  // an escape token at the end of `s` was dropped
  auto flush = [&](std::size_t end) {
    std::size_t size = end - start - (dropped_last ? 1 : 0);
    if (size > 0) words.push_back({start, end, std::string(s.substr(start, size))});
  };
  if (max_words == 0) return words;
  for (std::size_t pos = 0; pos <= s.size(); ++pos) {
    if (phase == in_spaces) {
      if (pos == s.size()) break;
      if (is_space(s[pos])) continue;
      phase = in_word;
      start = pos;
    }
    if (pos == s.size()) {
      flush(pos);
      break;
    }
    char ch = s[pos];
    if (phase == in_word) {
      if (is_space(ch)) {
        phase = in_spaces;
        flush(pos);
        if (words.size() == max_words) break;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        phase = in_quote;
      }
      if (ch == escape) {
        if (pos + 1 == s.size()) {
          dropped_last = true;
          continue;
        }
        ++pos;  // the escaped byte belongs to the word, whatever it is
      }
      continue;
    }
    // in_quote
    if (ch == quote) phase = in_word;
    if (ch == escape && quote != '\'') {
      if (pos + 1 == s.size()) {
        dropped_last = true;
        phase = in_word;
        continue;
      }
      ++pos;
    }
  }
  return words;
}

std::vector<RawWord> split_whitespace(std::string_view s) {
  std::vector<RawWord> words;
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    std::size_t start = pos;
    while (pos < s.size() && !is_space(s[pos])) ++pos;
    if (pos > start) words.push_back({start, pos, std::string(s.substr(start, pos - start))});
  }
  return words;
}

std::size_t extract_flags(std::string_view s, char escape, std::vector<RawWord>& flags) {
  enum { in_spaces, in_word, in_quote } phase = in_spaces;
  std::string buf;
  std::size_t start = 0;
  char quote = 0;
  bool blank_ok = false;
  for (std::size_t pos = 0; pos <= s.size(); ++pos) {
    if (phase == in_spaces) {
      if (pos == s.size()) break;
      if (is_space(s[pos])) continue;
      if (s[pos] != '-' || pos + 1 == s.size() || s[pos + 1] != '-') return pos;
      phase = in_word;
      start = pos;
    }
    if (pos == s.size()) {
      if (buf != "--" && (blank_ok || !buf.empty())) flags.push_back({start, pos, buf});
      break;
    }
    char ch = s[pos];
    if (phase == in_word) {
      if (is_space(ch)) {
        phase = in_spaces;
        if (buf == "--") return pos;
        if (blank_ok || !buf.empty()) flags.push_back({start, pos, buf});
        buf.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = in_quote;
        continue;
      }
      if (ch == escape) {
        if (pos + 1 == s.size()) continue;
        ch = s[++pos];
      }
      buf.push_back(ch);
      continue;
    }
    if (ch == quote) {
      phase = in_word;
      continue;
    }
    if (ch == escape) {
      if (pos + 1 == s.size()) {
        phase = in_word;
        continue;
      }
      ch = s[++pos];
    }
    buf.push_back(ch);
  }
  return s.size();
}

namespace {

void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A strict JSON reader (RFC 8259, as Go's encoding/json validates) for arrays whose
// top-level elements we want as strings; nested values are only validated.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  JsonStatus array(std::vector<JsonString>& out) {
    bool all_strings = true;
    skip_ws();
    if (!eat('[')) return JsonStatus::invalid;
    skip_ws();
    if (!eat(']')) {
      for (;;) {
        skip_ws();
        if (peek() == '"') {
          JsonString js;
          js.begin = pos_;
          if (!string(&js.value)) return JsonStatus::invalid;
          js.end = pos_;
          out.push_back(std::move(js));
        } else {
          all_strings = false;
          if (!value()) return JsonStatus::invalid;
        }
        skip_ws();
        if (eat(',')) continue;
        if (eat(']')) break;
        return JsonStatus::invalid;
      }
    }
    skip_ws();
    if (pos_ != s_.size()) return JsonStatus::invalid;
    return all_strings ? JsonStatus::ok : JsonStatus::not_strings;
  }

 private:
  int peek() const { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_]) : -1; }
  bool eat(char c) {
    if (peek() != static_cast<unsigned char>(c)) return false;
    ++pos_;
    return true;
  }
  void skip_ws() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool digits() {
    std::size_t b = pos_;
    while (peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > b;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
    } else if (!digits()) {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  int hex4() {
    if (pos_ + 4 > s_.size()) return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_ + i];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    pos_ += 4;
    return v;
  }
  bool string(std::string* out) {
    if (!eat('"')) return false;
    for (;;) {
      int c = peek();
      if (c < 0 || c < 0x20) return false;
      ++pos_;
      if (c == '"') return true;
      if (c != '\\') {
        if (out) out->push_back(static_cast<char>(c));
        continue;
      }
      int e = peek();
      ++pos_;
      char simple = e == '"'    ? '"'
                    : e == '\\' ? '\\'
                    : e == '/'  ? '/'
                    : e == 'b'  ? '\b'
                    : e == 'f'  ? '\f'
                    : e == 'n'  ? '\n'
                    : e == 'r'  ? '\r'
                    : e == 't'  ? '\t'
                                : 0;
      if (simple) {
        if (out) out->push_back(simple);
        continue;
      }
      if (e != 'u') return false;
      int cp = hex4();
      if (cp < 0) return false;
      std::uint32_t code = static_cast<std::uint32_t>(cp);
      if (code >= 0xD800 && code < 0xDC00) {
        // A high surrogate pairs with a following \uDC00-\uDFFF; alone it becomes U+FFFD.
        std::size_t save = pos_;
        int low = -1;
        if (eat('\\') && eat('u')) low = hex4();
        if (low >= 0xDC00 && low < 0xE000) {
          code = 0x10000 + ((code - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
        } else {
          pos_ = save;
          code = 0xFFFD;
        }
      } else if (code >= 0xDC00 && code < 0xE000) {
        code = 0xFFFD;
      }
      if (out) put_utf8(*out, code);
    }
  }
  // Any JSON value, iteratively, so that deep nesting cannot exhaust the stack.
  bool value() {
    std::vector<char> stack;  // ']' or '}' expected
    for (;;) {
      skip_ws();
      int c = peek();
      if (c == '[' || c == '{') {
        ++pos_;
        skip_ws();
        char close = c == '[' ? ']' : '}';
        if (eat(close)) {
          // empty container: fall through to the "after value" part
        } else {
          stack.push_back(close);
          if (close == '}') {
            if (!string(nullptr)) return false;
            skip_ws();
            if (!eat(':')) return false;
          }
          continue;
        }
      } else if (c == '"') {
        if (!string(nullptr)) return false;
      } else if (c == 't') {
        if (!literal("true")) return false;
      } else if (c == 'f') {
        if (!literal("false")) return false;
      } else if (c == 'n') {
        if (!literal("null")) return false;
      } else if (!number()) {
        return false;
      }
      // After a value: close containers or move to the next element.
      for (;;) {
        if (stack.empty()) return true;
        skip_ws();
        if (eat(stack.back())) {
          stack.pop_back();
          continue;
        }
        if (!eat(',')) return false;
        if (stack.back() == '}') {
          skip_ws();
          if (!string(nullptr)) return false;
          skip_ws();
          if (!eat(':')) return false;
        }
        break;
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

JsonStatus parse_json_array(std::string_view s, std::vector<JsonString>& out) {
  std::size_t lead = 0;
  while (lead < s.size() && is_space(s[lead])) ++lead;
  if (lead == s.size() || s[lead] != '[') return JsonStatus::invalid;
  std::vector<JsonString> strings;
  JsonStatus st = JsonReader(s.substr(lead)).array(strings);
  for (JsonString& js : strings) {
    js.begin += lead;
    js.end += lead;
  }
  if (st == JsonStatus::ok) out = std::move(strings);
  return st;
}

namespace {

// The heredoc regex `^(\d*)<<(-?)\s*([^<]*)$` applied to one word of the line.
std::optional<HeredocMarker> marker_from_word(std::string_view w) {
  std::size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  std::string_view digits = w.substr(0, i);
  if (w.substr(i, 2) != "<<") return std::nullopt;
  i += 2;
  HeredocMarker m;
  if (i < w.size() && w[i] == '-') {
    m.strip_tabs = true;
    ++i;
  }
  while (i < w.size() && is_space(w[i])) ++i;
  std::string_view rest = w.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;
  if (!digits.empty()) {
    m.fd = 0;
    for (char c : digits.substr(0, 9)) m.fd = m.fd * 10 + (c - '0');
  }
  static const VarLookup none;
  LexOptions plain;
  plain.skip_unset = true;
  LexResult cooked = lex(rest, plain, none);
  if (!cooked.ok || cooked.words.size() != 1) return std::nullopt;
  LexOptions raw = plain;
  raw.raw_quotes = true;
  LexResult uncooked = lex(rest, raw, none);
  if (!uncooked.ok || uncooked.words.size() != 1) return std::nullopt;
  auto quotes = [](const std::string& s) {
    return std::count(s.begin(), s.end(), '\'') + std::count(s.begin(), s.end(), '"');
  };
  m.name = cooked.words[0].text;
  m.expand = quotes(m.name) == quotes(uncooked.words[0].text);
  return m;
}

}  // namespace

std::vector<HeredocMarker> heredoc_markers(std::string_view logical_line) {
  std::vector<HeredocMarker> out;
  if (logical_line.find("<<") == std::string_view::npos) return out;
  LexOptions o;
  o.raw_quotes = true;
  o.raw_escapes = true;
  o.skip_unset = true;
  static const VarLookup none;
  LexResult r = lex(logical_line, o, none);
  if (!r.ok) return out;
  for (const LexWord& w : r.words) {
    if (w.text.find("<<") == std::string::npos) continue;
    if (auto m = marker_from_word(w.text)) {
      m->begin = w.begin;
      m->end = w.end;
      out.push_back(std::move(*m));
    }
  }
  return out;
}

}  // namespace infralint::dockerfile::detail
