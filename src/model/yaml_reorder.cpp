// Moving entries of block collections line by line, for the sorting fixes of style rules.
#include "model/yaml_reorder.hpp"

#include <string>

namespace infralint {
namespace {

std::size_t line_start(std::string_view text, std::size_t offset) {
  auto nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  return offset == 0 || nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_end(std::string_view text, std::size_t offset) {  // after the '\n'
  auto nl = text.find('\n', offset);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool comment(std::string_view line) {
  auto first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line[first] == '#';
}

bool contains_anchor_or_alias(const yaml::Stream& stream, Span region) {
  for (const yaml::AliasUse& use : stream.aliases)
    if (region.overlaps(use.alias_span) || (use.target && region.overlaps(use.target->span)))
      return true;
  for (const yaml::Node& n : stream.arena)
    if (!n.anchor.empty() && region.overlaps(n.span)) return true;
  return false;
}

}  // namespace

std::optional<Edit> reorder_block_entries(std::string_view text, const yaml::Stream& stream,
                                          const yaml::Node& collection,
                                          const std::vector<std::size_t>& order) {
  if (collection.flow || collection.is_scalar()) return std::nullopt;
  std::vector<std::size_t> starts;  // the first byte of each entry's own line
  std::vector<std::size_t> value_ends;
  if (collection.is_mapping()) {
    for (const yaml::Pair& p : collection.pairs) {
      if (p.merged) return std::nullopt;
      starts.push_back(p.key->span.begin);
      value_ends.push_back(std::max(p.key->span.end, p.value->span.end));
    }
  } else {
    for (const yaml::Node* item : collection.items) {
      // The item's '-' starts the entry.
      auto dash = text.rfind('-', item->span.begin);
      if (dash == std::string_view::npos) return std::nullopt;
      starts.push_back(dash);
      value_ends.push_back(item->span.end);
    }
  }
  std::size_t n = starts.size();
  if (n < 2 || order.size() != n) return std::nullopt;
  // Each entry must begin its line (after indentation; for a sequence item, after its '-').
  for (std::size_t s : starts) {
    std::string_view before = text.substr(line_start(text, s), s - line_start(text, s));
    if (!blank(before) && !before.empty()) return std::nullopt;
  }
  // Chunks: the comment lines directly above an entry at its indentation, the entry's lines,
  // and any deeper comment lines after it; gaps: the blank lines between chunks.
  std::vector<std::size_t> chunk_begin(n), chunk_end(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t own_line = line_start(text, starts[i]);
    std::size_t indent = starts[i] - own_line;
    std::size_t begin = own_line;
    std::size_t floor = i == 0 ? 0 : line_end(text, value_ends[i - 1] - 1);
    while (begin > floor) {
      std::size_t prev = line_start(text, begin - 1);
      std::string_view line = text.substr(prev, begin - prev);
      if (!comment(line) || line.find_first_not_of(" \t") != indent) break;
      begin = prev;
    }
    chunk_begin[i] = begin;
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t end = line_end(text, value_ends[i] == 0 ? 0 : value_ends[i] - 1);
    if (i + 1 < n) {
      // Extend over the non-blank lines up to the next chunk (deeper comments of this entry).
      std::size_t pos = end;
      while (pos < chunk_begin[i + 1]) {
        std::size_t next = line_end(text, pos);
        if (!blank(text.substr(pos, next - pos))) end = next;
        pos = next;
      }
      if (end > chunk_begin[i + 1]) return std::nullopt;
    }
    chunk_end[i] = end;
  }
  Span region{chunk_begin[0], chunk_end[n - 1]};
  if (contains_anchor_or_alias(stream, region)) return std::nullopt;
  bool final_newline = text.substr(region.begin, region.size()).ends_with('\n');
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string chunk(
        text.substr(chunk_begin[order[i]], chunk_end[order[i]] - chunk_begin[order[i]]));
    if (!chunk.ends_with('\n')) chunk += '\n';
    out += chunk;
    if (i + 1 < n) out += text.substr(chunk_end[i], chunk_begin[i + 1] - chunk_end[i]);
  }
  if (!final_newline) out.pop_back();
  if (out == text.substr(region.begin, region.size())) return std::nullopt;
  return Edit{region, std::move(out)};
}

}  // namespace infralint
