#include "model/nginx_regex.hpp"

#include <bitset>
#include <memory>

namespace infralint::nginx {

std::optional<RegexUse> regex_of(const Directive& d) {
  auto use = [](const Arg& a, std::size_t skip, std::size_t cut, bool ci) {
    RegexUse u;
    Span in = a.inner();
    u.pattern = a.value.substr(skip, a.value.size() - skip - cut);
    u.span = a.quoted() ? in : Span{in.begin + skip, in.end - cut};
    u.case_insensitive = ci;
    return u;
  };
  if (d.is("location") && d.args.size() == 2 && (d.args[0].value == "~" || d.args[0].value == "~*"))
    return use(d.args[1], 0, 0, d.args[0].value == "~*");
  if (d.is("rewrite") && !d.args.empty()) return use(d.args[0], 0, 0, false);
  if (d.is("server_name"))
    for (const Arg& a : d.args)
      if (a.value.size() > 1 && a.value[0] == '~' && !a.quoted()) return use(a, 1, 0, false);
  if (d.is("if"))
    for (std::size_t i = 0; i + 1 < d.args.size(); ++i) {
      const std::string& op = d.args[i].value;
      if (op != "~" && op != "~*" && op != "!~" && op != "!~*") continue;
      const Arg& re = d.args[i + 1];
      bool ci = op.back() == '*';
      bool last = i + 2 == d.args.size();
      if (!re.quoted() && last && re.value.ends_with(")")) return use(re, 0, 1, ci);
      return use(re, 0, 0, ci);
    }
  return std::nullopt;
}

namespace {

// Skips a character class starting at `i` (the `[`); returns the index after its `]`.
std::size_t skip_class(std::string_view p, std::size_t i) {
  std::size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\')
      ++j;
    else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
      auto end = p.find(":]", j + 2);
      if (end != std::string_view::npos) j = end + 1;
    }
    ++j;
  }
  return std::min(j + 1, p.size());
}

using Chars = std::bitset<256>;

Chars escape_class(char c) {
  Chars s;
  auto add = [&](auto pred) {
    for (int x = 0; x < 256; ++x)
      if (pred(x)) s.set(static_cast<std::size_t>(x));
  };
  auto digit = [](int x) { return x >= '0' && x <= '9'; };
  auto word = [&](int x) {
    return digit(x) || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || x == '_';
  };
  auto space = [](int x) { return x == ' ' || (x >= '\t' && x <= '\r'); };
  switch (c) {
    case 'd':
      add(digit);
      break;
    case 'D':
      add([&](int x) { return !digit(x); });
      break;
    case 'w':
      add(word);
      break;
    case 'W':
      add([&](int x) { return !word(x); });
      break;
    case 's':
      add(space);
      break;
    case 'S':
      add([&](int x) { return !space(x); });
      break;
    case 'n':
      s.set('\n');
      break;
    case 't':
      s.set('\t');
      break;
    case 'r':
      s.set('\r');
      break;
    default:
      s.set(static_cast<unsigned char>(c));
  }
  return s;
}

Chars class_chars(std::string_view body) {  // between [ and ]
  Chars s;
  bool negate = !body.empty() && body[0] == '^';
  std::size_t i = negate ? 1 : 0;
  int prev = -1;
  while (i < body.size()) {
    if (body[i] == '[' && i + 1 < body.size() && body[i + 1] == ':') {
      s.set();  // POSIX classes: be generous (no delimiter claims)
      auto end = body.find(":]", i);
      i = end == std::string_view::npos ? body.size() : end + 2;
      continue;
    }
    if (body[i] == '\\' && i + 1 < body.size()) {
      s |= escape_class(body[i + 1]);
      prev = static_cast<unsigned char>(body[i + 1]);
      i += 2;
      continue;
    }
    if (body[i] == '-' && prev >= 0 && i + 1 < body.size()) {
      int hi = static_cast<unsigned char>(body[i + 1]);
      for (int x = prev; x <= hi; ++x) s.set(static_cast<std::size_t>(x));
      prev = -1;
      i += 2;
      continue;
    }
    prev = static_cast<unsigned char>(body[i]);
    s.set(static_cast<std::size_t>(prev));
    ++i;
  }
  return negate ? ~s : s;
}

struct Node;
using Seq = std::vector<Node>;
struct Node {
  Chars chars;  // for single-character atoms
  bool group = false;
  bool atomic = false;
  bool zero_width = false;
  std::vector<Seq> alternatives;
  int min = 1;
  bool unbounded = false;
  std::size_t begin = 0, end = 0;  // text of the atom and its quantifier
};

struct Parser {
  std::string_view p;
  std::size_t i = 0;
  int depth = 0;

  std::vector<Seq> alternation() {
    std::vector<Seq> alts(1);
    while (i < p.size() && p[i] != ')') {
      if (p[i] == '|') {
        ++i;
        alts.emplace_back();
        continue;
      }
      alts.back().push_back(atom());
    }
    return alts;
  }

  Node atom() {
    Node n;
    n.begin = i;
    char c = p[i];
    if (c == '(') {
      n.group = true;
      ++i;
      if (p.substr(i).starts_with("?>")) n.atomic = true;
      if (p.substr(i).starts_with("?=") || p.substr(i).starts_with("?!") ||
          p.substr(i).starts_with("?<=") || p.substr(i).starts_with("?<!"))
        n.zero_width = true;
      if (i < p.size() && p[i] == '?') {  // skip the group's flags up to `:`/`>`/name end
        std::size_t j = i + 1;
        if (j < p.size() && (p[j] == 'P' || p[j] == '<' || p[j] == '\'')) {
          if (p[j] == 'P') ++j;
          if (j < p.size() && (p[j] == '=' || p[j] == '!')) {
            i = j + 1;
          } else {
            auto close = p.find_first_of(">'", j + 1);
            i = close == std::string_view::npos ? p.size() : close + 1;
          }
        } else {
          while (j < p.size() && p[j] != ':' && p[j] != ')' && p[j] != '>' && p[j] != '=' &&
                 p[j] != '!')
            ++j;
          i = std::min(j + 1, p.size());
          if (j < p.size() && p[j] == ')') {  // (?i): an option setting, zero width
            n.group = false;
            n.zero_width = true;
            n.end = i;
            return n;
          }
        }
      }
      if (++depth < 64)
        n.alternatives = alternation();
      else
        i = p.size();
      --depth;
      if (i < p.size()) ++i;  // ')'
    } else if (c == '[') {
      std::size_t end = skip_class(p, i);
      n.chars = class_chars(p.substr(i + 1, end > i + 2 ? end - i - 2 : 0));
      i = end;
    } else if (c == '\\' && i + 1 < p.size()) {
      char e = p[i + 1];
      if (e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z' || e == 'G')
        n.zero_width = true;
      else
        n.chars = escape_class(e);
      i += 2;
    } else if (c == '.') {
      n.chars.set();
      n.chars.reset('\n');
      ++i;
    } else if (c == '^' || c == '$') {
      n.zero_width = true;
      ++i;
    } else {
      n.chars.set(static_cast<unsigned char>(c));
      ++i;
    }
    quantifier(n);
    n.end = i;
    return n;
  }

  void quantifier(Node& n) {
    if (i >= p.size()) return;
    char q = p[i];
    if (q == '*' || q == '+' || q == '?') {
      n.min = q == '+' ? 1 : 0;
      n.unbounded = q != '?';
      ++i;
    } else if (q == '{') {
      auto close = p.find('}', i);
      if (close == std::string_view::npos) return;
      std::string_view body = p.substr(i + 1, close - i - 1);
      if (body.empty() || !(body[0] >= '0' && body[0] <= '9')) return;
      n.min = body[0] == '0' ? 0 : 1;
      n.unbounded = body.back() == ',';
      i = close + 1;
    } else {
      return;
    }
    if (i < p.size() && p[i] == '+') {  // possessive: never backtracks
      n.unbounded = false;
      ++i;
    } else if (i < p.size() && p[i] == '?') {
      ++i;  // lazy: still backtracks
    }
  }
};

// Adds to `out` the characters repeated by unbounded quantifiers inside `seqs` (`under`: an
// enclosing quantifier is unbounded); returns whether there is such a quantifier.
bool repeated_chars(const std::vector<Seq>& seqs, Chars& out, bool under) {
  bool any = false;
  for (const Seq& s : seqs)
    for (const Node& n : s) {
      if (n.zero_width || n.atomic) continue;
      if (n.unbounded) any = true;
      if (n.group) {
        if (repeated_chars(n.alternatives, out, under || n.unbounded)) any = true;
      } else if (under || n.unbounded) {
        out |= n.chars;
      }
    }
  return any;
}

std::optional<std::size_t> find_nested(const std::vector<Seq>& seqs) {
  for (const Seq& s : seqs)
    for (const Node& n : s) {
      if (!n.group || n.atomic || n.zero_width) continue;
      if (n.unbounded) {
        Chars inner;
        if (repeated_chars(n.alternatives, inner, false)) {
          // A mandatory character the inner repetitions cannot consume separates the rounds.
          bool delimited = true;
          for (const Seq& alt : n.alternatives) {
            bool has = false;
            for (const Node& m : alt)
              if (!m.group && !m.zero_width && m.min >= 1 && (m.chars & ~inner).any() &&
                  (m.chars & inner).none())
                has = true;
            if (!has) delimited = false;
          }
          if (!delimited) return n.begin;
        }
      }
      if (auto inner = find_nested(n.alternatives)) return inner;
    }
  return std::nullopt;
}

}  // namespace

int capture_groups(std::string_view p) {
  int groups = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      i = skip_class(p, i) - 1;
    } else if (p[i] == '(') {
      std::string_view rest = p.substr(i + 1);
      if (!rest.starts_with("?"))
        ++groups;
      else if ((rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")) ||
               rest.starts_with("?P<") || rest.starts_with("?'"))
        ++groups;
    }
  }
  return groups;
}

std::optional<std::string> nested_quantifier(std::string_view pattern) {
  if (pattern.size() > 4096) return std::nullopt;
  Parser parser{pattern};
  std::vector<Seq> top;
  while (parser.i < pattern.size()) {
    auto alts = parser.alternation();
    for (auto& a : alts) top.push_back(std::move(a));
    if (parser.i < pattern.size()) ++parser.i;  // stray ')'
  }
  auto at = find_nested(top);
  if (!at) return std::nullopt;
  // Report the group with its quantifier.
  Parser again{pattern, *at};
  Node n = again.atom();
  return std::string(pattern.substr(n.begin, n.end - n.begin));
}

}  // namespace infralint::nginx
