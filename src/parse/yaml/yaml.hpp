#pragma once
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"

namespace infralint::yaml {

enum class NodeKind { scalar, mapping, sequence };
enum class ScalarStyle { plain, single_quoted, double_quoted, literal, folded };
// The YAML 1.2 core schema's resolution of a scalar (quoted and block scalars are strings;
// an explicit tag such as !!str or !!int decides when present).
enum class ScalarType { null, boolean, integer, floating, string };

struct Node;

struct Pair {
  const Node* key = nullptr;
  const Node* value = nullptr;  // never null: an absent value is a null scalar with empty span
  // True when the pair came in through a `<<` merge key: its spans point at the anchored
  // mapping it was merged from, not at this mapping.
  bool merged = false;
};

// One node of the value tree. Spans are absolute byte offsets in the file.
struct Node {
  NodeKind kind = NodeKind::scalar;
  // Scalars: the token, quotes and block indicator included. Collections: from the first
  // byte of the first entry (or the opening bracket for flow) to the end of the last value.
  Span span;
  std::string tag;     // as written, e.g. "!reset", "!!str"; empty when none
  std::string anchor;  // without '&'
  bool flow = false;   // a flow collection ({...} / [...]) or a node inside one

  // Scalar
  std::string value;  // decoded: quotes removed, escapes processed, block scalars folded
  ScalarStyle style = ScalarStyle::plain;
  ScalarType type = ScalarType::null;

  // Mapping: own pairs in source order, then merged pairs whose keys are not overridden.
  std::vector<Pair> pairs;
  // Sequence
  std::vector<const Node*> items;

  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_mapping() const { return kind == NodeKind::mapping; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  bool is_null() const { return kind == NodeKind::scalar && type == ScalarType::null; }
  // The value of a mapping's key (scalar keys compared by decoded value), or null.
  const Node* get(std::string_view key) const;
  const Pair* pair(std::string_view key) const;
};

// Where an alias was used: the aliased node is shared, so an edit through it would change
// every place that uses the anchor. Writers check this before editing.
struct AliasUse {
  Span alias_span;
  const Node* target = nullptr;
};

struct YamlDocument {
  const Node* root = nullptr;  // null for an empty document
  Span span;                   // the document's bytes in the stream ('---' included when present)
};

struct Limits {
  std::size_t max_depth = 512;                // deeper nesting is an error, not a stack overflow
  std::size_t max_expanded_nodes = 1'000'000;  // nodes reachable through aliases, counted with
                                               // repetition: an alias bomb stops here
};

// A multi-document stream: every document's nodes with absolute positions.
struct Stream : SyntaxTree {
  std::vector<YamlDocument> documents;
  std::vector<AliasUse> aliases;
  // Owns every node; pointers into it stay valid.
  std::deque<Node> arena;
  // Whether `node` (or one of its ancestors) is reached through an alias anywhere.
  bool aliased(const Node* node) const;
};

// Parses YAML with tree-sitter-yaml. Never throws; syntax errors, tabs used as indentation,
// unknown aliases, too deep nesting and alias bombs become ParseErrors with precise spans,
// and the documents that parse are still returned.
std::unique_ptr<Stream> parse(std::string_view text, std::vector<ParseError>& errors,
                              const Limits& limits = {});

// The same, re-using the syntax trees of the previous version kept in `memo` (tree-sitter's
// incremental parsing: only what changed is parsed again), and leaving this version's there.
std::unique_ptr<Stream> parse(std::string_view text, std::vector<ParseError>& errors,
                              const Limits& limits, std::shared_ptr<ParseMemo>& memo);

// The front-end's own readings, for code that writes YAML and must know how its text reads:
// what a double-quoted scalar token (quotes included) decodes to, and the YAML 1.2 core
// schema's type of an untagged plain scalar.
std::string decode_double_quoted(std::string_view token);
ScalarType core_schema_type(std::string_view value);

}  // namespace infralint::yaml
