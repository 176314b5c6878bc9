#include "parse/toml/toml.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <optional>

#include "core/line_index.hpp"

namespace infralint::toml {
namespace {

// Deeper than any real configuration; a header such as `[a.a.a.…]` with thousands of parts
// must not turn into as many stack frames.
constexpr std::size_t kMaxDepth = 128;

// The span of the code point at `offset`, or an empty span at the end of a line or the text.
Span code_point_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size() || text[offset] == '\n' || text[offset] == '\r')
    return {offset, offset};
  std::size_t end = offset + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return {offset, end};
}

// A control character (TOML allows only tab, CR and LF anywhere), or the first byte of a
// non-ASCII character outside every string and comment (TOML allows none there), if any.
// toml++ 3.3 reaches __builtin_unreachable (undefined behaviour, found by the fuzzer) when it
// meets a character between U+00A1 and U+0499 where it expects a key or a value's end, so such
// text is rejected before toml++ sees it. Control characters are rejected first because on
// them toml++'s idea of where strings begin and ours could part. Not covered: a quote inside an
// invalid bare value (`x = 0o"…é…"`), which toml++ reads as part of the value.
std::optional<std::size_t> not_allowed_outside_strings(std::string_view text) {
  auto control = std::find_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
           c == 0x7F;
  });
  if (control != text.end()) return static_cast<std::size_t>(control - text.begin());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) return i;
    if (c == '#') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '"' || c == '\'') {
      bool literal = c == '\'';
      std::string_view triple = literal ? "'''" : "\"\"\"";
      std::string_view quotes = text.substr(i, 3) == triple ? triple : triple.substr(0, 1);
      std::size_t at = i + quotes.size();
      bool closed = false;
      while (at < text.size()) {
        if (text.substr(at, quotes.size()) == quotes) {
          closed = true;
          break;
        }
        if (quotes.size() == 1 && text[at] == '\n') break;  // unterminated: toml++ reports it
        if (!literal && text[at] == '\\') ++at;  // an escape: the next character is content
        ++at;
      }
      if (closed) {
        at += quotes.size();
        // A closing run may be longer: `""""` ends with a quote that belongs to the string.
        while (quotes.size() == 3 && at < text.size() && text[at] == c) ++at;
      }
      i = at - 1;
    }
  }
  return std::nullopt;
}

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, Document& out, std::vector<ParseError>& errors)
      : text_(text), lines_(text), out_(out), errors_(errors) {}

  std::size_t offset(const ::toml::source_position& p) const {
    if (!p) return 0;
    return lines_.offset(p.line, p.column);
  }
  Span span(const ::toml::source_region& r) const { return {offset(r.begin), offset(r.end)}; }

  void error_at(const ::toml::source_position& p, std::string message) {
    errors_.push_back({code_point_at(text_, offset(p)), std::move(message)});
  }

  const Node* build(const ::toml::node& in, std::size_t depth) {
    Node& node = out_.arena.emplace_back();
    node.span = span(in.source());
    if (depth > kMaxDepth) {
      if (!too_deep_) errors_.push_back({node.span, "nested too deeply"});
      too_deep_ = true;
      node.type = Type::null;
      return &node;
    }
    if (const auto* table = in.as_table()) {
      node.type = Type::table;
      node.inline_table = table->is_inline();
      node.header = !node.inline_table && node.span.begin < text_.size() &&
                    text_[node.span.begin] == '[' && !node.span.empty();
      if (node.header) node.span = header_span(node.span.begin);
      for (const auto& [key, value] : *table)
        node.entries.push_back(
            {std::string(key.str()), span(key.source()), build(value, depth + 1)});
      // toml++ keeps keys sorted; rules and fixes want them in the order written.
      std::stable_sort(node.entries.begin(), node.entries.end(),
                       [](const Entry& a, const Entry& b) { return a.key_span < b.key_span; });
      return &node;
    }
    if (const auto* array = in.as_array()) {
      node.type = Type::array;
      for (const auto& item : *array) node.items.push_back(build(item, depth + 1));
      if (array->is_array_of_tables() && !node.items.empty() && node.items.front()->header) {
        node.header = true;
        node.span = node.items.front()->span;
      }
      return &node;
    }
    node.text = std::string(text_.substr(node.span.begin, node.span.size()));
    switch (in.type()) {
      case ::toml::node_type::string:
        node.type = Type::string;
        node.text = std::string(*in.value<std::string_view>());
        break;
      case ::toml::node_type::integer:
        node.type = Type::integer;
        break;
      case ::toml::node_type::floating_point:
        node.type = Type::floating;
        break;
      case ::toml::node_type::boolean:
        node.type = Type::boolean;
        break;
      default:
        node.type = Type::datetime;
        break;
    }
    return &node;
  }

 private:
  // `[name]` or `[[name]]` from its opening bracket to the matching close on the same line.
  Span header_span(std::size_t begin) const {
    std::size_t end = begin;
    bool quoted = false;
    char quote = 0;
    for (; end < text_.size() && text_[end] != '\n'; ++end) {
      char c = text_[end];
      if (quoted) {
        if (c == quote) quoted = false;
        continue;
      }
      if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == ']') {
        if (end + 1 < text_.size() && text_[end + 1] == ']') ++end;
        return {begin, end + 1};
      }
    }
    return {begin, end};
  }

  std::string_view text_;
  LineIndex lines_;
  Document& out_;
  std::vector<ParseError>& errors_;
  bool too_deep_ = false;
};

}  // namespace

std::string_view to_string(Type type) {
  switch (type) {
    case Type::table:
      return "a table";
    case Type::array:
      return "an array";
    case Type::string:
      return "a string";
    case Type::integer:
      return "an integer";
    case Type::floating:
      return "a float";
    case Type::boolean:
      return "a boolean";
    case Type::datetime:
      return "a date-time";
    case Type::null:
      return "null";
  }
  return "a value";
}

const Entry* Node::entry(std::string_view key) const {
  for (const Entry& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? e->value : nullptr;
}

namespace {

// toml++'s tree as ours, or its error at its position when the text does not parse.
void parse_with_tomlpp(std::string_view text, TreeBuilder& builder, Document& doc) {
  const ::toml::table* table = nullptr;
#if TOML_EXCEPTIONS
  ::toml::table parsed;
  try {
    parsed = ::toml::parse(text);
    table = &parsed;
  } catch (const ::toml::parse_error& e) {
    builder.error_at(e.source().begin, std::string(e.description()));
  }
#else
  ::toml::parse_result result = ::toml::parse(text);
  if (result)
    table = &result.table();
  else
    builder.error_at(result.error().source().begin, std::string(result.error().description()));
#endif
  if (!table) return;
  doc.root = builder.build(*table, 0);
  doc.arena.front().header = false;
  doc.arena.front().span = {0, text.size()};
}

}  // namespace

std::unique_ptr<Document> parse(std::string_view text, std::vector<ParseError>& errors) {
  auto doc = std::make_unique<Document>();
  TreeBuilder builder(text, *doc, errors);
  if (auto at = not_allowed_outside_strings(text)) {
    Span where = code_point_at(text, *at);
    auto byte = static_cast<unsigned char>(text[*at]);
    errors.push_back(
        {where, byte < 0x80 ? fmt::format("control character U+{:04X} is not allowed in TOML", byte)
                            : fmt::format("unexpected character '{}' outside a string or comment",
                                          text.substr(where.begin, where.size()))});
  } else {
    parse_with_tomlpp(text, builder, *doc);
  }
  if (!doc->root) {
    Node& empty = doc->arena.emplace_back();
    empty.span = {0, text.size()};
    doc->root = &empty;
  }
  return doc;
}

}  // namespace infralint::toml
