// Instruction::scripts: which shell code is handed to shell::parse. The detailed checks of
// commands only run when the shell parser returns commands (it is developed separately).
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"

using namespace dockerfile_test;

namespace {

// The command names of all scripts, with the file text their spans cover.
std::vector<std::string> command_names(const Parsed& p, const Instruction& in) {
  std::vector<std::string> out;
  for (const auto& script : in.scripts)
    for (const auto& cmd : script.commands) out.emplace_back(p.slice(cmd.name.span));
  return out;
}

bool shell_parser_available() {
  auto p = parse_text("FROM a\nRUN true\n");
  return !p.at(1).scripts.empty() && !p.at(1).scripts[0].commands.empty();
}

}  // namespace

TEST_CASE("dockerfile scripts: shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD") {
  auto p = parse_text(
      "FROM a\nRUN apt-get update && apt-get install -y curl\nCMD [\"nginx\"]\nCMD nginx -g x\n"
      "ENTRYPOINT exec app\nHEALTHCHECK CMD curl -f http://x/\nHEALTHCHECK NONE\nRUN\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).scripts.size() == 1);
  CHECK(p.at(2).scripts.empty());
  CHECK(p.at(3).scripts.size() == 1);
  CHECK(p.at(4).scripts.size() == 1);
  CHECK(p.at(5).scripts.size() == 1);
  CHECK(p.at(6).scripts.empty());
  CHECK(p.at(7).scripts.empty());
  if (!shell_parser_available()) return;
  CHECK(command_names(p, p.at(1)) == std::vector<std::string>{"apt-get", "apt-get"});
  CHECK(command_names(p, p.at(5)) == std::vector<std::string>{"curl"});
}

TEST_CASE("dockerfile scripts: continuation lines map commands back to the file") {
  auto p = parse_text("FROM a\nRUN set -e \\\n  # note\n  && make \\\n  && make install\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.at(1).scripts.size() == 1);
  if (!shell_parser_available()) return;
  const auto& cmds = p.at(1).scripts[0].commands;
  REQUIRE(cmds.size() == 3);
  CHECK(p.slice(cmds[1].name.span) == "make");
  CHECK(cmds[1].name.span.begin == p.text.find("make"));
  CHECK(cmds[2].name.span.begin == p.text.rfind("make"));
}

TEST_CASE("dockerfile scripts: heredoc bodies fed to the shell are scripts") {
  auto p = parse_text(
      "FROM a\n"
      "RUN <<EOF\napt-get update\nEOF\n"                    // 1: body only
      "RUN <<EOF bash -ex\nmake\nEOF\n"                     // 2: command line + body
      "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"  // 3: python: no script
      "RUN <<EOF\n#!/bin/bash -e\necho hi\nEOF\n"           // 4: bash shebang
      "RUN <<EOF cat > /etc/conf\nkey=value\nEOF\n"         // 5: data for cat
      "RUN python3 <<EOF\nprint(2)\nEOF\n"                  // 6: data for python3
      "RUN <<-EOT\n\techo tabbed\n\tEOT\n"                  // 7: tabs stripped
      "COPY <<EOF /x\necho not run\nEOF\n");                // 8: files are not scripts
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).scripts.size() == 1);
  CHECK(p.at(2).scripts.size() == 2);
  CHECK(p.at(3).scripts.empty());
  CHECK(p.at(4).scripts.size() == 1);
  CHECK(p.at(5).scripts.size() == 1);
  CHECK(p.at(6).scripts.size() == 1);
  CHECK(p.at(7).scripts.size() == 1);
  CHECK(p.at(8).scripts.empty());
  if (!shell_parser_available()) return;
  CHECK(command_names(p, p.at(1)) == std::vector<std::string>{"apt-get"});
  CHECK(command_names(p, p.at(2)) == std::vector<std::string>{"bash", "make"});
  CHECK(command_names(p, p.at(5)) == std::vector<std::string>{"cat"});
  CHECK(command_names(p, p.at(7)) == std::vector<std::string>{"echo"});
}

TEST_CASE("dockerfile scripts: heredoc markers are blanked in the command line") {
  auto p = parse_text("FROM a\nRUN cat <<EOF > /f && chmod 600 /f\nx\nEOF\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.at(1).scripts.size() == 1);
  if (!shell_parser_available()) return;
  const auto& script = p.at(1).scripts[0];
  CHECK(!script.has_error);
  CHECK(command_names(p, p.at(1)) == std::vector<std::string>{"cat", "chmod"});
}

TEST_CASE("dockerfile scripts: none under a PowerShell or cmd SHELL, per stage") {
  auto p = parse_text(
      "FROM win AS w\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem\n"
      "FROM w\nRUN Write-Host hi\n"
      "FROM linux\nRUN ls\n"
      "FROM win2\nSHELL [\"cmd.exe\", \"/S\", \"/C\"]\nRUN dir\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(2).scripts.empty());
  CHECK(p.at(4).scripts.empty());  // inherits the parent stage's SHELL
  CHECK(p.at(6).scripts.size() == 1);
  CHECK(p.at(9).scripts.empty());
}

TEST_CASE("dockerfile scripts: ONBUILD RUN gets its script") {
  auto p = parse_text("FROM a\nONBUILD RUN make\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.at(1).onbuild);
  CHECK(p.at(1).onbuild->scripts.size() == 1);
  CHECK(p.at(1).scripts.empty());
}
