#include "model/dockerfile_casing.hpp"

#include <cctype>

namespace infralint {

using dockerfile::Instruction;
using dockerfile::Keyword;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_self_consistent_casing(std::string_view s) {
  return s == ascii_lower(s) || s == ascii_upper(s);
}

bool majority_lowercase(const Document& doc, const dockerfile::File& file) {
  std::size_t lower = 0, upper = 0;
  for (const Instruction& ins : file.instructions) {
    std::string_view keyword = doc.slice(ins.keyword_span);
    if (!is_self_consistent_casing(keyword)) continue;
    (keyword == ascii_lower(keyword) ? lower : upper) += 1;
  }
  return lower > upper;
}

namespace {

// The `from=` value inside a `--mount` flag value (`type=bind,from=build,target=/src`).
void mount_references(const Document& doc, const dockerfile::Flag& flag, std::string_view lower,
                      std::vector<StageReference>& out) {
  std::string_view value = flag.value;
  std::size_t at = 0;
  while (at <= value.size()) {
    std::size_t comma = value.find(',', at);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view field = value.substr(at, comma - at);
    if (field.starts_with("from=") && ascii_lower(field.substr(5)) == lower) {
      bool literal = doc.slice(flag.value_span) == value;
      Span span = flag.value_span;
      if (literal) span = {flag.value_span.begin + at + 5, flag.value_span.begin + comma};
      out.push_back({span, literal});
    }
    at = comma + 1;
  }
}

}  // namespace

std::vector<StageReference> stage_references(const Document& doc, const dockerfile::File& file,
                                             std::string_view name) {
  std::string lower = ascii_lower(name);
  std::vector<StageReference> out;
  auto literal_word = [&](const dockerfile::Word& w) {
    return doc.slice(w.span) == w.value && w.value == w.raw;
  };
  for (std::size_t s = 0; s < file.stages.size(); ++s) {
    const dockerfile::Stage& stage = file.stages[s];
    if (stage.parent && ascii_lower(stage.image.value) == lower)
      out.push_back({stage.image.span, literal_word(stage.image)});
  }
  for (const Instruction& ins : file.instructions) {
    for (const dockerfile::Flag& flag : ins.flags) {
      if ((ins.keyword == Keyword::copy || ins.keyword == Keyword::add) && flag.name == "from" &&
          ascii_lower(flag.value) == lower)
        out.push_back({flag.value_span, doc.slice(flag.value_span) == flag.value});
      if (ins.keyword == Keyword::run && flag.name == "mount")
        mount_references(doc, flag, lower, out);
    }
  }
  return out;
}

}  // namespace infralint
