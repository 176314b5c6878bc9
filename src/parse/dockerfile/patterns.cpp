// Shell patterns of ${v#p}, ${v%p} and ${v/p/r}, as BuildKit's convertShellPatternToRegex reads
// them: `*` any string, `?` one character, `\` escapes `*`, `?` and `\` (and is dropped before
// `}` and `/`); no bracket expressions. Matched directly rather than through a regex engine.
#include <vector>

#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile::detail {
namespace {

// Values longer than this are not pattern-matched (the matcher is quadratic at worst).
constexpr std::size_t kMaxValue = 16 * 1024;

struct Token {
  enum Kind { literal, any_char, star } kind;
  char c = 0;
};

std::optional<std::vector<Token>> compile(std::string_view p) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '*') {
      out.push_back({Token::star});
    } else if (c == '?') {
      out.push_back({Token::any_char});
    } else if (c == '\\') {
      if (i + 1 < p.size() && (p[i + 1] == '}' || p[i + 1] == '/')) continue;
      if (i + 1 >= p.size()) return std::nullopt;
      char n = p[++i];
      if (n != '*' && n != '?' && n != '\\') return std::nullopt;
      out.push_back({Token::literal, n});
    } else {
      out.push_back({Token::literal, c});
    }
  }
  return out;
}

std::size_t char_len(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return i + n <= s.size() ? n : 1;
}

// Whether tokens match all of s (classic wildcard matching with one backtrack point).
bool full_match(const std::vector<Token>& t, std::string_view s) {
  std::size_t ti = 0, si = 0;
  std::size_t star_t = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (ti < t.size() && t[ti].kind == Token::literal && t[ti].c == s[si]) {
      ++ti;
      ++si;
    } else if (ti < t.size() && t[ti].kind == Token::any_char) {
      ++ti;
      si += char_len(s, si);
    } else if (ti < t.size() && t[ti].kind == Token::star) {
      star_t = ti++;
      star_s = si;
    } else if (star_t != std::string_view::npos) {
      ti = star_t + 1;
      star_s += char_len(s, star_s);
      si = star_s;
    } else {
      return false;
    }
  }
  while (ti < t.size() && t[ti].kind == Token::star) ++ti;
  return ti == t.size();
}

bool boundary(std::string_view s, std::size_t i) {
  return i == 0 || i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// The end of a match of t starting at `from`, shortest or longest.
std::optional<std::size_t> match_at(const std::vector<Token>& t, std::string_view s,
                                    std::size_t from, bool greedy) {
  if (greedy) {
    for (std::size_t end = s.size() + 1; end-- > from;)
      if (boundary(s, end) && full_match(t, s.substr(from, end - from))) return end;
  } else {
    for (std::size_t end = from; end <= s.size(); ++end)
      if (boundary(s, end) && full_match(t, s.substr(from, end - from))) return end;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> trim_pattern(std::string_view value, std::string_view pattern,
                                        bool suffix, bool greedy) {
  auto tokens = compile(pattern);
  if (!tokens || value.size() > kMaxValue) return std::nullopt;
  if (!suffix) {
    auto end = match_at(*tokens, value, 0, greedy);
    return std::string(end ? value.substr(*end) : value);
  }
  // Suffix: the shortest (or longest) tail that matches.
  if (greedy) {
    for (std::size_t b = 0; b <= value.size(); ++b)
      if (boundary(value, b) && full_match(*tokens, value.substr(b)))
        return std::string(value.substr(0, b));
  } else {
    for (std::size_t b = value.size() + 1; b-- > 0;)
      if (boundary(value, b) && full_match(*tokens, value.substr(b)))
        return std::string(value.substr(0, b));
  }
  return std::string(value);
}

std::optional<std::string> replace_pattern(std::string_view value, std::string_view pattern,
                                           std::string_view replacement, bool all) {
  auto tokens = compile(pattern);
  if (!tokens || value.size() > kMaxValue) return std::nullopt;
  std::string out;
  std::size_t search = 0, last_end = 0;
  bool matched_before = false;
  while (search <= value.size()) {
    std::optional<std::size_t> a, b;
    for (std::size_t start = search; start <= value.size(); ++start) {
      if (!boundary(value, start)) continue;
      if (auto e = match_at(*tokens, value, start, true)) {
        a = start;
        b = *e;
        break;
      }
    }
    if (!a) break;
    out.append(value.substr(last_end, *a - last_end));
    // Go's ReplaceAll: no replacement for an empty match right after another match.
    if (*b > last_end || *a == 0 || !matched_before) out.append(replacement);
    last_end = *b;
    matched_before = true;
    if (!all) break;
    std::size_t width = search < value.size() ? char_len(value, search) : 1;
    search = search + width > *b ? search + width : *b;
  }
  out.append(value.substr(last_end));
  return out;
}

}  // namespace infralint::dockerfile::detail
