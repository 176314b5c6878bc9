#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/mapped_text.hpp"
#include "parse/shell/shell.hpp"

using infralint::MappedText;
using infralint::shell::Script;

namespace {

Script parse_text(std::string_view text) {
  MappedText mapped;
  mapped.append_source(text, {0, text.size()});
  return infralint::shell::parse(mapped);
}

bool has_command(const Script& script, std::string_view name) {
  for (const auto& command : script.commands) {
    if (command.name.value == name) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("shell errors: broken syntax is reported, keywords are not taken for commands") {
  Script script = parse_text("if then fi (");
  CHECK(script.has_error);
  CHECK(script.uses_shell_features);
  CHECK_FALSE(has_command(script, "then"));
  CHECK_FALSE(has_command(script, "fi"));
}

TEST_CASE("shell errors: commands outside the broken region are still listed") {
  Script script = parse_text("apt-get update && apt-get install -y curl; echo \"unterminated");
  CHECK(script.has_error);
  CHECK(has_command(script, "apt-get"));

  Script tail = parse_text("apt-get update; done; rm -rf /tmp/x");
  CHECK(tail.has_error);
  CHECK(has_command(tail, "apt-get"));
  CHECK(has_command(tail, "rm"));

  Script dangling = parse_text("make && ");
  CHECK(dangling.has_error);
  CHECK(has_command(dangling, "make"));
}

TEST_CASE("shell errors: garbage bytes never crash") {
  std::string garbage;
  unsigned state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(state >> 16));
  }
  Script script = parse_text(garbage);
  CHECK(script.uses_shell_features);

  std::string with_nul("echo a\0b; ls", 12);
  Script nul = parse_text(with_nul);
  CHECK(nul.uses_shell_features);

  Script bad_utf8 = parse_text("echo \xff\xfe\xc3 done");
  CHECK_FALSE(bad_utf8.commands.empty());
}

TEST_CASE("shell errors: pathological sizes and nesting stay bounded") {
  std::string long_line = "echo";
  while (long_line.size() < (1u << 20)) long_line += " word";
  auto start = std::chrono::steady_clock::now();
  Script line = parse_text(long_line);
  REQUIRE(line.commands.size() == 1);
  CHECK(line.commands[0].args.size() > 200000);
  CHECK_FALSE(line.uses_shell_features);

  std::string nested;
  for (int i = 0; i < 20000; ++i) nested += "$(";
  nested += "id";
  for (int i = 0; i < 20000; ++i) nested += ")";
  Script deep = parse_text("echo " + nested);
  CHECK(deep.uses_shell_features);
  CHECK(deep.commands.size() > 10);
  CHECK(deep.commands.size() < 100);  // deeper substitutions are not searched

  std::string parens(100000, '(');
  Script open = parse_text(parens);
  CHECK(open.has_error);

  std::string quotes(200000, '"');
  parse_text(quotes);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("shell errors: parsing from many threads at once") {
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(8);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&counts, t] {
      for (int i = 0; i < 50; ++i) {
        counts[t] += parse_text("a && b | c; $(d) && e").commands.size();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t count : counts) CHECK(count == 300);  // a, b, c, the `$(d)` command, d, e
}
