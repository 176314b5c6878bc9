#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint {

// Stage names compare without regard to ASCII case, as BuildKit lowercases them.
bool same_stage_name(std::string_view a, std::string_view b);

// An absolute path in a container: `/usr`, or on Windows `C:\app`, `C:/app`, `\app`.
bool is_absolute_container_path(std::string_view path);

// The stage called `name` (stage names are case-insensitive; the last one wins, as in BuildKit).
std::optional<std::size_t> stage_named(const dockerfile::File& file, std::string_view name);

// The image at the bottom of the stage's FROM chain (through earlier stages), with build
// arguments resolved; nullopt when a variable with no known value hides it.
std::optional<std::string> chain_base_image(const dockerfile::File& file, std::size_t stage);

// True when the stage, through the stages it is built FROM, starts from `scratch`.
bool built_from_scratch(const dockerfile::File& file, std::size_t stage);

// What `COPY --from=<value>` reads, resolved as BuildKit does: a number is a stage index, a name
// of a stage (anywhere in the file) is that stage, anything else is an image reference.
struct CopySource {
  enum class Kind { stage, image, bad_index };
  Kind kind = Kind::image;
  std::size_t stage = dockerfile::npos;  // Kind::stage
  bool by_index = false;                 // `--from=0`
  std::string value;                     // after ARG/ENV expansion
  const dockerfile::Flag* flag = nullptr;
};

// The source of the COPY at `instruction_index` (not of ONBUILD triggers, which run in another
// build); nullopt without `--from` or when its value needs a variable with no known value.
std::optional<CopySource> copy_source(const dockerfile::File& file, std::size_t instruction_index);

// One word of EXPOSE, after variables are expanded: a port or a range, with its protocol.
struct ExposedPort {
  std::uint64_t first = 0, last = 0;  // saturates instead of overflowing
  std::string protocol;               // "tcp" when not written
  std::string text;                   // the expanded word, e.g. "8000-8010/udp"
  Span span;                          // the word in the file
};

// The ports of the EXPOSE at `instruction_index`. Words whose variables have no known value, or
// that are not numbers, are left out.
std::vector<ExposedPort> exposed_ports(const dockerfile::File& file,
                                       std::size_t instruction_index);

// For each stage holding more than one `keyword` instruction (ONBUILD triggers excluded): their
// indices in File::instructions, in order. Only the last one of each group takes effect.
std::vector<std::vector<std::size_t>> repeated_in_stage(const dockerfile::File& file,
                                                        dockerfile::Keyword keyword);

// A `$name` or `${name...}` in a word as written, as BuildKit's lexer finds it (not inside single
// quotes, not after the escape character). `offset` and `length` are in the raw word.
struct VariableReference {
  std::string name;
  std::size_t offset = 0;
  std::size_t length = 0;
};
std::vector<VariableReference> variable_references(std::string_view raw, char escape = '\\');

// The file span of `length` bytes at `offset` in `word.raw`, when the raw text is what the file
// holds at `word.span` (`written`; no line continuation inside); otherwise the whole word.
Span span_in_word(const dockerfile::Word& word, std::string_view written, std::size_t offset,
                  std::size_t length);

// Whether a comment line sits inside the instruction (between its continuation lines): a fix
// that rewrites the instruction's arguments would drop it.
bool holds_comment(const dockerfile::File& file, const dockerfile::Instruction& ins);

// The whole lines of `ins`, line break included, for a fix that deletes the instruction; nullopt
// when another instruction shares a line with it or a comment lies inside it (it would be lost).
std::optional<Span> removable_lines(const Document& doc, const dockerfile::File& file,
                                    const dockerfile::Instruction& ins);

}  // namespace infralint
