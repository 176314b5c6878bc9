// Rendering new values for the YAML writer: scalars through yaml-cpp's emitter (so quoting is
// right), collections as block lines in the file's layout or in flow style.
#include <algorithm>
#include <cctype>
#include <span>
#include <unordered_map>

#include "fix/yaml_writer_internal.hpp"

namespace infralint::yaml_edit::detail {

using yaml::ScalarStyle;
using yaml::ScalarType;

namespace {

// What yaml-cpp emits for a string, in block context or inside a flow sequence.
std::string emit(std::string_view value, bool flow, YAML::EMITTER_MANIP style) {
  YAML::Emitter out;
  std::string v(value);
  if (flow) {
    out << YAML::Flow << YAML::BeginSeq;
    if (style != YAML::Auto) out << style;
    out << v << YAML::EndSeq;
    std::string s = out.c_str();
    return s.size() >= 2 ? s.substr(1, s.size() - 2) : s;
  }
  if (style != YAML::Auto) out << style;
  out << v;
  return out.c_str();
}

// Plain text every YAML reader takes as itself: a letter or digit first, then letters, digits,
// single inner spaces and a few punctuation marks that mean nothing in a plain scalar.
bool plainly_itself(std::string_view rendered, std::string_view value, bool flow) {
  if (rendered != value || value.empty() || value.back() == ' ' ||
      !std::isalnum(static_cast<unsigned char>(value.front())))
    return false;
  return std::all_of(value.begin(), value.end(), [flow](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_' || c == '.' ||
           (c == ',' && !flow) || c == '/' || c == '(' || c == ')' || c == '-';
  });
}

}  // namespace

std::optional<std::string> read_one_line_quoted(std::string_view rendered) {
  // The YAML front-end's decoder does the reading; only the shape is checked here, so that
  // anything a reader might take differently (a raw quote, break, control character, byte
  // beyond ASCII, or an escape YAML lacks) is left to yaml-cpp instead.
  constexpr std::string_view kEscapes = "0abt\tnvfre \"/\\N_LPxuU";
  if (rendered.size() < 2 || rendered.front() != '"' || rendered.back() != '"') return std::nullopt;
  std::string_view body = rendered.substr(1, rendered.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    auto byte = static_cast<unsigned char>(body[i]);
    if (body[i] == '"' || (byte < 0x20 && body[i] != '\t') || byte >= 0x7f) return std::nullopt;
    if (body[i] == '\\' && (++i == body.size() || kEscapes.find(body[i]) == std::string_view::npos))
      return std::nullopt;
  }
  return yaml::decode_double_quoted(rendered);
}

namespace {

// The rendered scalar reads back as `value`. Plain words and quoted text decode without a
// reader; anything else is read back with yaml-cpp (a seventh of a rule-file run with fixes
// went to reading back placeholders before).
bool reads_back(std::string_view rendered, std::string_view value, bool flow) {
  if (plainly_itself(rendered, value, flow)) return true;
  if (auto decoded = read_one_line_quoted(rendered); decoded && *decoded == value) return true;
  try {
    std::string doc = flow ? "[" + std::string(rendered) + "]" : "k: " + std::string(rendered);
    YAML::Node n = YAML::Load(doc);
    YAML::Node v = flow ? n[0] : n["k"];
    if (!v.IsScalar()) return value.empty() && v.IsNull();
    return v.Scalar() == value;
  } catch (const YAML::Exception&) {
    return false;
  }
}

std::string indent(std::size_t col) {
  return std::string(col, ' ');
}

std::optional<std::string> render_key(const std::optional<std::string>& key) {
  if (!key) return std::nullopt;
  return render_string(*key, Intent::string, false);
}

bool inline_node(const NewValue& v) {
  return !(v.is_mapping() || v.is_sequence()) || v.size() == 0;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' ||
         c == '-';
}

// Letters, digits and _ . / -, not beginning with `-` or `.`: plain in any context.
bool plain_word(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.front() == '.') return false;
  return std::all_of(s.begin(), s.end(), is_word_char);
}

// Words joined by colons (`10001:10001`, `http://x`), the first a plain word: with no colon
// first, last or before a blank, every reader takes it in block context as one plain scalar.
bool plain_block_word(std::string_view s) {
  for (std::size_t from = 0;;) {
    std::size_t colon = s.find(':', from);
    std::string_view part = s.substr(from, colon == std::string_view::npos ? colon : colon - from);
    if (part.empty() || !std::all_of(part.begin(), part.end(), is_word_char)) return false;
    if (colon == std::string_view::npos) break;
    from = colon + 1;
  }
  return plain_word(s.substr(0, s.find(':')));
}

}  // namespace

bool plain_allowed(std::string_view s, bool flow) {
  if (s.empty() || s.starts_with("---") || s.starts_with("...")) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (s.find(" #") != std::string_view::npos || s.find(": ") != std::string_view::npos)
    return false;
  // Older readers (PyYAML) reject a colon inside a plain flow scalar.
  if (flow && s.find_first_of(",[]{}:") != std::string_view::npos) return false;
  return emit(s, flow, YAML::Auto) == s;
}

std::optional<std::string> render_with_emitter(std::string_view value, Intent intent, bool flow) {
  bool plain = plain_allowed(value, flow) &&
               (!looks_non_string(value) || (intent == Intent::typed && canonical_typed(value)));
  std::string out = plain ? std::string(value) : emit(value, flow, YAML::DoubleQuoted);
  if (!reads_back(out, value, flow)) return std::nullopt;
  return out;
}

std::optional<std::string> render_string(std::string_view value, Intent intent, bool flow) {
  // Remembered per thread: fixes render the same few values ("true", "ALL", a UID) for every
  // container, and each rendering is checked by parsing it back with yaml-cpp — a sixth of an
  // editor's re-lint of a large manifest before this cache.
  thread_local std::unordered_map<std::string, std::optional<std::string>> rendered;
  std::string key;
  key.reserve(value.size() + 2);
  key += static_cast<char>('0' + static_cast<int>(intent));
  key += flow ? 'f' : 'b';
  key += value;
  if (auto it = rendered.find(key); it != rendered.end()) return it->second;
  if (rendered.size() >= 4096) rendered.clear();
  // yaml-cpp builds its emitter's expressions on first use: half of a one-file run that fixes.
  // Plain words that read as strings, canonical numbers and booleans where a typed value is
  // wanted, and colon-joined words in block context are written as they are.
  bool as_is = plain_word(value)
                   ? !looks_non_string(value) || (intent == Intent::typed && canonical_typed(value))
                   : !flow && plain_block_word(value) && !looks_non_string(value);
  auto out = as_is ? std::optional<std::string>(value) : render_with_emitter(value, intent, flow);
  rendered.emplace(std::move(key), out);
  return out;
}

std::optional<std::string> render_quoted(std::string_view value, ScalarStyle style, bool flow) {
  std::string out = emit(
      value, flow, style == ScalarStyle::single_quoted ? YAML::SingleQuoted : YAML::DoubleQuoted);
  // yaml-cpp falls back to double quotes when single quotes cannot hold the value.
  if (out.find('\n') != std::string::npos || !reads_back(out, value, flow)) {
    out = emit(value, flow, YAML::DoubleQuoted);
    if (out.find('\n') != std::string::npos || !reads_back(out, value, flow)) return std::nullopt;
  }
  return out;
}

std::optional<std::string> render_scalar(const NewValue& value, bool flow) {
  if (value.is_null()) return std::string(flow ? "null" : "");
  if (!value.is_scalar()) return std::nullopt;
  const std::string& tag = value.tag();
  bool wants_string = tag == "!" || tag == "!!str" || tag == "tag:yaml.org,2002:str";
  auto text = render_string(value.scalar(), wants_string ? Intent::string : Intent::typed, flow);
  if (!text) return std::nullopt;
  // Other explicit tags (`!reset`, `!!int`) are written before the value.
  if (!tag.empty() && tag != "?" && !wants_string) {
    std::string written = tag;
    const std::string core = "tag:yaml.org,2002:";
    if (written.starts_with(core)) written = "!!" + written.substr(core.size());
    if (!written.starts_with("!")) return std::nullopt;
    return written + " " + *text;
  }
  return text;
}

std::optional<std::string> render_inline(const NewValue& value, bool flow) {
  if (value.is_mapping())
    return value.size() == 0 ? std::optional<std::string>("{}") : std::nullopt;
  if (value.is_sequence())
    return value.size() == 0 ? std::optional<std::string>("[]") : std::nullopt;
  return render_scalar(value, flow);
}

std::optional<std::string> render_flow(const NewValue& value) {
  if (inline_node(value)) return render_inline(value, true);
  std::string out = value.is_mapping() ? "{" : "[";
  bool first = true;
  if (value.is_mapping()) {
    for (const auto& [key_text, item] : value.pairs()) {
      auto key = key_text ? render_string(*key_text, Intent::string, true) : std::nullopt;
      auto val = render_flow(item);
      if (!key || !val) return std::nullopt;
      out += (first ? "" : ", ") + *key + ":" + (val->empty() ? "" : " " + *val);
      first = false;
    }
  } else {
    for (const NewValue& item : value.items()) {
      auto val = render_flow(item);
      if (!val) return std::nullopt;
      out += (first ? "" : ", ") + *val;
      first = false;
    }
  }
  return out + (value.is_mapping() ? "}" : "]");
}

bool render_pair(std::string_view key_text, const NewValue& value, std::size_t col,
                 const Layout& layout, std::vector<std::string>& out) {
  std::string head = indent(col) + std::string(key_text) + ":";
  if (inline_node(value)) {
    auto text = render_inline(value, false);
    if (!text) return false;
    out.push_back(text->empty() ? head : head + " " + *text);
    return true;
  }
  out.push_back(head);
  if (value.is_mapping()) return render_node(value, col + layout.step, layout, out);
  return render_node(value, col + (layout.indentless ? 0 : layout.step), layout, out);
}

bool render_item(const NewValue& value, std::size_t col, const Layout& layout,
                 std::vector<std::string>& out) {
  if (inline_node(value)) {
    auto text = render_inline(value, false);
    if (!text) return false;
    out.push_back(indent(col) + "-" + (text->empty() ? "" : " " + *text));
    return true;
  }
  // A collection item starts on the dash's line: render it two columns in, then put the dash
  // into the first line's indentation.
  std::size_t first = out.size();
  if (!render_node(value, col + 2, layout, out)) return false;
  out[first].replace(col, 2, "- ");
  return true;
}

bool render_node(const NewValue& value, std::size_t col, const Layout& layout,
                 std::vector<std::string>& out) {
  if (inline_node(value)) {
    auto text = render_inline(value, false);
    if (!text) return false;
    out.push_back(indent(col) + *text);
    return true;
  }
  if (value.is_mapping()) {
    for (const auto& [key_text, item] : value.pairs()) {
      auto key = render_key(key_text);
      if (!key || !render_pair(*key, item, col, layout, out)) return false;
    }
    return true;
  }
  for (const NewValue& item : value.items())
    if (!render_item(item, col, layout, out)) return false;
  return true;
}

std::string join_lines(const std::vector<std::string>& lines, std::size_t from,
                       std::string_view newline) {
  std::string out;
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (i > from) out += newline;
    out += lines[i];
  }
  return out;
}

}  // namespace infralint::yaml_edit::detail
