#pragma once
// Building blocks shared by the YAML front-end's translation units; not part of the API.
#include <tree_sitter/api.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::yaml::detail {

inline std::string_view node_type(TSNode node) {
  return ts_node_type(node);
}
inline Span node_span(TSNode node) {
  return {ts_node_start_byte(node), ts_node_end_byte(node)};
}

// Decoded scalar text of each style. `token` is the scalar exactly as written (quotes and
// block header included). The double-quoted one is in yaml.hpp.
std::string decode_plain(std::string_view token);
std::string decode_single_quoted(std::string_view token);

// A block scalar starts at `begin` (its '|' or '>') in `text`; `parent_indent` is the column
// of the enclosing block collection (-1 at the top of a document). Reads the content lines
// itself, as the YAML spec defines them, because the chomped trailing lines lie outside the
// token tree-sitter reports.
struct BlockScalar {
  std::string value;
  ScalarStyle style = ScalarStyle::literal;
};
BlockScalar decode_block(std::string_view text, std::size_t begin, long parent_indent);

// The type an explicit tag imposes (`!!str`, `!<tag:yaml.org,2002:int>`, `!`), if it is one of
// the core schema's.
std::optional<ScalarType> type_from_tag(std::string_view tag);

// tree-sitter-yaml's external scanner corrupts memory past ~250 nested block indentation
// levels (its serialized indentation stack overflows a fixed buffer), so deeper input must be
// refused before it is parsed. Returns where the nesting first gets too deep.
std::optional<ParseError> check_block_nesting(std::string_view text, std::size_t max_levels);

// ERROR and MISSING nodes, and tabs used as indentation, as ParseErrors with precise spans.
// `root` is the tree of the part `range` of `text`.
void collect_syntax_errors(TSNode root, std::string_view text, Span range,
                           std::vector<ParseError>& errors);

// The one edit turning `before` into `after` (what lies between their common prefix and
// suffix), as tree-sitter's incremental parsing takes it.
TSInputEdit edit_between(std::string_view before, std::string_view after);

}  // namespace infralint::yaml::detail
