// Decoding of YAML scalars in each style, and their typing by the YAML 1.2 core schema.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/yaml/internal.hpp"

namespace infralint::yaml {
namespace {

bool is_white(char c) {
  return c == ' ' || c == '\t';
}
bool is_break(char c) {
  return c == '\n' || c == '\r';
}

// Length of the line break at `i` ("\r\n" counts as one), or 0.
std::size_t break_length(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '\r') return i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
  return s[i] == '\n' ? 1 : 0;
}

std::string_view trim_white(std::string_view s) {
  while (!s.empty() && (is_white(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_white(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits on line breaks; "\r\n", "\r" and "\n" all end a line.
std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = break_length(s, i)) {
      lines.push_back(s.substr(start, i - start));
      i += n;
      start = i;
    } else {
      ++i;
    }
  }
  lines.push_back(s.substr(start));
  return lines;
}

// Flow folding shared by plain and quoted scalars: each line trimmed, a single line break
// becomes a space, each empty line a newline.
std::string fold_flow_lines(const std::vector<std::string>& lines) {
  std::string out;
  std::size_t empties = 0;
  bool first = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    bool last = i + 1 == lines.size();
    if (line.empty() && !first && !last) {
      ++empties;
      continue;
    }
    if (!first) out += empties ? std::string(empties, '\n') : std::string(" ");
    out += line;
    empties = 0;
    first = false;
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Removes the delimiting quotes, tolerating a token tree-sitter cut short.
std::string_view strip_quotes(std::string_view token, char quote) {
  if (!token.empty() && token.front() == quote) token.remove_prefix(1);
  if (!token.empty() && token.back() == quote) token.remove_suffix(1);
  return token;
}

bool all_of_set(std::string_view s, std::string_view set) {
  return !s.empty() && s.find_first_not_of(set) == std::string_view::npos;
}

bool is_decimal_float(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  std::size_t i = 0, digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!all_of_set(s.substr(i), "0123456789")) return false;
    return true;
  }
  return i == s.size();
}

}  // namespace

namespace detail {

std::string decode_plain(std::string_view token) {
  std::vector<std::string> lines;
  for (std::string_view line : split_lines(token)) lines.emplace_back(trim_white(line));
  return fold_flow_lines(lines);
}

std::string decode_single_quoted(std::string_view token) {
  std::string body;
  std::string_view inner = strip_quotes(token, '\'');
  for (std::size_t i = 0; i < inner.size(); ++i) {
    body += inner[i];
    if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
  }
  std::vector<std::string> lines;
  std::vector<std::string_view> raw = split_lines(body);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string_view line = raw[i];
    // The first line keeps its leading spaces, the last its trailing ones.
    if (i > 0)
      while (!line.empty() && is_white(line.front())) line.remove_prefix(1);
    if (i + 1 < raw.size())
      while (!line.empty() && is_white(line.back())) line.remove_suffix(1);
    lines.emplace_back(line);
  }
  return raw.size() == 1 ? lines[0] : fold_flow_lines(lines);
}

}  // namespace detail

std::string decode_double_quoted(std::string_view token) {
  std::string_view in = strip_quotes(token, '"');
  std::string out;
  // Bytes of `out` that line folding must keep: everything up to the last escape or non-white.
  std::size_t kept = 0;
  auto skip_indentation = [&](std::size_t i) {
    while (i < in.size() && is_white(in[i])) ++i;
    return i;
  };
  for (std::size_t i = 0; i < in.size();) {
    char c = in[i];
    if (std::size_t n = break_length(in, i)) {
      // A raw line break folds: trailing white dropped, one break a space, empty lines newlines.
      out.resize(kept);
      i = skip_indentation(i + n);
      std::size_t empties = 0;
      while (std::size_t m = break_length(in, i)) {
        ++empties;
        i = skip_indentation(i + m);
      }
      out += empties ? std::string(empties, '\n') : std::string(" ");
      kept = out.size();
      continue;
    }
    if (c != '\\' || i + 1 >= in.size()) {
      out += c;
      ++i;
      if (!is_white(c)) kept = out.size();
      continue;
    }
    char e = in[i + 1];
    i += 2;
    if (std::size_t n = break_length(in, i - 1)) {
      // An escaped line break joins the lines without a space; empty lines still count.
      i = skip_indentation(i - 1 + n);
      while (std::size_t m = break_length(in, i)) {
        out += '\n';
        i = skip_indentation(i + m);
      }
      kept = out.size();
      continue;
    }
    int hex_digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (hex_digits) {
      std::uint32_t cp = 0;
      int read = 0;
      for (; read < hex_digits && i < in.size() && hex_value(in[i]) >= 0; ++read, ++i)
        cp = cp * 16 + static_cast<std::uint32_t>(hex_value(in[i]));
      if (read == hex_digits) {
        append_utf8(out, cp);
      } else {
        out += '\\';
        out += e;
        out += in.substr(i - read, read);
      }
      kept = out.size();
      continue;
    }
    switch (e) {
      case '0':
        out += '\0';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 't':
      case '\t':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'v':
        out += '\v';
        break;
      case 'f':
        out += '\f';
        break;
      case 'r':
        out += '\r';
        break;
      case 'e':
        out += '\x1b';
        break;
      case ' ':
        out += ' ';
        break;
      case '"':
        out += '"';
        break;
      case '/':
        out += '/';
        break;
      case '\\':
        out += '\\';
        break;
      case 'N':
        append_utf8(out, 0x85);
        break;
      case '_':
        append_utf8(out, 0xA0);
        break;
      case 'L':
        append_utf8(out, 0x2028);
        break;
      case 'P':
        append_utf8(out, 0x2029);
        break;
      default:  // not an escape YAML knows: kept as written
        out += '\\';
        out += e;
    }
    kept = out.size();
  }
  return out;
}

namespace detail {

BlockScalar decode_block(std::string_view text, std::size_t begin, long parent_indent) {
  BlockScalar result;
  std::size_t i = begin;
  result.style = i < text.size() && text[i] == '>' ? ScalarStyle::folded : ScalarStyle::literal;
  ++i;
  char chomp = 'c';  // clip, '-' strip, '+' keep
  long explicit_indent = 0;
  for (int k = 0; k < 2 && i < text.size(); ++k, ++i) {
    if (text[i] == '-' || text[i] == '+')
      chomp = text[i];
    else if (text[i] >= '1' && text[i] <= '9')
      explicit_indent = text[i] - '0';
    else
      break;
  }
  // The rest of the header line (white space, a comment) carries no content.
  while (i < text.size() && !is_break(text[i])) ++i;
  i += break_length(text, i);

  // As libyaml: at the top of a document an indentation indicator counts from column 0.
  long indent = explicit_indent ? std::max(0L, parent_indent) + explicit_indent : -1;
  struct Line {
    std::string_view content;
    bool empty;
    bool broken;  // ended by a line break rather than the end of the text
  };
  std::vector<Line> lines;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && !is_break(text[end])) ++end;
    std::string_view line = text.substr(i, end - i);
    std::size_t spaces = line.find_first_not_of(' ');
    bool blank = trim_white(line).empty();
    if (spaces == std::string_view::npos) spaces = line.size();
    if (!blank && indent < 0)
      indent =
          static_cast<long>(spaces) > parent_indent ? static_cast<long>(spaces) : parent_indent + 1;
    bool marker = spaces == 0 && (line.starts_with("---") || line.starts_with("...")) &&
                  (line.size() == 3 || is_white(line[3]));
    if (marker || (!blank && static_cast<long>(spaces) < indent)) break;
    std::string_view content;
    if (indent >= 0 && line.size() > static_cast<std::size_t>(indent))
      content = line.substr(static_cast<std::size_t>(indent));
    if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
    // A white-only line no longer than the indentation is an empty line.
    bool empty = blank && (indent < 0 || spaces <= static_cast<std::size_t>(indent));
    if (empty) content = {};
    std::size_t n = break_length(text, end);
    lines.push_back({content, empty, n > 0});
    i = end + n;
  }

  std::size_t last = lines.size();  // the last content line, or size() when there is none
  for (std::size_t k = lines.size(); k-- > 0;)
    if (!lines[k].empty) {
      last = k;
      break;
    }
  std::string& out = result.value;
  if (last == lines.size()) {
    if (chomp == '+')
      for (const Line& line : lines) out += line.broken ? "\n" : "";
    return result;
  }
  if (result.style == ScalarStyle::literal) {
    for (std::size_t k = 0; k <= last; ++k) {
      if (k) out += '\n';
      out += lines[k].content;
    }
  } else {
    std::size_t k = 0;
    for (; k < last && lines[k].empty; ++k) out += '\n';
    out += lines[k].content;
    std::size_t prev = k;
    for (++k; k <= last; ++k) {
      if (lines[k].empty) continue;
      std::size_t empties = k - prev - 1;
      bool more_indented = is_white(lines[prev].content.empty() ? 'x' : lines[prev].content[0]) ||
                           is_white(lines[k].content.empty() ? 'x' : lines[k].content[0]);
      if (more_indented)
        out += std::string(empties + 1, '\n');
      else
        out += empties ? std::string(empties, '\n') : std::string(" ");
      out += lines[k].content;
      prev = k;
    }
  }
  if (chomp != '-' && lines[last].broken) out += '\n';
  if (chomp == '+')
    for (std::size_t k = last + 1; k < lines.size(); ++k) out += lines[k].broken ? "\n" : "";
  return result;
}

}  // namespace detail

ScalarType core_schema_type(std::string_view v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return ScalarType::null;
  if (v == "true" || v == "True" || v == "TRUE" || v == "false" || v == "False" || v == "FALSE")
    return ScalarType::boolean;
  std::string_view digits = v;
  if (digits[0] == '-' || digits[0] == '+') digits.remove_prefix(1);
  if (all_of_set(digits, "0123456789")) return ScalarType::integer;
  if (v.starts_with("0o") && all_of_set(v.substr(2), "01234567")) return ScalarType::integer;
  if (v.starts_with("0x") && all_of_set(v.substr(2), "0123456789abcdefABCDEF"))
    return ScalarType::integer;
  if (digits == ".inf" || digits == ".Inf" || digits == ".INF") return ScalarType::floating;
  if (v == ".nan" || v == ".NaN" || v == ".NAN") return ScalarType::floating;
  if (is_decimal_float(v)) return ScalarType::floating;
  return ScalarType::string;
}

namespace detail {

std::optional<ScalarType> type_from_tag(std::string_view tag) {
  if (tag == "!") return ScalarType::string;
  std::string_view name;
  if (tag.starts_with("!!"))
    name = tag.substr(2);
  else if (tag.starts_with("!<tag:yaml.org,2002:") && tag.ends_with(">"))
    name = tag.substr(20, tag.size() - 21);
  else
    return std::nullopt;
  if (name == "str") return ScalarType::string;
  if (name == "int") return ScalarType::integer;
  if (name == "float") return ScalarType::floating;
  if (name == "bool") return ScalarType::boolean;
  if (name == "null") return ScalarType::null;
  return std::nullopt;
}

}  // namespace detail
}  // namespace infralint::yaml
