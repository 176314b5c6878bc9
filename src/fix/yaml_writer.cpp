#include "fix/yaml_writer.hpp"

#include <algorithm>
#include <cctype>

#include "fix/yaml_writer_internal.hpp"

namespace infralint::yaml_edit {

using namespace detail;
using yaml::Node;
using yaml::Pair;
using yaml::ScalarStyle;

namespace {

Edit make_edit(std::size_t begin, std::size_t end, std::string replacement) {
  return Edit{Span{begin, end}, std::move(replacement)};
}

bool is_str_tag(std::string_view tag) {
  return tag == "!!str" || tag == "tag:yaml.org,2002:str";
}

// Where new block lines go after an entry ending at `end` whose column is `col`: after its last
// line and after the comment lines indented deeper than the entry, which belong to it.
std::optional<Edit> insert_lines_after(const yaml::Stream& stream, const Text& t, std::size_t end,
                                       std::size_t col, const std::string& body,
                                       std::string_view nl) {
  std::size_t line = t.line_start(end == 0 ? 0 : end - 1);
  while (t.has_newline_after(line)) {
    std::size_t next = t.next_line(line);
    if (next >= t.s.size() || !t.comment_line(next) || t.column(t.first_non_space(next)) <= col)
      break;
    line = next;
  }
  if (t.has_newline_after(line)) {
    std::size_t at = t.next_line(line);
    return make_edit(at, at, body + std::string(nl));
  }
  // At the end of a file without a final newline. A block scalar ending there would gain a
  // line break: `|` becomes `|-`, which keeps its value; with `|+` it cannot be kept.
  if (const Node* scalar = block_scalar_ending_on(stream, t.s, t.s.size() - 1)) {
    std::size_t b = scalar->span.begin + 1;
    std::size_t header_end = t.content_end(scalar->span.begin);
    std::string_view header = t.s.substr(b, header_end - b);
    if (header.find('+') != std::string_view::npos) return std::nullopt;
    if (header.find('-') == std::string_view::npos)
      return make_edit(b, t.s.size(), "-" + std::string(t.s.substr(b)) + std::string(nl) + body);
  }
  return make_edit(t.s.size(), t.s.size(), std::string(nl) + body);
}

// Removes the whole lines from the one holding `begin` to the one holding `end - 1`. A file
// without a final newline keeps having none, unless a block scalar ends on the line before:
// its last line break is part of its value.
Edit remove_lines(const yaml::Stream& stream, const Text& t, std::size_t begin, std::size_t end) {
  std::size_t from = t.line_start(begin);
  std::size_t last = t.line_start(end == 0 ? 0 : end - 1);
  if (t.has_newline_after(last)) return make_edit(from, t.next_line(last), "");
  if (from > 0 && block_scalar_ending_on(stream, t.s, from - 1))
    return make_edit(from, t.s.size(), "");
  if (from > 0 && t.s[from - 1] == '\n') --from;
  if (from > 0 && t.s[from - 1] == '\r') --from;
  return make_edit(from, t.s.size(), "");
}

// Which node in the text stands for `node` as its parent's child (an alias use has its own
// region), and where the mark before it is: the ':' of its pair or the '-' of its item.
struct Place {
  Parent parent;
  Region own;
  std::optional<std::size_t> mark;
  std::size_t mark_col = 0;  // column of the key or dash
  bool in_flow = false;
  bool is_key = false;
};

std::optional<Place> locate(std::string_view text, const yaml::Stream& stream, const Node& node) {
  auto parent = find_parent(stream, &node);
  if (!parent) return std::nullopt;
  Text t{text};
  Place place;
  place.parent = *parent;
  place.in_flow = parent->node && parent->node->flow;
  if (!parent->node) {
    place.own = {node.span.begin, node_end(text, node), node.span.empty()};
  } else if (parent->pair) {
    if (parent->pair->key == &node) {
      place.is_key = true;
      place.own = {node.span.begin, node_end(text, node), node.span.empty()};
      return place;
    }
    place.own = value_region(stream, text, *parent->pair);
    place.mark = colon_after(text, *parent->pair->key);
    place.mark_col = t.column(parent->pair->key->span.begin);
  } else {
    place.own = item_regions(stream, text, *parent->node)[parent->index];
    if (!place.in_flow) {
      auto dashes = item_dashes(stream, text, *parent->node);
      if (!dashes) return std::nullopt;
      place.mark = (*dashes)[parent->index];
      place.mark_col = t.column(*place.mark);
    }
  }
  if (!place.own.empty && !node.span.empty() && place.own.begin != node.span.begin)
    return std::nullopt;  // reached through an alias
  return place;
}

// A literal or folded scalar rewritten in its own style at its own content indentation.
std::optional<std::string> block_scalar(const Text& t, const Node& node, std::size_t own_end,
                                        std::string_view value, std::string_view nl) {
  std::size_t b = node.span.begin;
  std::size_t header_end = t.content_end(b);
  if (header_end >= own_end) return std::nullopt;
  std::string_view header = t.s.substr(b, header_end - b);
  std::size_t k = 1;
  while (k < header.size() && (header[k] == '-' || header[k] == '+' ||
                               std::isdigit(static_cast<unsigned char>(header[k]))))
    ++k;
  std::string header_comment(header.substr(k));
  std::size_t content_col = std::string_view::npos;
  for (std::size_t p = t.next_line(b); p < own_end; p = t.next_line(p)) {
    if (!t.blank_line(p)) {
      content_col = t.column(t.first_non_space(p));
      break;
    }
  }
  if (content_col == std::string_view::npos || content_col == 0) return std::nullopt;

  std::string body(value);
  std::size_t trailing = 0;
  while (!body.empty() && body.back() == '\n') body.pop_back(), ++trailing;
  if (trailing > 1 || body.empty()) return std::nullopt;
  for (char c : body)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
      return std::nullopt;
  std::size_t first_text = body.find_first_not_of('\n');
  if (body[first_text] == ' ' || body[first_text] == '\t') return std::nullopt;
  char indicator = t.s[b];
  if (indicator == '>' && body.find('\n') != std::string::npos) indicator = '|';

  std::string out(1, indicator);
  if (trailing == 0) out += '-';
  out += header_comment;
  std::size_t start = 0;
  while (true) {
    std::size_t nlpos = body.find('\n', start);
    std::string_view line = std::string_view(body).substr(start, nlpos - start);
    out += nl;
    if (!line.empty()) out += std::string(content_col, ' ') + std::string(line);
    if (nlpos == std::string::npos) break;
    start = nlpos + 1;
  }
  try {
    YAML::Node check = YAML::Load("k: " + out + "\n");
    if (!check["k"].IsScalar() || check["k"].Scalar() != value) return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return out;
}

// Removes entry `index` of a flow collection with one adjacent comma.
std::optional<Edit> remove_flow_entry(const yaml::Stream& stream, std::string_view text,
                                      const Node& coll, const std::vector<Region>& entries,
                                      std::size_t index) {
  auto close = flow_close(text, coll);
  if (!close || has_comment(text, coll, coll.span.begin, *close)) return std::nullopt;
  for (const Region& r : entries)
    if (r.empty) return std::nullopt;
  if (removes_used_anchor(stream, entries[index].begin, entries[index].end)) return std::nullopt;
  if (index + 1 < entries.size())
    return make_edit(entries[index].begin, entries[index + 1].begin, "");
  if (index == 0) return make_edit(entries[0].begin, entries[0].end, "");
  return make_edit(entries[index - 1].end, entries[index].end, "");
}

// Adds `entry` to a flow collection after the entry ending at `after` (or into an empty one).
std::optional<Edit> insert_flow_entry(std::string_view text, const Node& coll,
                                      const std::vector<Region>& entries, std::size_t after,
                                      const std::string& entry) {
  auto close = flow_close(text, coll);
  if (!close || has_comment(text, coll, coll.span.begin, *close)) return std::nullopt;
  Text t{text};
  if (entries.empty()) return make_edit(coll.span.begin + 1, *close, entry);
  const Region& r = entries[after];
  if (r.empty) return std::nullopt;
  bool last = after + 1 == entries.size();
  // One entry per line (`[\n  a,\n  b,\n]`): the new one gets its own line.
  if (last && t.line_start(r.begin) != t.line_start(coll.span.begin) && t.at_indent(r.begin)) {
    std::string pad(t.column(r.begin), ' ');
    std::string nl(t.newline());
    std::size_t p = r.end;
    while (p < *close && (text[p] == ' ' || text[p] == '\t')) ++p;
    if (text[p] == ',') return make_edit(p + 1, p + 1, nl + pad + entry + ",");
    return make_edit(r.end, r.end, "," + nl + pad + entry);
  }
  return make_edit(r.end, r.end, ", " + entry);
}

bool block_parent(const yaml::Stream& stream, const Node& node) {
  auto parent = find_parent(stream, &node);
  return parent && (!parent->node || !parent->node->flow);
}

}  // namespace

std::optional<Edit> set_scalar(std::string_view text, const yaml::Stream& stream,
                               const Node& scalar, std::string_view new_value) {
  if (!scalar.is_scalar() || stream.aliased(&scalar)) return std::nullopt;
  auto place = locate(text, stream, scalar);
  if (!place) return std::nullopt;
  Text t{text};
  bool flow = scalar.flow || place->in_flow;
  if (place->own.empty) {
    if (flow || !place->mark || place->is_key) return std::nullopt;
    auto rendered = render_string(new_value, Intent::typed, false);
    if (!rendered) return std::nullopt;
    return make_edit(*place->mark + 1, *place->mark + 1, " " + *rendered);
  }
  std::optional<std::string> rendered;
  switch (scalar.style) {
    case ScalarStyle::plain: {
      bool typed_ok = scalar.type != yaml::ScalarType::string && !is_str_tag(scalar.tag) &&
                      (yaml::core_schema_type(new_value) == scalar.type ||
                       (scalar.type == yaml::ScalarType::null && canonical_typed(new_value)));
      if (plain_allowed(new_value, flow) &&
          (typed_ok || is_str_tag(scalar.tag) || !looks_non_string(new_value)))
        rendered = std::string(new_value);
      else
        rendered = render_quoted(new_value, ScalarStyle::double_quoted, flow);
      break;
    }
    case ScalarStyle::single_quoted:
    case ScalarStyle::double_quoted:
      rendered = render_quoted(new_value, scalar.style, flow);
      break;
    case ScalarStyle::literal:
    case ScalarStyle::folded:
      rendered = block_scalar(t, scalar, place->own.end, new_value, t.newline());
      if (!rendered) rendered = render_quoted(new_value, ScalarStyle::double_quoted, flow);
      break;
  }
  if (!rendered) return std::nullopt;
  return make_edit(place->own.begin, place->own.end, *rendered);
}

std::optional<Edit> replace_value(std::string_view text, const yaml::Stream& stream,
                                  const Node& node, const NewValue& value) {
  if (stream.aliased(&node)) return std::nullopt;
  auto place = locate(text, stream, node);
  if (!place || place->is_key) return std::nullopt;
  Text t{text};
  const Region& own = place->own;
  if (!own.empty && removes_used_anchor(stream, own.begin, own.end)) return std::nullopt;
  std::string nl(t.newline());
  if (place->in_flow) {
    auto rendered = render_flow(value);
    if (!rendered || own.empty) return std::nullopt;
    return make_edit(own.begin, own.end, *rendered);
  }
  Layout layout = detect_layout(stream, text, place->parent.node ? place->parent.node : &node);

  if (!place->parent.node) {  // a document's root
    if (own.empty) return std::nullopt;
    std::size_t col = t.column(own.begin);
    std::vector<std::string> lines;
    if (!render_node(value, col, layout, lines)) return std::nullopt;
    lines[0].erase(0, col);
    return make_edit(own.begin, own.end, join_lines(lines, 0, nl));
  }
  if (!place->mark) return std::nullopt;
  std::size_t mark = *place->mark, col = place->mark_col;
  bool is_item = place->parent.pair == nullptr;

  // Render as `k: value` / `- value` at the entry's column, then keep what follows the mark.
  std::vector<std::string> lines;
  if (is_item ? !render_item(value, col, layout, lines)
              : !render_pair("k", value, col, layout, lines))
    return std::nullopt;
  std::string tail = lines[0].substr(col + (is_item ? 1 : 2));
  std::string rest = join_lines(lines, 1, nl);
  bool one_line = lines.size() == 1;

  if (one_line && !tail.empty() && !own.empty && node.is_scalar())
    return make_edit(own.begin, own.end, tail.substr(1));
  if (own.empty) {
    if (one_line) return make_edit(mark + 1, mark + 1, tail);
    std::size_t eol = t.content_end(mark);
    return make_edit(eol, eol, tail + nl + rest);
  }
  std::size_t eol = t.content_end(own.end);
  if (t.line_start(own.begin) == t.line_start(mark)) {
    if (one_line) return make_edit(mark + 1, own.end, tail);
    std::string comment = tail.empty() ? std::string(text.substr(own.end, eol - own.end)) : "";
    return make_edit(mark + 1, eol, tail + comment + nl + rest);
  }
  // The old value starts on a later line: keep the comments between the mark and it.
  std::size_t first_line = t.line_start(own.begin);
  if (one_line) {
    std::string between(text.substr(mark + 1, first_line - mark - 1));
    while (!between.empty() && (between.back() == '\n' || between.back() == '\r'))
      between.pop_back();
    return make_edit(mark + 1, eol, tail + between);
  }
  if (is_item) {
    std::vector<std::string> bare;
    if (!render_node(value, std::max(t.column(own.begin), col + 1), layout, bare))
      return std::nullopt;
    return make_edit(first_line, eol, join_lines(bare, 0, nl));
  }
  return make_edit(first_line, eol, rest);
}

std::optional<Edit> insert_pair(std::string_view text, const yaml::Stream& stream,
                                const Node& mapping, std::string_view key, const NewValue& value,
                                std::optional<std::string_view> after_key) {
  if (stream.aliased(&mapping)) return std::nullopt;
  if (mapping.is_null()) {
    return replace_value(text, stream, mapping, NewValue::mapping({{std::string(key), value}}));
  }
  if (!mapping.is_mapping()) return std::nullopt;
  auto pairs = own_pairs(mapping);
  for (const Pair* p : pairs)
    if (p->key->is_scalar() && p->key->value == key) return std::nullopt;
  std::size_t anchor = pairs.size();
  for (std::size_t i = 0; i < pairs.size(); ++i)
    if (!after_key || (pairs[i]->key->is_scalar() && pairs[i]->key->value == *after_key))
      anchor = i;
  if (after_key && anchor == pairs.size()) return std::nullopt;
  Text t{text};
  std::string nl(t.newline());

  if (mapping.flow) {
    if (pairs.empty() && block_parent(stream, mapping)) {
      return replace_value(text, stream, mapping, NewValue::mapping({{std::string(key), value}}));
    }
    auto key_text = render_string(key, Intent::string, true);
    auto rendered = render_flow(value);
    if (!key_text || !rendered) return std::nullopt;
    std::vector<Region> entries;
    for (const Pair* p : pairs) entries.push_back(pair_region(stream, text, *p));
    std::string entry = *key_text + ":" + (rendered->empty() ? "" : " " + *rendered);
    return insert_flow_entry(text, mapping, entries, anchor, entry);
  }
  if (pairs.empty()) return std::nullopt;
  auto key_text = render_string(key, Intent::string, false);
  if (!key_text) return std::nullopt;
  std::size_t col = t.column(pairs.front()->key->span.begin);
  Layout layout = detect_layout(stream, text, &mapping);
  std::vector<std::string> lines;
  if (!render_pair(*key_text, value, col, layout, lines)) return std::nullopt;
  Region r = pair_region(stream, text, *pairs[anchor]);
  return insert_lines_after(stream, t, r.end, col, join_lines(lines, 0, nl), nl);
}

std::optional<Edit> append_item(std::string_view text, const yaml::Stream& stream,
                                const Node& sequence, const NewValue& value) {
  if (stream.aliased(&sequence)) return std::nullopt;
  if (sequence.is_null()) {
    return replace_value(text, stream, sequence, NewValue::sequence({value}));
  }
  if (!sequence.is_sequence()) return std::nullopt;
  Text t{text};
  std::string nl(t.newline());
  std::vector<Region> entries = item_regions(stream, text, sequence);
  if (sequence.flow) {
    if (entries.empty() && block_parent(stream, sequence)) {
      return replace_value(text, stream, sequence, NewValue::sequence({value}));
    }
    auto rendered = render_flow(value);
    if (!rendered) return std::nullopt;
    return insert_flow_entry(text, sequence, entries, entries.empty() ? 0 : entries.size() - 1,
                             *rendered);
  }
  auto dashes = item_dashes(stream, text, sequence);
  if (!dashes) return std::nullopt;
  std::size_t col = t.column(dashes->front());
  Layout layout = detect_layout(stream, text, &sequence);
  std::vector<std::string> lines;
  if (!render_item(value, col, layout, lines)) return std::nullopt;
  const Region& last = entries.back();
  std::size_t end = last.empty ? dashes->back() + 1 : std::max(last.end, dashes->back() + 1);
  return insert_lines_after(stream, t, end, col, join_lines(lines, 0, nl), nl);
}

std::optional<Edit> remove_pair(std::string_view text, const yaml::Stream& stream,
                                const Node& mapping, std::string_view key) {
  if (!mapping.is_mapping() || stream.aliased(&mapping)) return std::nullopt;
  auto pairs = own_pairs(mapping);
  std::size_t index = pairs.size();
  for (std::size_t i = 0; i < pairs.size(); ++i)
    if (pairs[i]->key->is_scalar() && pairs[i]->key->value == key) index = i;
  if (index == pairs.size()) return std::nullopt;
  // Removing the last pair would leave null where a mapping was: write `{}` instead.
  if (pairs.size() == 1) return replace_value(text, stream, mapping, NewValue::mapping());
  if (mapping.flow) {
    std::vector<Region> entries;
    for (const Pair* p : pairs) entries.push_back(pair_region(stream, text, *p));
    return remove_flow_entry(stream, text, mapping, entries, index);
  }
  Text t{text};
  Region r = pair_region(stream, text, *pairs[index]);
  if (removes_used_anchor(stream, r.begin, r.end)) return std::nullopt;
  if (t.at_indent(r.begin)) return remove_lines(stream, t, r.begin, r.end);
  // The first key of a sequence item (`- name: x`): the next key moves up after the dash.
  if (index != 0) return std::nullopt;
  std::size_t next = pairs[1]->key->span.begin;
  std::size_t eol = t.content_end(r.end);
  std::string_view between = text.substr(eol, next - eol);
  if (between.find_first_not_of("\r\n ") == std::string_view::npos &&
      std::count(between.begin(), between.end(), '\n') == 1)
    return make_edit(r.begin, next, "");
  std::size_t from = r.begin;
  while (from > t.line_start(r.begin) && text[from - 1] == ' ') --from;
  return make_edit(from, eol, "");
}

std::optional<Edit> remove_item(std::string_view text, const yaml::Stream& stream,
                                const Node& sequence, std::size_t index) {
  if (!sequence.is_sequence() || stream.aliased(&sequence) || index >= sequence.items.size())
    return std::nullopt;
  if (sequence.items.size() == 1)
    return replace_value(text, stream, sequence, NewValue::sequence());
  std::vector<Region> entries = item_regions(stream, text, sequence);
  if (sequence.flow) return remove_flow_entry(stream, text, sequence, entries, index);
  auto dashes = item_dashes(stream, text, sequence);
  if (!dashes) return std::nullopt;
  Text t{text};
  std::size_t dash = (*dashes)[index];
  const Region& r = entries[index];
  std::size_t end = r.empty ? dash + 1 : std::max(r.end, dash + 1);
  if (removes_used_anchor(stream, dash, end)) return std::nullopt;
  if (t.at_indent(dash)) return remove_lines(stream, t, dash, end);
  // A compact nested item (`- - a`): the next item moves up into its place.
  if (index + 1 >= dashes->size()) return std::nullopt;
  std::size_t next = (*dashes)[index + 1];
  std::size_t eol = t.content_end(end);
  std::string_view between = text.substr(eol, next - eol);
  if (between.find_first_not_of("\r\n ") != std::string_view::npos) return std::nullopt;
  return make_edit(dash, next, "");
}

}  // namespace infralint::yaml_edit
