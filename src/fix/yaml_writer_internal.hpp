#pragma once
// Shared by the yaml_writer*.cpp files: text geometry over the original bytes, where nodes sit
// in the tree, and rendering of new values.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fix/yaml_new_value.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::yaml_edit::detail {

// Line geometry. Offsets are bytes; columns are bytes from the line start (indentation is
// spaces, so they agree with what YAML calls indentation).
struct Text {
  std::string_view s;

  std::size_t line_start(std::size_t off) const;
  // End of the line holding `off`, before its "\n" or "\r\n".
  std::size_t content_end(std::size_t off) const;
  // Start of the line after the one holding `off`; s.size() when there is none.
  std::size_t next_line(std::size_t off) const;
  bool has_newline_after(std::size_t off) const;  // the line holding `off` ends in a newline
  std::size_t column(std::size_t off) const { return off - line_start(off); }
  // Only spaces between the start of the line and `off`.
  bool at_indent(std::size_t off) const;
  // The first non-space offset of the line holding `off` (content_end when blank).
  std::size_t first_non_space(std::size_t off) const;
  bool blank_line(std::size_t off) const;
  bool comment_line(std::size_t off) const;
  // "\r\n" when the file's first line ends with it, else "\n".
  std::string_view newline() const;
};

// End of a node's text: trailing whitespace of block scalars dropped, flow collections up to
// and including their closing bracket, block collections up to the end of their last value.
std::size_t node_end(std::string_view text, const yaml::Node& node);
// Where a flow collection's closing bracket is (the collection must start with its opening
// bracket); nullopt when it cannot be found or a comment sits inside.
std::optional<std::size_t> flow_close(std::string_view text, const yaml::Node& node);
// A `#` comment between the tokens of the text range (scalars under `node` excluded).
bool has_comment(std::string_view text, const yaml::Node& node, std::size_t begin, std::size_t end);

// Where an entry sits in the text. Alias values point at their anchored node, so their
// position comes from the alias use instead.
struct Region {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty = false;  // an implicit null with no text of its own
};
Region pair_region(const yaml::Stream& stream, std::string_view text, const yaml::Pair& pair);
// The value's own text (after the key for pairs).
Region value_region(const yaml::Stream& stream, std::string_view text, const yaml::Pair& pair);
std::vector<Region> item_regions(const yaml::Stream& stream, std::string_view text,
                                 const yaml::Node& seq);

// The pairs written in the mapping itself (merged ones left out), in source order.
std::vector<const yaml::Pair*> own_pairs(const yaml::Node& mapping);

struct Parent {
  const yaml::Node* node = nullptr;  // null for a document root
  const yaml::Pair* pair = nullptr;  // when the parent is a mapping
  std::size_t index = 0;             // when the parent is a sequence
};
// The parent of `node`, found by walking every document; nullopt when `node` is not in the
// stream at all.
std::optional<Parent> find_parent(const yaml::Stream& stream, const yaml::Node* node);

// Offset of the ':' after a block or flow key; nullopt when there is none on the key's line.
std::optional<std::size_t> colon_after(std::string_view text, const yaml::Node& key);
// Offsets of the '-' that introduce each item of a block sequence.
std::optional<std::vector<std::size_t>> item_dashes(const yaml::Stream& stream,
                                                    std::string_view text, const yaml::Node& seq);

// A literal or folded scalar whose last line is the line holding `offset`.
const yaml::Node* block_scalar_ending_on(const yaml::Stream& stream, std::string_view text,
                                         std::size_t offset);
// Whether [begin, end) holds an anchored node that an alias outside it still uses.
bool removes_used_anchor(const yaml::Stream& stream, std::size_t begin, std::size_t end);

// How the file lays out nested blocks.
struct Layout {
  std::size_t step = 2;     // indentation added per nesting level
  bool indentless = false;  // block sequences under a key start at the key's column
  std::string newline = "\n";
};
Layout detect_layout(const yaml::Stream& stream, std::string_view text, const yaml::Node* near);

// --- rendering ---

// Whether some YAML reader (1.1 or 1.2) would read the plain scalar as something other than a
// string: booleans such as yes/on, octal-looking or sexagesimal numbers, dates, null, floats.
bool looks_non_string(std::string_view s);
// true/false and numbers as programs print them: plain is what a caller passing them means.
bool canonical_typed(std::string_view s);
// Whether `s` can be written as a plain scalar in block (or flow) context at all.
bool plain_allowed(std::string_view s, bool flow);
// What a one-line double-quoted scalar reads as (the YAML front-end's decoding); nullopt when
// its shape leaves room for doubt (the caller then asks yaml-cpp).
std::optional<std::string> read_one_line_quoted(std::string_view rendered);

enum class Intent { string, typed };
// A one-line scalar: plain when that reads back as intended, else double-quoted by yaml-cpp.
std::optional<std::string> render_string(std::string_view value, Intent intent, bool flow);
// The same, always through yaml-cpp's emitter and a read-back (render_string skips both for a
// word of letters, digits and _ . / - that reads as a string: the answer is the word itself).
std::optional<std::string> render_with_emitter(std::string_view value, Intent intent, bool flow);
std::optional<std::string> render_quoted(std::string_view value, yaml::ScalarStyle style,
                                         bool flow);
// A scalar (null → empty in block context, `null` in flow); the tag "!" (a quoted scalar
// loaded by yaml-cpp) or !!str asks for a string.
std::optional<std::string> render_scalar(const NewValue& value, bool flow);
// Inline text of a scalar or an empty collection; nullopt for non-empty collections.
std::optional<std::string> render_inline(const NewValue& value, bool flow);
// Any node in flow style.
std::optional<std::string> render_flow(const NewValue& value);
// Block lines (each with its indentation, without newline) for `key: value`, for an item
// `- value`, or for a bare node at column `col`. False when a key is not a scalar.
bool render_pair(std::string_view key_text, const NewValue& value, std::size_t col,
                 const Layout& layout, std::vector<std::string>& out);
bool render_item(const NewValue& value, std::size_t col, const Layout& layout,
                 std::vector<std::string>& out);
bool render_node(const NewValue& value, std::size_t col, const Layout& layout,
                 std::vector<std::string>& out);
std::string join_lines(const std::vector<std::string>& lines, std::size_t from,
                       std::string_view newline);

}  // namespace infralint::yaml_edit::detail
