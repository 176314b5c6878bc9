// The nginx lexer against the behaviour of ngx_conf_read_token (peers/nginx.md §7).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "parse/nginx/ast.hpp"

using namespace infralint;
using namespace infralint::nginx;

namespace {

struct Parsed {
  std::vector<Directive> directives;
  std::vector<Span> comments;
  std::vector<ParseError> errors;
};

Parsed parse_text(std::string_view text) {
  Parsed p;
  p.directives = parse_directives(text, p.comments, p.errors);
  return p;
}

std::string slice(std::string_view text, Span s) {
  return std::string(text.substr(s.begin, s.size()));
}

}  // namespace

TEST_CASE("nginx: statements, blocks and spans") {
  std::string_view text = "worker_processes auto;\nhttp {\n  server { listen 80; }\n}\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.directives.size() == 2);
  CHECK(p.directives[0].name == "worker_processes");
  CHECK(p.directives[0].args[0].value == "auto");
  CHECK(slice(text, p.directives[0].args[0].span) == "auto");
  CHECK(slice(text, p.directives[0].terminator) == ";");
  const Directive& http = p.directives[1];
  CHECK(http.block);
  CHECK(slice(text, http.close) == "}");
  REQUIRE(http.children.size() == 1);
  const Directive& listen = http.children[0].children[0];
  CHECK(listen.name == "listen");
  CHECK(slice(text, listen.span()) == "listen 80;");
  CHECK(slice(text, http.span()).starts_with("http {"));
}

TEST_CASE("nginx: comments only at a token boundary, kept aside") {
  std::string_view text = "a foo#bar; # real\nlog_format x 'a' # between\n  'b';\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  CHECK(p.directives[0].args[0].value == "foo#bar");
  REQUIRE(p.comments.size() == 2);
  CHECK(slice(text, p.comments[0]) == "# real");
  CHECK(slice(text, p.comments[1]) == "# between");
  REQUIRE(p.directives[1].args.size() == 3);
  CHECK(p.directives[1].args[2].value == "b");
}

TEST_CASE("nginx: quotes span whitespace, semicolons and braces; escapes") {
  std::string_view text =
      "add_header X \"a; b { } c\";\nenv LUA_PATH=\\;\\;x;\nreturn 200 'it\\'s\\n';\nr \\.\\d;\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.directives.size() == 4);
  CHECK(p.directives[0].args[1].value == "a; b { } c");
  CHECK(p.directives[0].args[1].quote == '"');
  CHECK(slice(text, p.directives[0].args[1].span) == "\"a; b { } c\"");
  CHECK(p.directives[1].args[0].value == "LUA_PATH=\\;\\;x");  // `\;` keeps its backslash
  CHECK(p.directives[2].args[1].value == "it's\n");
  CHECK(p.directives[3].args[0].value == "\\.\\d");
}

TEST_CASE("nginx: ${var} is not a block start; if conditions with quoted regex") {
  std::string_view text = "set $a ${b}c;\nif ($x ~ \"^/a b\") { return 403; }\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  CHECK(p.directives[0].args[1].value == "${b}c");
  const Directive& cond = p.directives[1];
  REQUIRE(cond.args.size() == 4);
  CHECK(cond.args[0].value == "($x");
  CHECK(cond.args[2].value == "^/a b");
  CHECK(cond.args[3].value == ")");
  CHECK(cond.block);
}

TEST_CASE("nginx: errors with nginx's messages and exact spans") {
  {
    auto p = parse_text("a b;\n}\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message.starts_with("unexpected \"}\""));
    CHECK(p.errors[0].span == Span{5, 6});
  }
  {
    auto p = parse_text("http {\n  a b;\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message.starts_with("unexpected end of file, expecting \"}\""));
    CHECK(p.errors[0].span == Span{5, 6});
  }
  {
    auto p = parse_text("a b");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message.starts_with("unexpected end of file, expecting \";\" or \"}\""));
  }
  {
    auto p = parse_text("a \"b;\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].span == Span{2, 3});
    CHECK(p.errors[0].message.find("never closed") != std::string::npos);
  }
  {
    auto p = parse_text("a \"b\"c;");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].span == Span{5, 6});
  }
  {
    auto p = parse_text("  ;");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == "unexpected \";\"");
  }
  {
    auto p = parse_text("server { a b }");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].span == Span{13, 14});
  }
}

TEST_CASE("nginx: Lua blocks are raw") {
  std::string_view text =
      "content_by_lua_block {\n  local s = \"}\" -- } comment\n  if x then ngx.say('{') end\n"
      "  local t = [[ } ]]\n}\nnext on;\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.directives.size() == 2);
  CHECK(p.directives[0].children.empty());
  CHECK(slice(text, p.directives[0].raw_body).find("ngx.say") != std::string::npos);
  CHECK(p.directives[1].name == "next");
}

TEST_CASE("nginx: depth limit, no recursion") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "a {";
  auto p = parse_text(deep);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message.find("nested more than") != std::string::npos);
  std::string ok;
  for (int i = 0; i < 150; ++i) ok += "a {";
  for (int i = 0; i < 150; ++i) ok += "}";
  CHECK(parse_text(ok).errors.empty());
}

TEST_CASE("nginx: arbitrary bytes never crash") {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
  parse_text(junk);
  parse_text("\"");
  parse_text("\\");
  parse_text("content_by_lua_block {");
  parse_text("a '");
  CHECK(true);
}

TEST_CASE("nginx: includes resolve relative to the prefix, globs sorted, cycles reported") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "infralint_nginx_include_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "conf.d");
  std::ofstream(dir / "conf.d" / "b.conf") << "server { listen 81; }\n";
  std::ofstream(dir / "conf.d" / "a.conf") << "server { listen 80; }\n";
  std::ofstream(dir / "loop.conf") << "include loop.conf;\n";
  std::ofstream(dir / "broken.conf") << "a b\n";
  std::string main =
      "http { include conf.d/*.conf; include none/*.conf; }\ninclude loop.conf;\n"
      "include broken.conf;\n";
  std::vector<ParseError> errors;
  auto config = parse((dir / "nginx.conf").string(), main, errors);
  const Directive& inc = config->directives[0].children[0];
  REQUIRE(inc.included.size() == 2);
  CHECK(inc.included[0]->path.ends_with("a.conf"));
  CHECK(inc.included[1]->path.ends_with("b.conf"));
  CHECK(inc.included[0]->directives[0].file == inc.included[0]);
  CHECK(config->directives[0].children[1].included.empty());
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].message.find("include cycle") != std::string::npos);
  CHECK(errors[0].span.begin == main.find("include loop"));
  CHECK(errors[1].message.find("in included file") != std::string::npos);
  fs::remove_all(dir);
}
