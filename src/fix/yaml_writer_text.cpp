// Text geometry and tree lookups for the YAML writer.
#include <algorithm>
#include <vector>

#include "fix/yaml_writer_internal.hpp"

namespace infralint::yaml_edit::detail {

using yaml::Node;
using yaml::Pair;

std::size_t Text::line_start(std::size_t off) const {
  off = std::min(off, s.size());
  while (off > 0 && s[off - 1] != '\n') --off;
  return off;
}

std::size_t Text::content_end(std::size_t off) const {
  std::size_t nl = s.find('\n', std::min(off, s.size()));
  if (nl == std::string_view::npos) return s.size();
  return nl > 0 && s[nl - 1] == '\r' ? nl - 1 : nl;
}

std::size_t Text::next_line(std::size_t off) const {
  std::size_t nl = s.find('\n', std::min(off, s.size()));
  return nl == std::string_view::npos ? s.size() : nl + 1;
}

bool Text::has_newline_after(std::size_t off) const {
  return s.find('\n', std::min(off, s.size())) != std::string_view::npos;
}

bool Text::at_indent(std::size_t off) const {
  for (std::size_t i = line_start(off); i < off; ++i)
    if (s[i] != ' ') return false;
  return true;
}

std::size_t Text::first_non_space(std::size_t off) const {
  std::size_t i = line_start(off), end = content_end(off);
  while (i < end && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

bool Text::blank_line(std::size_t off) const {
  return first_non_space(off) == content_end(off);
}

bool Text::comment_line(std::size_t off) const {
  std::size_t i = first_non_space(off);
  return i < s.size() && s[i] == '#';
}

std::string_view Text::newline() const {
  std::size_t nl = s.find('\n');
  return nl != std::string_view::npos && nl > 0 && s[nl - 1] == '\r' ? "\r\n" : "\n";
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t trimmed_end(std::string_view text, Span span) {
  std::size_t end = std::min(span.end, text.size());
  while (end > span.begin && is_space(text[end - 1])) --end;
  return end;
}

bool opens_flow(std::string_view text, const Node& node) {
  if (!node.flow || node.is_scalar() || node.span.begin >= text.size()) return false;
  char c = text[node.span.begin];
  return node.is_mapping() ? c == '{' : c == '[';
}

void collect_scalars(const Node& node, std::vector<Span>& out, int depth = 0) {
  if (depth > 256) return;
  if (node.is_scalar()) {
    out.push_back(node.span);
    return;
  }
  for (const Pair& p : node.pairs) {
    if (p.merged) continue;
    if (p.key) collect_scalars(*p.key, out, depth + 1);
    if (p.value) collect_scalars(*p.value, out, depth + 1);
  }
  for (const Node* item : node.items)
    if (item) collect_scalars(*item, out, depth + 1);
}

// The alias use that stands for `target` first after `after`.
std::optional<Span> alias_after(const yaml::Stream& stream, const Node* target, std::size_t after) {
  std::optional<Span> best;
  for (const yaml::AliasUse& use : stream.aliases)
    if (use.target == target && use.alias_span.begin >= after &&
        (!best || use.alias_span.begin < best->begin))
      best = use.alias_span;
  return best;
}

// The region of `node` written at or after `after`: its own text, or the alias standing for it.
Region region_after(const yaml::Stream& stream, std::string_view text, const Node* node,
                    std::size_t after) {
  if (!node) return {after, after, true};
  if (node->span.begin >= after && !node->span.empty())
    return {node->span.begin, node_end(text, *node), false};
  if (node->span.begin < after) {
    if (auto alias = alias_after(stream, node, after)) return {alias->begin, alias->end, false};
  }
  return {after, after, true};
}

}  // namespace

std::optional<std::size_t> flow_close(std::string_view text, const Node& node) {
  if (!opens_flow(text, node)) return std::nullopt;
  std::size_t p = node.span.begin + 1;
  if (node.is_mapping()) {
    for (const Pair& pair : node.pairs) {
      if (pair.merged || !pair.key) continue;
      p = std::max(p, node_end(text, *pair.key));
      if (pair.value && pair.value->span.begin >= pair.key->span.end)
        p = std::max(p, node_end(text, *pair.value));
    }
  } else {
    for (const Node* item : node.items)
      if (item && item->span.begin > node.span.begin) p = std::max(p, node_end(text, *item));
  }
  char close = node.is_mapping() ? '}' : ']';
  while (p < text.size()) {
    char c = text[p];
    if (c == close) return p;
    if (is_space(c) || c == ',') {
      ++p;
      continue;
    }
    // An alias as the last entry, or a comment: step over a token and keep looking, but a
    // comment inside the collection makes edits unsafe.
    if (c == '#') return std::nullopt;
    if (c == '*') {
      while (p < text.size() && !is_space(text[p]) && text[p] != ',' && text[p] != close) ++p;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::size_t node_end(std::string_view text, const Node& node) {
  if (node.span.empty()) return node.span.end;
  if (node.is_scalar()) {
    std::size_t end = trimmed_end(text, node.span);
    // Spaces ending a block scalar's last line are content.
    bool block =
        node.style == yaml::ScalarStyle::literal || node.style == yaml::ScalarStyle::folded;
    return block && end > node.span.begin ? Text{text}.content_end(end - 1) : end;
  }
  if (opens_flow(text, node)) {
    if (auto close = flow_close(text, node)) return *close + 1;
    return trimmed_end(text, node.span);
  }
  std::size_t end = trimmed_end(text, node.span);
  const Node* last = nullptr;
  if (node.is_mapping()) {
    for (const Pair& p : node.pairs)
      if (!p.merged && p.value && p.key && p.value->span.begin >= p.key->span.end &&
          (!last || p.value->span.begin > last->span.begin))
        last = p.value;
  } else if (!node.items.empty()) {
    last = node.items.back();
  }
  if (last && last->span.begin >= node.span.begin) end = std::max(end, node_end(text, *last));
  return end;
}

bool has_comment(std::string_view text, const Node& node, std::size_t begin, std::size_t end) {
  std::vector<Span> scalars;
  collect_scalars(node, scalars);
  std::sort(scalars.begin(), scalars.end());
  std::size_t k = 0;
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    while (k < scalars.size() && scalars[k].end <= i) ++k;
    bool inside = false;
    for (std::size_t j = k; j < scalars.size() && scalars[j].begin <= i; ++j)
      if (scalars[j].contains(i)) inside = true;
    if (!inside && text[i] == '#' && (i == 0 || is_space(text[i - 1]))) return true;
  }
  return false;
}

std::vector<const Pair*> own_pairs(const Node& mapping) {
  std::vector<const Pair*> out;
  for (const Pair& p : mapping.pairs)
    if (!p.merged && p.key) out.push_back(&p);
  std::stable_sort(out.begin(), out.end(), [](const Pair* a, const Pair* b) {
    return a->key->span.begin < b->key->span.begin;
  });
  return out;
}

Region value_region(const yaml::Stream& stream, std::string_view text, const Pair& pair) {
  std::size_t after = pair.key->span.empty() ? pair.key->span.end : node_end(text, *pair.key);
  return region_after(stream, text, pair.value, after);
}

Region pair_region(const yaml::Stream& stream, std::string_view text, const Pair& pair) {
  Region key{pair.key->span.begin, node_end(text, *pair.key), pair.key->span.empty()};
  Region value = value_region(stream, text, pair);
  if (!value.empty) key.end = std::max(key.end, value.end);
  return key;
}

std::vector<Region> item_regions(const yaml::Stream& stream, std::string_view text,
                                 const Node& seq) {
  std::vector<Region> out;
  std::size_t after = seq.span.begin;
  for (const Node* item : seq.items) {
    out.push_back(region_after(stream, text, item, after));
    after = out.back().empty ? out.back().begin : out.back().end;
  }
  return out;
}

std::optional<Parent> find_parent(const yaml::Stream& stream, const Node* target) {
  struct Frame {
    const Node* node;
    int depth;
  };
  for (const yaml::YamlDocument& doc : stream.documents) {
    if (!doc.root) continue;
    if (doc.root == target) return Parent{};
    std::vector<Frame> stack{{doc.root, 0}};
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      if (f.depth > 600) continue;
      for (const Pair& p : f.node->pairs) {
        if (p.merged) continue;
        if (p.value == target || p.key == target) return Parent{f.node, &p, 0};
        if (p.value && !p.value->is_scalar()) stack.push_back({p.value, f.depth + 1});
      }
      for (std::size_t i = 0; i < f.node->items.size(); ++i) {
        const Node* item = f.node->items[i];
        if (item == target) return Parent{f.node, nullptr, i};
        if (item && !item->is_scalar()) stack.push_back({item, f.depth + 1});
      }
    }
  }
  return std::nullopt;
}

std::optional<std::size_t> colon_after(std::string_view text, const Node& key) {
  std::size_t p = node_end(text, key);
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
  if (p < text.size() && text[p] == ':') return p;
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> item_dashes(const yaml::Stream& stream,
                                                    std::string_view text, const Node& seq) {
  if (seq.flow || seq.items.empty()) return std::nullopt;
  Text t{text};
  auto is_dash = [&](std::size_t p) {
    return p < text.size() && text[p] == '-' && (p + 1 == text.size() || is_space(text[p + 1]));
  };
  std::vector<Region> regions = item_regions(stream, text, seq);
  std::vector<std::size_t> dashes;
  // The first dash: where the sequence starts, or just before its first item's content.
  if (is_dash(seq.span.begin)) {
    dashes.push_back(seq.span.begin);
  } else {
    if (regions[0].empty) return std::nullopt;
    std::size_t p = regions[0].begin;
    while (p > t.line_start(regions[0].begin) && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
    if (p == 0 || !is_dash(p - 1)) return std::nullopt;
    dashes.push_back(p - 1);
  }
  // Later dashes start their lines at the first dash's column, after the previous item.
  std::size_t col = t.column(dashes[0]);
  for (std::size_t i = 1; i < seq.items.size(); ++i) {
    const Region& prev = regions[i - 1];
    std::size_t from = prev.empty ? dashes.back() : std::max(prev.end, dashes.back() + 1) - 1;
    std::size_t p = t.next_line(from);
    std::optional<std::size_t> found;
    while (p < text.size() && !found) {
      std::size_t q = t.first_non_space(p);
      if (q - p == col && is_dash(q))
        found = q;
      else if (!t.blank_line(p) && !t.comment_line(p) && q - p <= col)
        return std::nullopt;
      p = t.next_line(p);
    }
    if (!found) return std::nullopt;
    dashes.push_back(*found);
  }
  return dashes;
}

Layout detect_layout(const yaml::Stream& stream, std::string_view text, const Node* near) {
  Layout layout;
  layout.newline = std::string(Text{text}.newline());
  std::optional<std::size_t> map_step, seq_step;
  std::optional<bool> indentless;
  Text t{text};
  auto visit = [&](const Node* root) {
    std::vector<std::pair<const Node*, int>> stack{{root, 0}};
    // The first answers stand, and with both of these the sequence step no longer counts: the
    // rest of the tree cannot change the layout (this runs per fix, on files of 1 000 rules).
    while (!stack.empty() && !(map_step && indentless)) {
      auto [node, depth] = stack.back();
      stack.pop_back();
      if (!node || depth > 600 || node->flow) continue;
      for (const Pair& p : node->pairs) {
        if (p.merged || !p.key || !p.value || p.value->span.begin < p.key->span.end) continue;
        const Node& v = *p.value;
        if (v.flow || v.is_scalar()) continue;
        std::size_t kc = t.column(p.key->span.begin);
        if (v.is_mapping()) {
          // The first own key, without collecting and sorting them all (this runs per fix).
          const Pair* first = nullptr;
          if (!map_step)
            for (const Pair& q : v.pairs)
              if (!q.merged && q.key && (!first || q.key->span.begin < first->key->span.begin))
                first = &q;
          if (first) {
            std::size_t c = t.column(first->key->span.begin);
            if (c > kc) map_step = c - kc;
          }
        } else if (!v.items.empty() && (!indentless || !seq_step)) {
          if (auto dashes = item_dashes(stream, text, v)) {
            std::size_t d = t.column(dashes->front());
            if (!indentless) indentless = d == kc;
            if (d > kc && !seq_step) seq_step = d - kc;
          }
        }
        stack.push_back({&v, depth + 1});
      }
      for (const Node* item : node->items)
        if (item && !item->is_scalar()) stack.push_back({item, depth + 1});
    }
  };
  if (near) visit(near);
  for (const yaml::YamlDocument& doc : stream.documents) {
    if (map_step && indentless) break;
    if (doc.root) visit(doc.root);
  }
  if (map_step)
    layout.step = *map_step;
  else if (seq_step)
    layout.step = *seq_step;
  layout.indentless = indentless.value_or(false);
  return layout;
}

const Node* block_scalar_ending_on(const yaml::Stream& stream, std::string_view text,
                                   std::size_t offset) {
  Text t{text};
  std::size_t line = t.line_start(offset);
  std::vector<const Node*> stack;
  for (const yaml::YamlDocument& doc : stream.documents)
    if (doc.root) stack.push_back(doc.root);
  std::size_t visited = 0;
  while (!stack.empty() && ++visited < 1'000'000) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n->is_scalar()) {
      bool block = n->style == yaml::ScalarStyle::literal || n->style == yaml::ScalarStyle::folded;
      if (block && !n->span.empty() && t.line_start(node_end(text, *n) - 1) == line) return n;
      continue;
    }
    for (const Pair& p : n->pairs)
      if (!p.merged && p.value) stack.push_back(p.value);
    for (const Node* item : n->items)
      if (item) stack.push_back(item);
  }
  return nullptr;
}

bool removes_used_anchor(const yaml::Stream& stream, std::size_t begin, std::size_t end) {
  for (const yaml::AliasUse& use : stream.aliases) {
    if (!use.target) continue;
    bool target_inside = use.target->span.begin >= begin && use.target->span.begin < end;
    bool alias_inside = use.alias_span.begin >= begin && use.alias_span.begin < end;
    if (target_inside && !alias_inside) return true;
  }
  return false;
}

}  // namespace infralint::yaml_edit::detail
