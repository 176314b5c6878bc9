#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Bytes that are not valid UTF-8 (often a file saved as Latin-1 or Windows-1252).

## Why it matters
Editors, code-scanning dashboards and LSP clients expect UTF-8; positions after the bad byte
may be shown in the wrong column, and non-ASCII text in labels or comments is garbled.
The file is still linted.

## Example
A comment `# Caf\xE9` saved in Latin-1.

## Fixed
The same file re-saved as UTF-8: `# Café`.
)md";

const RuleMeta kMeta{
    .id = "meta/invalid-encoding",
    .title = "File is not valid UTF-8",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = kEveryKind,
    .docs = kDocs,
};

// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;  // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && c == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
  if (n == 4 && c == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
  return n;
}

// The index of the first byte at or after `i` that is not ASCII: eight bytes at a time, since
// nearly every configuration file is all ASCII.
std::size_t skip_ascii(std::string_view text, std::size_t i) {
  for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

class InvalidEncoding final : public Rule {
 public:
  InvalidEncoding() : Rule(kMeta) {}
  void check(const Document& doc, FindingSink& sink) const override {
    std::string_view text = doc.text();
    for (std::size_t i = skip_ascii(text, 0); i < text.size(); i = skip_ascii(text, i)) {
      std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        sink.report({i, i + 1}, fmt::format("invalid UTF-8 byte 0x{:02X}; the file should be "
                                            "saved as UTF-8",
                                            static_cast<unsigned char>(text[i])));
        return;  // one finding per file: the rest is usually the same encoding problem
      }
      i += n;
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidEncoding);

}  // namespace
}  // namespace infralint
