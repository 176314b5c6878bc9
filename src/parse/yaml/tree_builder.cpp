// Builds the value tree of a YAML stream from tree-sitter-yaml's concrete syntax tree:
// scalars decoded and typed, anchors and aliases resolved to shared nodes, `<<` merged.
#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parse/yaml/internal.hpp"
#include "parse/yaml/yaml.hpp"

extern "C" const TSLanguage* tree_sitter_yaml();

namespace infralint::yaml {
namespace {

using detail::node_span;
using detail::node_type;

// tree-sitter offsets are 32-bit; real configuration files are far below this anyway.
constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;
// Below the ~250 levels at which tree-sitter-yaml's scanner breaks (see check_block_nesting).
constexpr std::size_t kMaxBlockLevels = 200;
// The builder recurses once per level; this bounds its stack use whatever Limits says.
constexpr std::size_t kHardMaxDepth = 1000;
constexpr auto kParseBudget = std::chrono::seconds(10);

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

struct Deadline {
  std::chrono::steady_clock::time_point until;
};

bool past_deadline(TSParseState* state) {
  const auto* deadline = static_cast<const Deadline*>(state->payload);
  return std::chrono::steady_clock::now() > deadline->until;
}

const char* read_whole(void* payload, uint32_t offset, TSPoint, uint32_t* bytes_read) {
  const auto* text = static_cast<const std::string_view*>(payload);
  if (offset >= text->size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(text->size() - offset);
  return text->data() + offset;
}

struct Child {
  TSNode node;
  const char* field;  // nullptr when the child has no field name
};

// All children in order, through a cursor: ts_node_child(i) is linear in i.
std::vector<Child> children(TSNode node) {
  std::vector<Child> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      out.push_back(
          {ts_tree_cursor_current_node(&cursor), ts_tree_cursor_current_field_name(&cursor)});
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

bool has_field(const Child& c, std::string_view name) {
  return c.field && c.field == name;
}

// A node as this part of the source writes it: `extent` is the alias token for an alias, the
// node's own span otherwise. `size` counts the nodes it stands for, aliases expanded.
struct Built {
  const Node* node = nullptr;
  Span extent;
  std::size_t size = 1;
};

// tree-sitter-yaml's scanner counts rows in 16 bits: a parse must not run past this many lines.
// Documents end at a `---` line in column 0 (the spec forbids that line inside any node), so a
// long stream is parsed a few documents at a time, with absolute offsets (included ranges).
constexpr std::size_t kMaxScannerRows = 32767;
constexpr std::size_t kChunkLines = 4096;

struct Chunk {
  Span span;
  uint32_t row = 0;  // of span.begin
  std::size_t lines = 0;
};

bool is_document_start(std::string_view text, std::size_t i) {
  if (text.compare(i, 3, "---") != 0) return false;
  if (i + 3 == text.size()) return true;
  char c = text[i + 3];
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::vector<Chunk> split_into_chunks(std::string_view text) {
  std::vector<Chunk> chunks{{{0, text.size()}, 0, 0}};
  std::size_t row = 0;
  for (std::size_t i = 0; i < text.size(); ++row) {
    Chunk& current = chunks.back();
    if (current.lines >= kChunkLines && is_document_start(text, i)) {
      current.span.end = i;
      chunks.push_back({{i, text.size()}, static_cast<uint32_t>(row), 0});
    }
    ++chunks.back().lines;
    std::size_t newline = text.find('\n', i);
    i = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return chunks;
}

std::size_t line_offset(std::string_view text, std::size_t from, std::size_t lines) {
  for (; lines > 0 && from < text.size(); --lines) {
    std::size_t newline = text.find('\n', from);
    from = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return from;
}

class Abandon {};  // thrown inside the builder only: the document is given up

class StreamBuilder {
 public:
  StreamBuilder(Stream& stream, std::string_view text, std::vector<ParseError>& errors,
                const Limits& limits)
      : stream_(stream),
        text_(text),
        errors_(errors),
        max_depth_(std::min(limits.max_depth, kHardMaxDepth)),
        max_expanded_(limits.max_expanded_nodes) {}

  void build_stream(TSNode root) {
    for (const Child& c : children(root)) {
      std::string_view type = node_type(c.node);
      if (type == "document") {
        build_document(c.node);
      } else if (type == "block_node" || type == "flow_node") {
        // When tree-sitter gives up on the stream, the nodes it completed hang off the root
        // ERROR: each is what remains of a document.
        build_document(c.node);
      }
    }
  }

 private:
  void build_document(TSNode doc) {
    YamlDocument out;
    out.span = node_span(doc);
    anchors_.clear();
    open_anchors_.clear();
    std::string_view doc_type = node_type(doc);
    std::vector<Child> parts =
        doc_type == "document" ? children(doc) : std::vector<Child>{{doc, nullptr}};
    for (const Child& c : parts) {
      std::string_view type = node_type(c.node);
      if (type != "block_node" && type != "flow_node") continue;
      try {
        out.root = build(c.node, -1, false, 0).node;
      } catch (const Abandon&) {
        out.root = nullptr;
      }
      break;
    }
    stream_.documents.push_back(out);
  }

  Node& make(NodeKind kind, Span span, bool flow) {
    Node& node = stream_.arena.emplace_back();
    node.kind = kind;
    node.span = span;
    node.flow = flow;
    ++expanded_;
    return node;
  }

  Built null_at(std::size_t offset, bool flow) {
    Node& node = make(NodeKind::scalar, {offset, offset}, flow);
    return {&node, node.span, 1};
  }

  std::string_view slice(TSNode node) const {
    Span s = node_span(node);
    return text_.substr(s.begin, s.size());
  }

  long column(std::size_t offset) const {
    std::size_t line_start = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
    return static_cast<long>(offset - line_start);
  }

  void error(Span span, std::string message) { errors_.push_back({span, std::move(message)}); }

  // A block_node or flow_node: optional anchor and tag, then the content (or nothing).
  Built build(TSNode node, long parent_indent, bool flow, std::size_t depth) {
    std::string_view type = node_type(node);
    if (type != "block_node" && type != "flow_node")
      return build_content(node, parent_indent, flow, depth);
    std::string_view anchor, tag;
    TSNode content{};
    bool has_content = false;
    std::size_t after_properties = ts_node_start_byte(node);
    for (const Child& c : children(node)) {
      std::string_view t = node_type(c.node);
      if (t == "anchor") {
        std::string_view a = slice(c.node);
        anchor = a.substr(std::min<std::size_t>(1, a.size()));
        after_properties = ts_node_end_byte(c.node);
      } else if (t == "tag") {
        tag = slice(c.node);
        after_properties = ts_node_end_byte(c.node);
      } else if (ts_node_is_named(c.node) && t != "comment" && t != "ERROR" && !has_content) {
        content = c.node;
        has_content = true;
      }
    }
    if (has_content && node_type(content) == "alias") return build_alias(content, flow);

    if (!anchor.empty()) open_anchors_.push_back(anchor);
    Built built = has_content ? build_content(content, parent_indent, flow, depth)
                              : null_at(after_properties, flow);
    if (!anchor.empty()) open_anchors_.pop_back();
    // Content nodes are fresh here (aliases returned above), so they may be annotated.
    Node& out = const_cast<Node&>(*built.node);
    out.tag = std::string(tag);
    out.anchor = std::string(anchor);
    if (out.is_scalar() && !tag.empty()) {
      if (auto typed = detail::type_from_tag(tag))
        out.type = *typed;
      else if (tag == "!")
        out.type = ScalarType::string;
    }
    if (!anchor.empty()) {
      anchors_[std::string(anchor)] = &out;
      anchored_size_[&out] = built.size;
    }
    return built;
  }

  Built build_alias(TSNode alias, bool flow) {
    Span span = node_span(alias);
    std::string_view name = slice(alias).substr(1);
    if (std::find(open_anchors_.begin(), open_anchors_.end(), name) != open_anchors_.end()) {
      error(span,
            "alias '*" + std::string(name) +
                "' refers to a node that contains it; recursive structures are not supported");
      return null_at(span.begin, flow);
    }
    auto found = anchors_.find(std::string(name));
    if (found == anchors_.end()) {
      error(span, "unknown alias '*" + std::string(name) + "': no anchor '&" + std::string(name) +
                      "' before it in this document");
      Built null = null_at(span.begin, flow);
      const_cast<Node*>(null.node)->span = span;
      return {null.node, span, 1};
    }
    std::size_t size = anchored_size_[found->second];
    expanded_ += size;
    if (expanded_ > max_expanded_) {
      error(span, "alias '*" + std::string(name) + "' expands the document past " +
                      std::to_string(max_expanded_) +
                      " nodes (an alias bomb?); the document is not read further");
      throw Abandon{};
    }
    stream_.aliases.push_back({span, found->second});
    return {found->second, span, size};
  }

  void check_depth(TSNode node, std::size_t depth) {
    if (depth <= max_depth_) return;
    Span span = node_span(node);
    span.end = std::min(span.end, span.begin + 1);
    error(span, "nesting deeper than " + std::to_string(max_depth_) +
                    " levels; the document is not read further");
    throw Abandon{};
  }

  Built build_content(TSNode node, long parent_indent, bool flow, std::size_t depth) {
    std::string_view type = node_type(node);
    if (type == "block_mapping") return build_block_mapping(node, flow, depth + 1);
    if (type == "block_sequence") return build_block_sequence(node, flow, depth + 1);
    if (type == "flow_mapping") return build_flow_mapping(node, depth + 1);
    if (type == "flow_sequence") return build_flow_sequence(node, depth + 1);
    if (type == "flow_pair") return build_single_pair_mapping(node, depth + 1);
    if (type == "alias") return build_alias(node, flow);
    Span span = node_span(node);
    std::string_view token = slice(node);
    if (type == "plain_scalar")
      return scalar(span, detail::decode_plain(token), ScalarStyle::plain, flow);
    if (type == "single_quote_scalar")
      return scalar(span, detail::decode_single_quoted(token), ScalarStyle::single_quoted, flow);
    if (type == "double_quote_scalar")
      return scalar(span, decode_double_quoted(token), ScalarStyle::double_quoted, flow);
    if (type == "block_scalar") {
      detail::BlockScalar block = detail::decode_block(text_, span.begin, parent_indent);
      return scalar(span, std::move(block.value), block.style, flow);
    }
    return null_at(span.begin, flow);
  }

  Built scalar(Span span, std::string value, ScalarStyle style, bool flow) {
    Node& node = make(NodeKind::scalar, span, flow);
    node.style = style;
    node.type = style == ScalarStyle::plain ? core_schema_type(value) : ScalarType::string;
    node.value = std::move(value);
    return {&node, span, 1};
  }

  Built build_block_mapping(TSNode node, bool flow, std::size_t depth) {
    check_depth(node, depth);
    Node& map = make(NodeKind::mapping, node_span(node), flow);
    long indent = column(ts_node_start_byte(node));
    std::size_t size = 1;
    Span extent{ts_node_start_byte(node), ts_node_start_byte(node)};
    bool first = true;
    for (const Child& c : children(node)) {
      if (node_type(c.node) != "block_mapping_pair") continue;
      Span pair_extent;
      map.pairs.push_back(build_pair(c.node, indent, flow, depth, size, pair_extent));
      if (first) extent.begin = pair_extent.begin;
      extent.end = pair_extent.end;
      first = false;
    }
    map.span = extent;
    resolve_merges(map);
    return {&map, extent, size};
  }

  // A block_mapping_pair or flow_pair: key and value, either of which may be absent.
  Pair build_pair(TSNode node, long indent, bool flow, std::size_t depth, std::size_t& size,
                  Span& extent) {
    extent = node_span(node);
    std::size_t colon_end = extent.begin;
    std::optional<Built> key, value;
    for (const Child& c : children(node)) {
      if (has_field(c, "key"))
        key = build(c.node, indent, flow, depth);
      else if (has_field(c, "value"))
        value = build(c.node, indent, flow, depth);
      else if (node_type(c.node) == ":")
        colon_end = ts_node_end_byte(c.node);
      else if (node_type(c.node) == "?" && !key)
        colon_end = ts_node_end_byte(c.node);
    }
    if (!key) key = null_at(colon_end == extent.begin ? extent.begin : colon_end - 1, flow);
    if (!value) value = null_at(std::max(colon_end, key->extent.end), flow);
    size += key->size + value->size;
    extent.end = std::max({value->extent.end, key->extent.end, colon_end});
    return {key->node, value->node, false};
  }

  Built build_block_sequence(TSNode node, bool flow, std::size_t depth) {
    check_depth(node, depth);
    Node& seq = make(NodeKind::sequence, node_span(node), flow);
    long indent = column(ts_node_start_byte(node));
    std::size_t size = 1;
    Span extent{ts_node_start_byte(node), ts_node_start_byte(node)};
    bool first = true;
    for (const Child& item : children(node)) {
      if (node_type(item.node) != "block_sequence_item") continue;
      std::optional<Built> value;
      std::size_t dash_end = ts_node_start_byte(item.node) + 1;
      for (const Child& c : children(item.node)) {
        std::string_view t = node_type(c.node);
        if (t == "-")
          dash_end = ts_node_end_byte(c.node);
        else if (t == "block_node" || t == "flow_node")
          value = build(c.node, indent, flow, depth);
      }
      if (!value) value = null_at(dash_end, flow);
      seq.items.push_back(value->node);
      size += value->size;
      if (first) extent.begin = ts_node_start_byte(item.node);
      extent.end = std::max(value->extent.end, dash_end);
      first = false;
    }
    seq.span = extent;
    return {&seq, extent, size};
  }

  Built build_flow_mapping(TSNode node, std::size_t depth) {
    check_depth(node, depth);
    Node& map = make(NodeKind::mapping, node_span(node), true);
    std::size_t size = 1;
    for (const Child& c : children(node)) {
      std::string_view t = node_type(c.node);
      Span ignored;
      if (t == "flow_pair") {
        map.pairs.push_back(build_pair(c.node, -1, true, depth, size, ignored));
      } else if (t == "flow_node") {  // `{a, b: c}`: a key without a value
        Built key = build(c.node, -1, true, depth);
        Built value = null_at(key.extent.end, true);
        map.pairs.push_back({key.node, value.node, false});
        size += key.size + value.size;
      }
    }
    resolve_merges(map);
    return {&map, map.span, size};
  }

  Built build_flow_sequence(TSNode node, std::size_t depth) {
    check_depth(node, depth);
    Node& seq = make(NodeKind::sequence, node_span(node), true);
    std::size_t size = 1;
    for (const Child& c : children(node)) {
      std::string_view t = node_type(c.node);
      if (t != "flow_node" && t != "flow_pair") continue;
      Built item = t == "flow_pair" ? build_single_pair_mapping(c.node, depth + 1)
                                    : build(c.node, -1, true, depth);
      seq.items.push_back(item.node);
      size += item.size;
    }
    return {&seq, seq.span, size};
  }

  // `[a: b]`: a flow pair inside a sequence is a mapping of one pair.
  Built build_single_pair_mapping(TSNode node, std::size_t depth) {
    check_depth(node, depth);
    Node& map = make(NodeKind::mapping, node_span(node), true);
    std::size_t size = 1;
    Span extent;
    map.pairs.push_back(build_pair(node, -1, true, depth, size, extent));
    map.span = extent;
    return {&map, extent, size};
  }

  static bool is_merge_key(const Node* key) {
    return key && key->is_scalar() && key->style == ScalarStyle::plain && key->tag.empty() &&
           key->value == "<<";
  }

  // `<<: *base` or `<<: [*a, *b]`: the pairs of those mappings not already present, earlier
  // sources first. The `<<` pair itself is dropped once resolved.
  void resolve_merges(Node& map) {
    if (std::none_of(map.pairs.begin(), map.pairs.end(),
                     [](const Pair& p) { return is_merge_key(p.key); }))
      return;
    std::vector<Pair> own;
    std::vector<const Node*> sources;
    for (const Pair& p : map.pairs) {
      if (!is_merge_key(p.key)) {
        own.push_back(p);
        continue;
      }
      const Node* v = p.value;
      bool ok = v->is_mapping() ||
                (v->is_sequence() && std::all_of(v->items.begin(), v->items.end(),
                                                 [](const Node* n) { return n->is_mapping(); }));
      if (!ok) {
        error(p.key->span, "the merge key '<<' needs a mapping or a sequence of mappings");
        own.push_back(p);
        continue;
      }
      if (v->is_mapping())
        sources.push_back(v);
      else
        sources.insert(sources.end(), v->items.begin(), v->items.end());
    }
    std::unordered_set<std::string_view> seen;
    std::unordered_set<const Node*> seen_nodes;
    auto note = [&](const Node* key) {
      if (key->is_scalar()) return seen.insert(key->value).second;
      return seen_nodes.insert(key).second;
    };
    for (const Pair& p : own) note(p.key);
    for (const Node* source : sources)
      for (const Pair& p : source->pairs)
        if (note(p.key)) own.push_back({p.key, p.value, true});
    map.pairs = std::move(own);
  }

  Stream& stream_;
  std::string_view text_;
  std::vector<ParseError>& errors_;
  std::size_t max_depth_;
  std::size_t max_expanded_;
  std::size_t expanded_ = 0;
  std::unordered_map<std::string, const Node*> anchors_;
  std::unordered_map<const Node*, std::size_t> anchored_size_;
  std::vector<std::string_view> open_anchors_;
};

}  // namespace

bool Stream::aliased(const Node* node) const {
  if (!node) return false;
  // Aliased nodes are shared, so a node is reached through an alias exactly when it lies in
  // the source of an alias target.
  return std::any_of(aliases.begin(), aliases.end(), [node](const AliasUse& use) {
    Span t = use.target->span;
    return use.target == node ||
           (t.begin <= node->span.begin && node->span.end <= t.end && !node->span.empty());
  });
}

namespace {

// The previous version of a buffer: its text and the tree of each chunk.
struct TreeMemo final : ParseMemo {
  std::string text;
  std::vector<std::unique_ptr<TSTree, TreeDeleter>> trees;
};

std::unique_ptr<Stream> parse_with(std::string_view text, std::vector<ParseError>& errors,
                                   const Limits& limits, TreeMemo* memo) {
  // The previous trees, taken out of the memo: they get this version's or none.
  std::vector<std::unique_ptr<TSTree, TreeDeleter>> previous;
  if (memo) previous = std::exchange(memo->trees, {});
  auto stream = std::make_unique<Stream>();
  if (text.size() > kMaxInputBytes) {
    errors.push_back({{0, 0}, "file too large to parse as YAML"});
    return stream;
  }
  if (auto too_deep = detail::check_block_nesting(text, kMaxBlockLevels)) {
    errors.push_back(std::move(*too_deep));
    return stream;
  }

  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!parser || !ts_parser_set_language(parser.get(), tree_sitter_yaml())) {
    errors.push_back({{0, 0}, "the YAML parser could not be set up"});
    return stream;
  }
  Deadline deadline{std::chrono::steady_clock::now() + kParseBudget};
  TSInput input{};
  input.payload = &text;
  input.read = read_whole;
  input.encoding = TSInputEncodingUTF8;
  TSParseOptions options{};
  options.payload = &deadline;
  options.progress_callback = past_deadline;

  std::vector<Chunk> chunks = split_into_chunks(text);
  // Edited to this text, the old trees are reused when the chunks still correspond one to one.
  if (previous.size() == chunks.size()) {
    TSInputEdit edit = detail::edit_between(memo->text, text);
    for (auto& tree : previous) ts_tree_edit(tree.get(), &edit);
  } else {
    previous.clear();
  }

  std::size_t first_error = errors.size();
  StreamBuilder builder(*stream, text, errors, limits);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    const Chunk& chunk = chunks[c];
    TSRange range{{chunk.row, 0},
                  {UINT32_MAX, UINT32_MAX},
                  static_cast<uint32_t>(chunk.span.begin),
                  static_cast<uint32_t>(chunk.span.end)};
    ts_parser_set_included_ranges(parser.get(), &range, 1);
    const TSTree* old = c < previous.size() ? previous[c].get() : nullptr;
    std::unique_ptr<TSTree, TreeDeleter> tree(
        ts_parser_parse_with_options(parser.get(), old, input, options));
    if (!tree) {
      errors.push_back({{chunk.span.begin, chunk.span.begin},
                        "parsing the YAML took too long; the rest of the file was not read"});
      if (memo) memo->trees.clear();
      break;
    }
    TSNode root = ts_tree_root_node(tree.get());
    std::size_t before = errors.size();
    detail::collect_syntax_errors(root, text, chunk.span, errors);
    if (errors.size() > before && chunk.lines > kMaxScannerRows) {
      std::size_t at = line_offset(text, chunk.span.begin, kMaxScannerRows);
      errors.push_back({{at, at},
                        "this YAML document is longer than 32767 lines, past which "
                        "tree-sitter-yaml cannot read it reliably; split it with '---'"});
    }
    builder.build_stream(root);
    if (memo) memo->trees.push_back(std::move(tree));
  }
  if (memo) memo->text.assign(text);
  std::stable_sort(errors.begin() + static_cast<std::ptrdiff_t>(first_error), errors.end(),
                   [](const ParseError& a, const ParseError& b) { return a.span < b.span; });
  return stream;
}

}  // namespace

std::unique_ptr<Stream> parse(std::string_view text, std::vector<ParseError>& errors,
                              const Limits& limits) {
  return parse_with(text, errors, limits, nullptr);
}

std::unique_ptr<Stream> parse(std::string_view text, std::vector<ParseError>& errors,
                              const Limits& limits, std::shared_ptr<ParseMemo>& memo) {
  auto* trees = dynamic_cast<TreeMemo*>(memo.get());
  if (!trees) {
    auto fresh = std::make_shared<TreeMemo>();
    trees = fresh.get();
    memo = std::move(fresh);
  }
  return parse_with(text, errors, limits, trees);
}

}  // namespace infralint::yaml
