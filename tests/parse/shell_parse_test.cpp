#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/mapped_text.hpp"
#include "parse/shell/shell.hpp"

using infralint::MappedText;
using infralint::Span;
using infralint::shell::Command;
using infralint::shell::Script;

namespace doctest {
template <>
struct StringMaker<Span> {
  static String convert(const Span& span) {
    return ("[" + std::to_string(span.begin) + ", " + std::to_string(span.end) + ")").c_str();
  }
};
}  // namespace doctest

namespace {

Script parse_text(std::string_view text) {
  MappedText mapped;
  mapped.append_source(text, {0, text.size()});
  return infralint::shell::parse(mapped);
}

std::vector<std::string> names(const Script& script) {
  std::vector<std::string> out;
  for (const Command& command : script.commands) out.push_back(command.name.value);
  return out;
}

std::vector<std::string> arg_values(const Command& command) {
  std::vector<std::string> out;
  for (const auto& arg : command.args) out.push_back(arg.value);
  return out;
}

std::string_view at(std::string_view parent, Span span) {
  return parent.substr(span.begin, span.size());
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("shell parse: a RUN line joined over a continuation maps spans to the file") {
  const std::string_view file =
      "FROM debian\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.* \\\n"
      "  && rm -rf /var/lib/apt/lists/*\n";
  std::size_t run = file.find("apt-get");
  std::size_t backslash = file.find('\\');
  std::size_t next_line = backslash + 2;
  std::size_t line_end = file.size() - 1;
  MappedText mapped;
  mapped.append_source(file, {run, backslash});
  mapped.append_source(file, {next_line, line_end});
  REQUIRE(mapped.text() ==
          "apt-get update && apt-get install -y --no-install-recommends curl=7.*   && rm -rf "
          "/var/lib/apt/lists/*");

  Script script = infralint::shell::parse(mapped);
  REQUIRE(names(script) == Names{"apt-get", "apt-get", "rm"});
  CHECK(arg_values(script.commands[0]) == Names{"update"});
  CHECK(arg_values(script.commands[1]) ==
        Names{"install", "-y", "--no-install-recommends", "curl=7.*"});
  CHECK_FALSE(script.commands[1].args[3].literal);
  CHECK(arg_values(script.commands[2]) == Names{"-rf", "/var/lib/apt/lists/*"});

  const Command& rm = script.commands[2];
  CHECK(rm.name.span == Span{file.find("rm -rf"), file.find("rm -rf") + 2});
  CHECK(at(file, rm.args[1].span) == "/var/lib/apt/lists/*");
  CHECK(at(file, rm.span) == "rm -rf /var/lib/apt/lists/*");
  CHECK(at(file, script.commands[1].args[3].span) == "curl=7.*");
  CHECK(at(file, script.commands[0].span) == "apt-get update");
  CHECK_FALSE(script.has_error);
  CHECK_FALSE(script.has_pipeline);
  CHECK(script.uses_shell_features);
}

TEST_CASE("shell parse: a span across a dropped gap ends at the last kept byte") {
  const std::string_view file = "RUN echo a\\\n    b";
  MappedText mapped;
  mapped.append_source(file, {4, 10});   // "echo a"
  mapped.append_source(file, {16, 17});  // "b"
  Script script = infralint::shell::parse(mapped);
  REQUIRE(script.commands.size() == 1);
  CHECK(arg_values(script.commands[0]) == Names{"ab"});
  CHECK(script.commands[0].args[0].span == Span{9, 17});
  CHECK(script.commands[0].span == Span{4, 17});
}

TEST_CASE("shell parse: synthetic text maps to its anchor") {
  const std::string_view file = "CMD [\"node\", \"app.js\"]";
  MappedText mapped;
  mapped.append_source(file, {6, 10});
  mapped.append_synthetic(" ", 11);
  mapped.append_source(file, {14, 20});
  Script script = infralint::shell::parse(mapped);
  REQUIRE(script.commands.size() == 1);
  CHECK(at(file, script.commands[0].name.span) == "node");
  CHECK(at(file, script.commands[0].args[0].span) == "app.js");
  CHECK_FALSE(script.uses_shell_features);
}

TEST_CASE("shell parse: assignments before the command are not its name") {
  const std::string_view text =
      R"(DEBIAN_FRONTEND=noninteractive LANG="C.UTF-8" apt-get -q update)";
  Script script = parse_text(text);
  REQUIRE(script.commands.size() == 1);
  CHECK(script.commands[0].name.value == "apt-get");
  CHECK(script.commands[0].name.span == Span{46, 53});
  CHECK(arg_values(script.commands[0]) == Names{"-q", "update"});
  CHECK(script.commands[0].span == Span{0, text.size()});
  CHECK(script.uses_shell_features);
  REQUIRE(script.commands[0].assignments.size() == 2);
  CHECK(script.commands[0].assignments[0].value == "DEBIAN_FRONTEND=noninteractive");
  CHECK(script.commands[0].assignments[1].value == "LANG=C.UTF-8");
  CHECK(script.commands[0].assignments[1].span == Span{31, 45});

  Script bare = parse_text("FOO=1");
  CHECK(bare.commands.empty());
  CHECK(bare.uses_shell_features);
}

TEST_CASE("shell parse: && || and ; chains list every command in order") {
  Script script = parse_text("cd /app && make || echo failed; make install");
  CHECK(names(script) == Names{"cd", "make", "echo", "make"});
  CHECK(arg_values(script.commands[3]) == Names{"install"});
  for (const Command& command : script.commands) CHECK_FALSE(command.in_pipeline);
  CHECK_FALSE(script.has_pipeline);
  CHECK(script.uses_shell_features);
}

TEST_CASE("shell parse: a long && chain is collected without deep recursion") {
  std::string text = "true";
  for (int i = 0; i < 5000; ++i) text += " && echo " + std::to_string(i);
  Script script = parse_text(text);
  REQUIRE(script.commands.size() == 5001);
  CHECK(script.commands.back().args[0].value == "4999");
  CHECK_FALSE(script.has_error);
}

TEST_CASE("shell parse: pipelines mark their stages") {
  Script script = parse_text("curl -fsSL https://x.sh | sh -s -- -y && echo ok | tee -a log");
  REQUIRE(names(script) == Names{"curl", "sh", "echo", "tee"});
  CHECK(script.has_pipeline);
  CHECK(script.commands[0].in_pipeline);
  CHECK(script.commands[1].in_pipeline);
  CHECK(arg_values(script.commands[1]) == Names{"-s", "--", "-y"});
  CHECK(script.commands[2].in_pipeline);
  CHECK(script.commands[3].in_pipeline);
  CHECK(script.commands[0].pipeline == script.commands[1].pipeline);
  CHECK(script.commands[2].pipeline == script.commands[3].pipeline);
  CHECK(script.commands[0].pipeline != script.commands[2].pipeline);
  CHECK(script.commands[0].pipeline >= 0);
  CHECK(parse_text("a && b").commands[0].pipeline == -1);

  Script stderr_pipe = parse_text("make |& tee build.log");
  CHECK(stderr_pipe.has_pipeline);
  CHECK(stderr_pipe.commands[0].in_pipeline);

  Script grouped = parse_text("(make; make test) | tee log");
  REQUIRE(names(grouped) == Names{"make", "make", "tee"});
  for (const Command& command : grouped.commands) CHECK(command.in_pipeline);

  Script negated = parse_text("! grep -q x file");
  CHECK_FALSE(negated.has_pipeline);
  REQUIRE(negated.commands.size() == 1);
  CHECK_FALSE(negated.commands[0].in_pipeline);
}

TEST_CASE("shell parse: subshells and command substitutions are searched") {
  Script script =
      parse_text("(cd /src && make) ; echo \"$(git rev-parse HEAD | cut -c1-7)\" `id -u`");
  REQUIRE(names(script) == Names{"cd", "make", "echo", "git", "cut", "id"});
  CHECK_FALSE(script.commands[0].in_pipeline);
  CHECK_FALSE(script.commands[2].in_pipeline);
  CHECK(script.commands[3].in_pipeline);
  CHECK(script.commands[4].in_pipeline);
  CHECK_FALSE(script.commands[5].in_pipeline);
  CHECK(script.has_pipeline);
  CHECK_FALSE(script.commands[2].args[0].literal);
  CHECK(arg_values(script.commands[5]) == Names{"-u"});

  Script piped_sub = parse_text("echo $(id) | cat");
  REQUIRE(names(piped_sub) == Names{"echo", "id", "cat"});
  CHECK(piped_sub.commands[0].in_pipeline);
  CHECK_FALSE(piped_sub.commands[1].in_pipeline);
  CHECK(piped_sub.commands[2].in_pipeline);

  Script in_assignment = parse_text("VERSION=$(cat VERSION) make release");
  CHECK(names(in_assignment) == Names{"make", "cat"});
}

TEST_CASE("shell parse: compound statements and functions") {
  Script script = parse_text(
      "if [ -f x ]; then rm x; elif true; then :; else touch y; fi; "
      "for i in 1 2; do echo $i; done; while false; do sleep 1; done; "
      "case \"$1\" in a) echo a;; *) exit 1;; esac; "
      "f() { useradd app; }; { cd / && ls; }; export A=1 B; unset A");
  CHECK(names(script) == Names{"rm", "true", ":", "touch", "echo", "false", "sleep", "echo", "exit",
                               "useradd", "cd", "ls", "export", "unset"});
  const Command& exported = script.commands[12];
  CHECK(arg_values(exported) == Names{"A=1", "B"});
  CHECK(script.uses_shell_features);
  CHECK_FALSE(script.has_error);
}

TEST_CASE("shell parse: heredocs inside the script") {
  Script script = parse_text(
      "cat <<EOF > /etc/app.conf\n"
      "user=$(whoami)\n"
      "EOF\n"
      "cat <<'RAW' | grep -v '#' && echo done\n"
      "# not a comment $(not run)\n"
      "RAW\n"
      "chmod 600 /etc/app.conf");
  REQUIRE(names(script) == Names{"cat", "whoami", "cat", "grep", "echo", "chmod"});
  CHECK_FALSE(script.commands[0].in_pipeline);
  CHECK(script.commands[2].in_pipeline);
  CHECK(script.commands[3].in_pipeline);
  CHECK_FALSE(script.commands[4].in_pipeline);
  CHECK(script.has_pipeline);
  CHECK(arg_values(script.commands[5]) == Names{"600", "/etc/app.conf"});
  CHECK(script.uses_shell_features);
}

TEST_CASE("shell parse: redirections stay out of the arguments") {
  Script script = parse_text("npm start > log 2>&1 < /dev/null");
  REQUIRE(script.commands.size() == 1);
  CHECK(script.commands[0].name.value == "npm");
  CHECK(arg_values(script.commands[0]) == Names{"start"});
  CHECK(script.uses_shell_features);
}

TEST_CASE("shell parse: a script seen again is mapped into its own document") {
  // The same text at two places of two documents: the second parse comes from the cache of
  // parsed scripts, and its spans must be that document's, not the first one's.
  std::string first = "RUN apt-get update && apt-get install -y curl\n";
  std::string second = "FROM x\n# comment\nRUN apt-get update && apt-get install -y curl\n";
  auto parse_at = [](const std::string& parent, std::size_t begin) {
    MappedText mapped;
    mapped.append_source(parent, {begin, parent.size() - 1});
    return infralint::shell::parse(mapped);
  };
  Script a = parse_at(first, 4);
  Script b = parse_at(second, second.find("apt-get"));
  REQUIRE(a.commands.size() == 2);
  REQUIRE(b.commands.size() == 2);
  std::size_t shift = second.find("apt-get") - 4;
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(b.commands[i].span == Span{a.commands[i].span.begin + shift, a.commands[i].span.end + shift});
    CHECK(b.commands[i].name.span ==
          Span{a.commands[i].name.span.begin + shift, a.commands[i].name.span.end + shift});
    REQUIRE(b.commands[i].args.size() == a.commands[i].args.size());
    for (std::size_t k = 0; k < a.commands[i].args.size(); ++k)
      CHECK(b.commands[i].args[k].span.begin == a.commands[i].args[k].span.begin + shift);
  }
  CHECK(second.substr(b.commands[1].args.back().span.begin, 4) == "curl");
  CHECK(b.has_pipeline == a.has_pipeline);
  CHECK(b.uses_shell_features == a.uses_shell_features);
}
