#pragma once
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/mapped_text.hpp"
#include "core/span.hpp"
#include "parse/shell/shell.hpp"

namespace infralint {
struct PackageInstallsMemo;  // model/package_install.cpp
}

namespace infralint::dockerfile {

constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

enum class Keyword {
  from, run, cmd, entrypoint, copy, add, env, arg, label, expose, user, workdir, volume,
  shell, healthcheck, onbuild, stopsignal, maintainer, unknown,
};

// `--name=value` or bare `--name`, before an instruction's arguments.
struct Flag {
  std::string name;   // without the leading "--"
  std::string value;  // raw, not expanded; empty when bare
  bool has_value = false;
  Span span;        // from "--" to the end of the value
  Span value_span;  // empty at the end of the name when bare
};

// An argument as written, with BuildKit's quote and escape processing applied but variables
// not expanded (see variables.hpp). `span` covers the raw bytes in the file.
struct Word {
  std::string value;
  Span span;
  std::string raw;  // as written (continuations joined): what expand() takes
};

// One pair of ENV, LABEL or ARG. `value` is absent for `ARG name`.
struct KeyValue {
  Word key;
  std::optional<Word> value;
  Span span;            // the whole pair
  bool legacy = false;  // `ENV key value` (no '=')
};

struct Heredoc {
  std::string delimiter;
  bool strip_tabs = false;  // <<-
  bool expand = true;       // false when the delimiter was quoted
  int fd = -1;              // 3<<EOF
  Span marker_span;         // `<<EOF` (with fd and quotes) on the instruction line
  Span body_span;           // the content lines, without the terminator line
  Span terminator_span;     // the line holding the delimiter
  std::string body;         // content, with leading tabs stripped for <<-
};

struct Instruction {
  Keyword keyword = Keyword::unknown;
  Span keyword_span;  // the keyword as written (casing kept in the text)
  // From the keyword to the end of the instruction's last line (heredoc terminators included),
  // without the final line break. Leading whitespace before the keyword is excluded.
  Span span;
  std::vector<Flag> flags;
  // Everything after the flags, as BuildKit sees it: continuations joined (escape char and
  // line break removed), comment lines inside continuations dropped, heredoc bodies excluded.
  MappedText arguments;
  Span arguments_span;  // file bytes from the first argument to the end of the logical line
  // JSON (exec) form for RUN/CMD/ENTRYPOINT/SHELL (and the JSON list form of ADD/COPY/VOLUME);
  // invalid JSON falls back to shell form, as in BuildKit.
  bool exec_form = false;
  // Arguments split into words: the decoded JSON strings in exec form, otherwise the
  // whitespace-separated words (quotes processed) of FROM, COPY, ADD, EXPOSE, USER, WORKDIR,
  // VOLUME, STOPSIGNAL, MAINTAINER, HEALTHCHECK (after its flags), CMD/ENTRYPOINT/RUN/SHELL.
  // As in BuildKit, FROM, EXPOSE and the ADD/COPY/VOLUME lists split at whitespace only
  // (quotes do not group); the others keep a quoted "a b" as one word.
  std::vector<Word> words;
  std::vector<KeyValue> pairs;  // ENV, LABEL, ARG
  std::vector<Heredoc> heredocs;
  // Shell code of a shell-form RUN (and CMD/ENTRYPOINT): the command line, then each heredoc
  // body that is shell (no shebang, or an sh/bash/ash/dash one, fed to the default shell).
  std::vector<shell::Script> scripts;
  std::shared_ptr<Instruction> onbuild;  // the instruction ONBUILD wraps
  std::size_t stage = npos;              // index into File::stages; npos before the first FROM
};

struct Stage {
  std::size_t from = 0;  // index of its FROM in File::instructions
  Word image;            // as written, e.g. "node:${NODE_VERSION}-alpine"
  // The image with ARGs expanded; absent when a variable has no known value.
  std::optional<std::string> resolved_image;
  std::optional<Word> name;            // AS name
  std::optional<Flag> platform;        // --platform
  std::size_t first = 0, last = 0;     // instructions [first, last) belong to the stage
  std::optional<std::size_t> parent;   // FROM <earlier stage name>
};

// A parser directive of the leading comment block: syntax, escape, check.
struct Directive {
  std::string name;  // lowercased
  std::string value;
  Span span;        // the whole comment line
  Span value_span;
};

struct VariablesMemo;  // variables.cpp

struct File : SyntaxTree {
  std::vector<Directive> directives;
  char escape = '\\';
  std::vector<Instruction> instructions;
  std::vector<Stage> stages;
  std::vector<Span> comments;  // every comment line, directives included ('#' to end of line)
  // variables_at's answers, kept once the file is complete: every package rule asks for each
  // RUN's variables. Only the thread that owns the document reads it.
  mutable std::shared_ptr<VariablesMemo> variables_memo;
  // The package installations of its RUN instructions (model/package_install.cpp), read once
  // for the ten rules that ask for them, in the same way.
  mutable std::shared_ptr<const PackageInstallsMemo> package_installs_memo;
};

// Parses a Dockerfile the way BuildKit does. Never throws: problems are added to `errors` with
// precise spans, and parsing resumes at the next instruction.
std::unique_ptr<File> parse(std::string_view text, std::vector<ParseError>& errors);

std::string_view to_string(Keyword k);

}  // namespace infralint::dockerfile
