#include "model/dockerfile_facts.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

using dockerfile::File;
using dockerfile::Keyword;

bool all_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](unsigned char c) { return std::isdigit(c); });
}

std::uint64_t saturating_number(std::string_view digits) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  return value;
}

bool is_name_start(unsigned char c) { return std::isalpha(c) || c == '_'; }
bool is_name_char(unsigned char c) { return std::isalnum(c) || c == '_'; }

}  // namespace

bool same_stage_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

bool is_absolute_container_path(std::string_view path) {
  if (path.starts_with('/') || path.starts_with('\\')) return true;
  return path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
}

std::optional<std::size_t> stage_named(const File& file, std::string_view name) {
  for (std::size_t s = file.stages.size(); s-- > 0;)
    if (file.stages[s].name && same_stage_name(file.stages[s].name->value, name)) return s;
  return std::nullopt;
}

std::optional<std::string> chain_base_image(const File& file, std::size_t stage) {
  for (std::size_t hops = 0; stage < file.stages.size() && hops <= file.stages.size(); ++hops) {
    const dockerfile::Stage& s = file.stages[stage];
    if (!s.parent) return s.resolved_image;
    stage = *s.parent;
  }
  return std::nullopt;
}

bool built_from_scratch(const File& file, std::size_t stage) {
  auto image = chain_base_image(file, stage);
  return image && same_stage_name(*image, "scratch");
}

std::optional<CopySource> copy_source(const File& file, std::size_t instruction_index) {
  const dockerfile::Instruction& ins = file.instructions[instruction_index];
  if (ins.keyword != Keyword::copy) return std::nullopt;
  auto flag = std::ranges::find_if(ins.flags, [](const auto& f) { return f.name == "from"; });
  if (flag == ins.flags.end() || !flag->has_value) return std::nullopt;
  auto value = dockerfile::expand(flag->value, dockerfile::variables_at(file, instruction_index),
                                  file.escape);
  if (!value || value->empty()) return std::nullopt;
  CopySource source;
  source.flag = &*flag;
  source.value = *value;
  if (all_digits(*value)) {
    // BuildKit's strconv.Atoi: a number is always an index, never a name.
    source.by_index = true;
    std::uint64_t index = saturating_number(*value);
    source.kind = index < file.stages.size() ? CopySource::Kind::stage : CopySource::Kind::bad_index;
    if (source.kind == CopySource::Kind::stage) source.stage = index;
  } else if (auto stage = stage_named(file, *value)) {
    source.kind = CopySource::Kind::stage;
    source.stage = *stage;
  }
  return source;
}

std::vector<ExposedPort> exposed_ports(const File& file, std::size_t instruction_index) {
  std::vector<ExposedPort> ports;
  const dockerfile::Instruction& ins = file.instructions[instruction_index];
  if (ins.keyword != Keyword::expose) return ports;
  const dockerfile::Variables& vars = dockerfile::variables_at(file, instruction_index);
  for (const dockerfile::Word& word : ins.words) {
    auto expanded = dockerfile::expand(word.raw, vars, file.escape);
    if (!expanded) continue;
    // A variable may hold several ports ("80 443").
    std::string_view rest = *expanded;
    while (!rest.empty()) {
      auto begin = rest.find_first_not_of(" \t");
      if (begin == std::string_view::npos) break;
      rest.remove_prefix(begin);
      std::string_view text = rest.substr(0, rest.find_first_of(" \t"));
      rest.remove_prefix(text.size());
      ExposedPort port;
      port.text = std::string(text);
      port.span = word.span;
      std::string_view range = text;
      auto slash = text.find('/');
      port.protocol = slash == std::string_view::npos ? "tcp" : std::string(text.substr(slash + 1));
      std::ranges::transform(port.protocol, port.protocol.begin(),
                             [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      range = text.substr(0, slash);
      auto dash = range.find('-');
      std::string_view first = range.substr(0, dash);
      std::string_view last = dash == std::string_view::npos ? first : range.substr(dash + 1);
      if (!all_digits(first) || !all_digits(last)) continue;
      port.first = saturating_number(first);
      port.last = saturating_number(last);
      ports.push_back(std::move(port));
    }
  }
  return ports;
}

std::vector<std::vector<std::size_t>> repeated_in_stage(const File& file, Keyword keyword) {
  std::vector<std::vector<std::size_t>> groups;
  for (const dockerfile::Stage& stage : file.stages) {
    std::vector<std::size_t> found;
    for (std::size_t i = stage.first; i < stage.last; ++i)
      if (file.instructions[i].keyword == keyword) found.push_back(i);
    if (found.size() > 1) groups.push_back(std::move(found));
  }
  return groups;
}

std::vector<VariableReference> variable_references(std::string_view raw, char escape) {
  std::vector<VariableReference> refs;
  bool in_single = false, in_double = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (in_single) {
      in_single = c != '\'';
      continue;
    }
    if (c == escape) {
      ++i;
      continue;
    }
    if (c == '\'' && !in_double) {
      in_single = true;
    } else if (c == '"') {
      in_double = !in_double;
    } else if (c == '$' && i + 1 < raw.size()) {
      bool braced = raw[i + 1] == '{';
      std::size_t name_begin = i + (braced ? 2 : 1);
      if (name_begin >= raw.size() || !is_name_start(raw[name_begin])) continue;
      std::size_t name_end = name_begin;
      while (name_end < raw.size() && is_name_char(raw[name_end])) ++name_end;
      std::size_t end = name_end;
      if (braced) {
        // Skip a nested default such as ${a:-${b}} to the matching brace.
        int depth = 1;
        while (end < raw.size() && depth > 0) {
          if (raw[end] == '{') ++depth;
          if (raw[end] == '}') --depth;
          ++end;
        }
      }
      refs.push_back({std::string(raw.substr(name_begin, name_end - name_begin)), i, end - i});
      if (!braced) i = end - 1;
    }
  }
  return refs;
}

Span span_in_word(const dockerfile::Word& word, std::string_view written, std::size_t offset,
                  std::size_t length) {
  if (written != word.raw || offset + length > written.size()) return word.span;
  return {word.span.begin + offset, word.span.begin + offset + length};
}

bool holds_comment(const File& file, const dockerfile::Instruction& ins) {
  return std::any_of(file.comments.begin(), file.comments.end(),
                     [&](Span comment) { return ins.span.overlaps(comment); });
}

std::optional<Span> removable_lines(const Document& doc, const File& file,
                                    const dockerfile::Instruction& ins) {
  if (holds_comment(file, ins)) return std::nullopt;
  std::string_view text = doc.text();
  std::size_t begin = ins.span.begin;
  while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
  if (begin > 0 && text[begin - 1] != '\n') return std::nullopt;
  std::size_t end = ins.span.end;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  else if (end < text.size()) return std::nullopt;
  return Span{begin, end};
}

}  // namespace infralint
