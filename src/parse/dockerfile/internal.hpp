#pragma once
// Building blocks shared by the Dockerfile parser's translation units; not part of the API.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/mapped_text.hpp"
#include "core/span.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint::dockerfile::detail {

// Go's unicode.IsSpace restricted to ASCII, which is what BuildKit meets in practice.
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_space(std::string_view s);
std::string to_lower(std::string_view s);

// A logical line (continuations joined, comment lines dropped) with its map to file offsets.
struct LogicalLine {
  struct Piece {
    std::size_t local, file, size;
  };
  std::string text;
  std::vector<Piece> pieces;

  void append(std::string_view file, std::size_t begin, std::size_t end);
  // A position: text.size() maps just past the last byte.
  std::size_t to_file(std::size_t local) const;
  // A range whose end maps as the end of its last byte, so it never covers a dropped gap.
  Span to_file(std::size_t begin, std::size_t end) const;
  MappedText mapped(std::string_view file, std::size_t begin, std::size_t end) const;
};

// ---- shell/lex.go -------------------------------------------------------------------------

enum class VarState { unset, unknown, set };
// Looks a name up; fills `value` when set.
using VarLookup = std::function<VarState(std::string_view name, std::string& value)>;

struct LexOptions {
  char escape = '\\';
  bool raw_quotes = false;
  bool raw_escapes = false;
  bool skip_unset = false;  // keep `$name` / `${...}` as written when the name is unset
};

struct LexWord {
  std::string text;
  std::size_t begin = 0, end = 0;  // source offsets (approximate inside expansions)
};

struct LexResult {
  bool ok = false;
  bool used_unknown = false;   // a variable with an unknown value was needed
  std::string result;          // ProcessWord
  std::vector<LexWord> words;  // ProcessWords
};

LexResult lex(std::string_view word, const LexOptions& options, const VarLookup& lookup);

// A word without `$`, quotes or the escape character: lexing gives it back unchanged.
bool lexes_as_itself(std::string_view word, char escape);

// BuildKit's quote and escape processing without expanding variables (they stay as written).
std::optional<std::string> unquote(std::string_view word, char escape);

// ---- words, flags and JSON (parser/line_parsers.go, split_command.go) --------------------

struct RawWord {
  std::size_t begin, end;  // offsets into the split string
  std::string text;        // BuildKit's word: quotes and escapes kept
};

// parseWords: whitespace-separated words, quotes keeping spaces inside a word; the first
// `max_words` of them.
std::vector<RawWord> split_words(std::string_view s, char escape,
                                 std::size_t max_words = static_cast<std::size_t>(-1));

// parseStringsWhitespaceDelimited (FROM, EXPOSE, ADD/COPY/VOLUME lists): quotes do not group.
std::vector<RawWord> split_whitespace(std::string_view s);

// extractBuilderFlags: `--flag` words at the start; returns the offset where the rest begins
// (s.size() when the flags take the whole line). Flag texts have quotes and escapes processed.
std::size_t extract_flags(std::string_view s, char escape, std::vector<RawWord>& flags);

enum class JsonStatus { ok, invalid, not_strings };
struct JsonString {
  std::size_t begin, end;  // the quoted string, quotes included
  std::string value;
};
// parseJSON: `s` must be a JSON array of strings (leading whitespace allowed).
JsonStatus parse_json_array(std::string_view s, std::vector<JsonString>& out);

// ---- heredocs (parser/parser.go) ----------------------------------------------------------

struct HeredocMarker {
  std::size_t begin, end;  // the marker word in the logical line
  std::string name;
  bool strip_tabs = false;
  bool expand = true;
  int fd = -1;
};
std::vector<HeredocMarker> heredoc_markers(std::string_view logical_line);

// ---- pattern matching for ${v#p} ${v%p} ${v/p/r} -------------------------------------------

std::optional<std::string> trim_pattern(std::string_view value, std::string_view pattern,
                                        bool suffix, bool greedy);
std::optional<std::string> replace_pattern(std::string_view value, std::string_view pattern,
                                           std::string_view replacement, bool all);

// ---- instructions -------------------------------------------------------------------------

// Collects parse errors, capped so that binary garbage cannot flood memory.
class ErrorSink {
 public:
  explicit ErrorSink(std::vector<ParseError>& errors) : errors_(errors) {}
  void add(Span span, std::string message);

 private:
  std::vector<ParseError>& errors_;
  std::size_t count_ = 0;
};

struct BuildContext {
  std::string_view text;  // the whole file
  char escape = '\\';
  ErrorSink& errors;
};

struct Built {
  bool empty = true;  // the logical line held nothing
  // Where the shell command of a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD lies in the
  // logical line (npos when there is none).
  std::size_t shell_begin = npos, shell_end = npos;
};

// Fills `out` from line.text[begin, end): keyword, flags, arguments, words, pairs and, for
// ONBUILD, the wrapped instruction. `nested` (inside ONBUILD) reports only the errors BuildKit's
// parser itself raises, not those of its later instruction checks.
Built build_instruction(const BuildContext& ctx, const LogicalLine& line, std::size_t begin,
                        std::size_t end, bool nested, Instruction& out);

Keyword keyword_of(std::string_view word);
bool can_hold_heredocs(const Instruction& in);

// Fills `in.scripts` from the shell command (heredoc markers blanked) and the shell heredocs.
void attach_scripts(std::string_view text, const LogicalLine& line, const Built& built,
                    const std::vector<HeredocMarker>& markers, Instruction& in);

}  // namespace infralint::dockerfile::detail
