#pragma once
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"

namespace infralint::toml {

// TOML's value types; `null` only comes from JSON, which is read into the same tree (JSON's
// data model is TOML's plus null), so that railway.toml and railway.json share every rule.
enum class Type { table, array, string, integer, floating, boolean, datetime, null };

std::string_view to_string(Type type);  // "a table", "a string", ...

struct Node;

// One key of a table, with the value it holds.
struct Entry {
  std::string key;  // decoded
  Span key_span;    // this key as written (quotes included); for `a.b = 1`, the `b`
  const Node* value = nullptr;
};

// One value of the tree. Spans are absolute byte offsets in the file.
struct Node {
  Type type = Type::table;
  // Scalars, arrays and inline tables: the value as written. A table opened by a header:
  // the header (`[deploy]`); an array of tables: its first header; a table made implicitly by
  // a dotted key or a header below it: the key that made it.
  Span span;
  bool header = false;             // a table written as `[name]`, or an array of `[[name]]` tables
  bool inline_table = false;       // `{ ... }` in TOML; every JSON object
  std::string text;                // strings: decoded; other scalars: as written
  std::vector<Entry> entries;      // tables, in source order
  std::vector<const Node*> items;  // arrays

  bool is_table() const { return type == Type::table; }
  bool is_array() const { return type == Type::array; }
  const Entry* entry(std::string_view key) const;
  const Node* get(std::string_view key) const;
};

struct Document : SyntaxTree {
  const Node* root = nullptr;  // never null after parse, even when the text has errors
  bool json = false;
  std::deque<Node> arena;  // owns every node; pointers stay valid
};

// Reads TOML 1.0 with toml++. Never throws: a syntax error becomes a ParseError at its exact
// position, and the tree is then empty (toml++ stops at the first error).
std::unique_ptr<Document> parse(std::string_view text, std::vector<ParseError>& errors);

// Reads JSON: nlohmann-json judges the syntax strictly (trailing commas, comments and single
// quotes are errors, as for Railway's own reader); the YAML front-end, which reads JSON as
// flow YAML, gives every key and value its exact span.
std::unique_ptr<Document> parse_json(std::string_view text, std::vector<ParseError>& errors);

}  // namespace infralint::toml
