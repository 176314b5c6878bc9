// What makes YAML unreadable, found before and after tree-sitter has parsed it: nesting its
// scanner cannot take, tabs used as indentation, ERROR and MISSING nodes.
#include <tree_sitter/api.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "parse/yaml/internal.hpp"

namespace infralint::yaml::detail {
namespace {

constexpr std::size_t kMaxReportedErrors = 50;
constexpr std::size_t kSnippetBytes = 40;

bool is_blank_char(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::size_t line_end(std::string_view text, std::size_t i) {
  std::size_t end = text.find('\n', i);
  end = end == std::string_view::npos ? text.size() : end;
  if (end > i && text[end - 1] == '\r') --end;
  return end;
}

// A block header (`|`, `>-`, `|2+`) ends the line, perhaps before a comment.
bool ends_with_block_header(std::string_view line) {
  std::size_t hash = line.find(" #");
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  while (!line.empty() && is_blank_char(line.back())) line.remove_suffix(1);
  std::size_t i = line.size();
  while (i > 0 &&
         (line[i - 1] == '+' || line[i - 1] == '-' || (line[i - 1] >= '1' && line[i - 1] <= '9')))
    --i;
  if (i == 0 || (line[i - 1] != '|' && line[i - 1] != '>')) return false;
  return i == 1 || line[i - 2] == ' ';
}

// A key on this line: `: ` or a final `:` outside quotes.
bool has_mapping_key(std::string_view rest) {
  if (rest.empty() || rest[0] == '"' || rest[0] == '\'' || rest[0] == '[' || rest[0] == '{')
    return rest.find("\": ") != std::string_view::npos ||
           rest.find("': ") != std::string_view::npos;
  std::size_t colon = rest.find(": ");
  return colon != std::string_view::npos || rest.back() == ':';
}

std::string snippet(std::string_view text, Span span) {
  std::size_t end = std::min({span.end, line_end(text, span.begin), span.begin + kSnippetBytes});
  std::string out(text.substr(span.begin, end - span.begin));
  if (end < std::min(span.end, line_end(text, span.begin))) out += "…";
  return out;
}

// Whether a tab in leading white space is fine where tree-sitter put it: inside a scalar that
// may span lines, a flow collection, or a comment.
bool tab_inside_tolerant_node(TSNode root, std::size_t offset) {
  TSNode node = ts_node_descendant_for_byte_range(root, static_cast<uint32_t>(offset),
                                                  static_cast<uint32_t>(offset + 1));
  bool tolerant = false;
  for (; !ts_node_is_null(node); node = ts_node_parent(node)) {
    std::string_view t = ts_node_type(node);
    if (t == "ERROR") return false;
    tolerant = tolerant || t == "block_scalar" || t == "double_quote_scalar" ||
               t == "single_quote_scalar" || t == "plain_scalar" || t == "flow_mapping" ||
               t == "flow_sequence" || t == "comment";
  }
  return tolerant;
}

std::vector<std::size_t> indentation_tabs(TSNode root, std::string_view text, Span range) {
  std::vector<std::size_t> tabs;
  for (std::size_t i = range.begin; i < range.end && tabs.size() < kMaxReportedErrors;) {
    std::size_t end = line_end(text, i);
    std::size_t j = i, first_tab = std::string_view::npos;
    while (j < end && (text[j] == ' ' || text[j] == '\t')) {
      if (text[j] == '\t' && first_tab == std::string_view::npos) first_tab = j;
      ++j;
    }
    if (first_tab != std::string_view::npos && j < end && text[j] != '#' &&
        !tab_inside_tolerant_node(root, first_tab))
      tabs.push_back(first_tab);
    std::size_t next = text.find('\n', end);
    i = next == std::string_view::npos ? text.size() : next + 1;
  }
  return tabs;
}

// Children in reverse, so that popping visits them in source order.
void push_children(TSNode node, std::vector<TSNode>& stack) {
  std::size_t first = stack.size();
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do stack.push_back(ts_tree_cursor_current_node(&cursor));
    while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  std::reverse(stack.begin() + static_cast<long>(first), stack.end());
}

ParseError describe_error(TSNode error, std::string_view text) {
  // An opening bracket among the pieces tree-sitter could not place is almost always unclosed.
  std::uint32_t count = ts_node_child_count(error);
  int open = 0;
  TSNode first_open{};
  for (std::uint32_t i = 0; i < count && i < 256; ++i) {
    TSNode c = ts_node_child(error, i);
    std::string_view t = ts_node_type(c);
    if (t == "[" || t == "{") {
      if (open++ == 0) first_open = c;
    } else if ((t == "]" || t == "}") && open > 0) {
      --open;
    }
  }
  if (open > 0) {
    bool seq = std::string_view(ts_node_type(first_open)) == "[";
    return {node_span(first_open), seq ? "flow sequence '[' is never closed with ']'"
                                       : "flow mapping '{' is never closed with '}'"};
  }
  Span span = node_span(error);
  span.end = std::max(std::min(span.end, line_end(text, span.begin)), span.begin + 1);
  span.end = std::min(span.end, text.size());
  return {span, "invalid YAML: cannot make sense of '" + snippet(text, span) + "'"};
}

}  // namespace

std::optional<ParseError> check_block_nesting(std::string_view text, std::size_t max_levels) {
  enum Type { map, seq };
  struct Level {
    std::size_t column;
    Type type;
  };
  std::vector<Level> levels;
  long block_scalar_parent = -2;  // while >= -1, lines indented deeper belong to a block scalar
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = line_end(text, i);
    std::string_view line = text.substr(i, end - i);
    std::size_t next = text.find('\n', end);
    std::size_t line_start = i;
    i = next == std::string_view::npos ? text.size() : next + 1;

    std::size_t col = line.find_first_not_of(' ');
    if (col == std::string_view::npos || line[col] == '#' || line[col] == '\t') continue;
    if (block_scalar_parent >= -1 && static_cast<long>(col) > block_scalar_parent) continue;
    block_scalar_parent = -2;
    if (col == 0 && (line.starts_with("---") || line.starts_with("..."))) {
      levels.clear();
      continue;
    }
    auto open = [&](std::size_t column, Type type) {
      while (!levels.empty() && levels.back().column > column) levels.pop_back();
      if (!levels.empty() && levels.back().column == column) {
        if (levels.back().type == type) return;
        if (type == map) {  // back from a sequence written at its key's column
          levels.pop_back();
          if (!levels.empty() && levels.back().column == column) return;
        }
      }
      levels.push_back({column, type});
    };
    // Compact nesting opens one level per indicator on the same line: `- - key: value`.
    std::size_t c = col;
    while (c < line.size() && (line[c] == '-' || line[c] == '?') &&
           (c + 1 == line.size() || line[c + 1] == ' ')) {
      open(c, line[c] == '-' ? seq : map);
      c = line.find_first_not_of(' ', c + 1);
      if (c == std::string_view::npos) c = line.size();
    }
    if (c < line.size() && has_mapping_key(line.substr(c))) open(c, map);
    if (levels.size() > max_levels)
      return ParseError{{line_start + col, line_start + line.size()},
                        "nesting deeper than " + std::to_string(max_levels) +
                            " levels of block indentation; the file is not parsed"};
    if (ends_with_block_header(line))
      block_scalar_parent = levels.empty() ? -1 : static_cast<long>(levels.back().column);
  }
  return std::nullopt;
}

void collect_syntax_errors(TSNode root, std::string_view text, Span range,
                           std::vector<ParseError>& errors) {
  std::size_t reported = 0;
  std::vector<std::size_t> tabs = indentation_tabs(root, text, range);
  for (std::size_t tab : tabs) {
    errors.push_back({{tab, tab + 1}, "tabs are not allowed as indentation; indent with spaces"});
    ++reported;
  }
  std::size_t first_tab_line = range.end;
  if (!tabs.empty()) {
    std::size_t newline = text.rfind('\n', tabs[0]);
    first_tab_line = newline == std::string_view::npos ? 0 : newline + 1;
  }
  // An ERROR that only runs up to a tab used as indentation is that tab's doing.
  auto caused_by_tab = [&](Span span) {
    if (tabs.empty()) return false;
    std::size_t end = span.end;
    while (end < text.size() && (is_blank_char(text[end]) || text[end] == '\n')) ++end;
    return end >= first_tab_line;
  };

  if (!ts_node_has_error(root)) return;
  if (ts_node_is_error(root)) {
    // tree-sitter gave up: the trouble starts at the loose tokens it could not place last, or
    // where what it kept ends.
    std::vector<TSNode> kids;
    push_children(root, kids);
    std::size_t stop = ts_node_end_byte(root);
    for (const TSNode& kid : kids) {  // reversed: the last child first
      if (ts_node_child_count(kid) > 0 || std::string_view(ts_node_type(kid)) == "comment") break;
      stop = ts_node_start_byte(kid);
    }
    while (stop < range.end && (is_blank_char(text[stop]) || text[stop] == '\n')) ++stop;
    if (!caused_by_tab(node_span(root))) {
      if (stop < range.end) {
        Span span{stop, std::max(line_end(text, stop), stop + 1)};
        errors.push_back({span, "invalid YAML: cannot parse '" + snippet(text, span) +
                                    "' (nor anything after it)"});
      } else {
        errors.push_back(describe_error(root, text));
      }
      ++reported;
    }
  }
  std::vector<TSNode> stack;
  push_children(root, stack);
  while (!stack.empty() && reported < kMaxReportedErrors) {
    TSNode node = stack.back();
    stack.pop_back();
    if (ts_node_is_missing(node)) {
      std::size_t at = ts_node_start_byte(node);
      errors.push_back({{at, at}, "missing '" + std::string(ts_node_type(node)) + "'"});
      ++reported;
      continue;
    }
    if (!ts_node_has_error(node)) continue;
    if (ts_node_is_error(node)) {
      if (!caused_by_tab(node_span(node))) {
        errors.push_back(describe_error(node, text));
        ++reported;
      }
      continue;
    }
    push_children(node, stack);
  }
}

namespace {

TSPoint point_at(std::string_view text, std::size_t offset) {
  TSPoint p{0, 0};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++p.row;
      line_start = i + 1;
    }
  p.column = static_cast<uint32_t>(offset - line_start);
  return p;
}

}  // namespace

TSInputEdit edit_between(std::string_view before, std::string_view after) {
  std::size_t prefix = 0;
  std::size_t most = std::min(before.size(), after.size());
  while (prefix < most && before[prefix] == after[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < most - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  TSInputEdit edit{};
  edit.start_byte = static_cast<uint32_t>(prefix);
  edit.old_end_byte = static_cast<uint32_t>(before.size() - suffix);
  edit.new_end_byte = static_cast<uint32_t>(after.size() - suffix);
  edit.start_point = point_at(before, edit.start_byte);
  edit.old_end_point = point_at(before, edit.old_end_byte);
  edit.new_end_point = point_at(after, edit.new_end_byte);
  return edit;
}

}  // namespace infralint::yaml::detail
