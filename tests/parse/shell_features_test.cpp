#include <doctest/doctest.h>

#include <string>
#include <string_view>

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

}  // namespace

TEST_CASE("shell features: one command of literal words needs no shell") {
  for (std::string text :
       {"node server.js", "echo \"a b\"", "python3 -m http.server 8080",
        "'/usr/bin/app' --config=/etc/app.yml", "nginx -g 'daemon off;'", "  java -jar app.jar  ",
        "find . -exec chmod 644 {} \\;", "echo [", "echo a\\ b", "echo $", "sleep 10"}) {
    CAPTURE(text);
    Script script = parse_text(text);
    CHECK(script.commands.size() == 1);
    CHECK_FALSE(script.uses_shell_features);
    CHECK_FALSE(script.has_error);
  }
}

TEST_CASE("shell features: anything else needs a shell") {
  for (std::string text : {"node $APP",
                           "npm start > log",
                           "a && b",
                           "a; b",
                           "a | b",
                           "a &",
                           "cmd\ncmd",
                           "echo ${X}",
                           "echo $(id)",
                           "echo `id`",
                           "ls *.txt",
                           "ls ~",
                           "echo {a,b}",
                           "FOO=1 node app.js",
                           "node app.js # comment",
                           "cat <<EOF\nx\nEOF",
                           "(node app.js)",
                           "{ node app.js; }",
                           "exec node app.js;",
                           "if true; then node app.js; fi",
                           "export PATH=/x",
                           "cat < in",
                           "echo $'\\t'",
                           "[[ -f x ]]", "time make",
                           "node app.js &&"}) {
    CAPTURE(text);
    CHECK(parse_text(text).uses_shell_features);
  }
}

TEST_CASE("shell features: empty and blank input") {
  for (std::string text : {"", "   ", "\n\n"}) {
    CAPTURE(text);
    Script script = parse_text(text);
    CHECK(script.commands.empty());
    CHECK_FALSE(script.has_error);
    CHECK_FALSE(script.has_pipeline);
    CHECK_FALSE(script.uses_shell_features);
  }
  MappedText nothing;
  Script script = infralint::shell::parse(nothing);
  CHECK(script.commands.empty());
  CHECK_FALSE(script.uses_shell_features);
}
