// railway.toml and railway.json into one value tree with exact spans.
#include "parse/toml/toml.hpp"

#include <doctest/doctest.h>

#include <string>

#include "core/line_index.hpp"

using infralint::LineIndex;
using infralint::ParseError;
using infralint::Span;
namespace toml = infralint::toml;

namespace {

struct Parsed {
  std::string text;
  std::vector<ParseError> errors;
  std::unique_ptr<toml::Document> doc;
  Parsed(std::string t, bool json = false) : text(std::move(t)) {
    doc = json ? toml::parse_json(text, errors) : toml::parse(text, errors);
  }
  std::string at(Span s) const { return text.substr(s.begin, s.size()); }
  std::string where(const ParseError& e) const {
    auto p = LineIndex(text).position(e.span.begin);
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};

}  // namespace

TEST_CASE("toml: keys and values in source order with exact spans") {
  Parsed p(
      "# c\n[deploy]\nstartCommand = \"npm start\"  # x\nnumReplicas = 2\n"
      "build.builder = 'RAILPACK'\n\"quoted key\" = [1, {a = true}]\n");
  REQUIRE(p.errors.empty());
  const toml::Node* root = p.doc->root;
  REQUIRE(root->is_table());
  const toml::Node* deploy = root->get("deploy");
  REQUIRE(deploy);
  CHECK(deploy->header);
  CHECK(p.at(deploy->span) == "[deploy]");
  REQUIRE(deploy->entries.size() == 4);
  CHECK(deploy->entries[0].key == "startCommand");
  CHECK(p.at(deploy->entries[0].key_span) == "startCommand");
  CHECK(p.at(deploy->entries[0].value->span) == "\"npm start\"");
  CHECK(deploy->entries[0].value->text == "npm start");
  CHECK(deploy->entries[1].value->type == toml::Type::integer);
  CHECK(deploy->entries[1].value->text == "2");
  const toml::Node* build = deploy->get("build");
  REQUIRE(build);
  CHECK_FALSE(build->header);
  CHECK(p.at(build->get("builder")->span) == "'RAILPACK'");
  const toml::Entry* quoted = deploy->entry("quoted key");
  REQUIRE(quoted);
  CHECK(p.at(quoted->key_span) == "\"quoted key\"");
  REQUIRE(quoted->value->items.size() == 2);
  CHECK(quoted->value->items[1]->inline_table);
  CHECK(p.at(quoted->value->items[1]->span) == "{a = true}");
}

TEST_CASE("toml: arrays of tables and nested headers keep their header spans") {
  Parsed p(
      "[[services]]\nname = \"api\"\n\n[services.variables]\nPORT = \"3000\"\n\n"
      "[[services]]\nname = \"worker\"\n");
  REQUIRE(p.errors.empty());
  const toml::Node* services = p.doc->root->get("services");
  REQUIRE(services);
  CHECK(services->is_array());
  CHECK(services->header);
  REQUIRE(services->items.size() == 2);
  CHECK(p.at(services->items[0]->span) == "[[services]]");
  CHECK(services->items[1]->span.begin == p.text.find("[[services]]\nname = \"worker\""));
  const toml::Node* variables = services->items[0]->get("variables");
  REQUIRE(variables);
  CHECK(p.at(variables->span) == "[services.variables]");
}

TEST_CASE("toml: columns count code points, not bytes") {
  Parsed p("a = \"é\"\n\"ü\" = 2\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(p.doc->root->get("a")->span) == "\"é\"");
  CHECK(p.at(p.doc->root->entry("ü")->key_span) == "\"ü\"");
  CHECK(p.at(p.doc->root->get("ü")->span) == "2");
}

TEST_CASE("toml: syntax errors at their exact position") {
  Parsed missing("[deploy]\nnumReplicas = \n");
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.where(missing.errors[0]) == "2:15");
  Parsed twice("[deploy]\na = 1\n[deploy]\n");
  REQUIRE(twice.errors.size() == 1);
  CHECK(twice.where(twice.errors[0]) == "3:1");
  CHECK(twice.doc->root->entries.empty());
}

TEST_CASE("toml: a non-ASCII character outside strings and comments is an error") {
  // toml++ reaches undefined behaviour on these in a bare key (the fuzzer found it).
  Parsed key("[environments.a\xD2\x96" "eploy]\nx = 1\n");
  REQUIRE(key.errors.size() == 1);
  CHECK(key.where(key.errors[0]) == "1:16");
  CHECK(key.at(key.errors[0].span) == "\xD2\x96");
  Parsed bare("a\xC3\xA9 = 1\n");
  REQUIRE(bare.errors.size() == 1);
  CHECK(bare.where(bare.errors[0]) == "1:2");
  // Inside every kind of string, and in comments, they are text.
  Parsed fine(
      "a = \"caf\xC3\xA9 \\\" \xC3\xA9\"  # \xC3\xA9\n"
      "b = '\xC3\xA9'\n"
      "c = \"\"\"\n\xC3\xA9\"\"\"\"\n"
      "d = '''\xC3\xA9'''\n"
      "\"k\xC3\xA9\" = 1\n");
  CHECK(fine.errors.empty());
  REQUIRE(fine.doc->root->get("c"));
  CHECK(fine.doc->root->get("c")->text == "\xC3\xA9\"");
  // A control character ends the check: past it, toml++ and a quote scanner could disagree.
  Parsed control(std::string("a = 299\0x\"\xD1\x9B\"\n", 13));
  REQUIRE(control.errors.size() == 1);
  CHECK(control.where(control.errors[0]) == "1:8");
  CHECK(control.errors[0].message == "control character U+0000 is not allowed in TOML");
}

TEST_CASE("toml: deep nesting is an error, not a crash") {
  std::string header = "[a";
  for (int i = 0; i < 3000; ++i) header += ".a";
  Parsed deep(header + "]\n");
  CHECK_FALSE(deep.errors.empty());
  Parsed arrays("a = " + std::string(5000, '[') + "\n");
  CHECK_FALSE(arrays.errors.empty());
}

TEST_CASE("json: the same tree, with the spans of keys and values") {
  Parsed p(
      "{\n  \"$schema\": \"https://railway.com/railway.schema.json\",\n"
      "  \"deploy\": {\"numReplicas\": 2, \"healthcheckTimeout\": 1.5, "
      "\"cronSchedule\": null, \"x\": [true, \"a\\\"b\"]}\n}\n",
      true);
  REQUIRE(p.errors.empty());
  CHECK(p.doc->json);
  const toml::Node* deploy = p.doc->root->get("deploy");
  REQUIRE(deploy);
  CHECK(deploy->inline_table);
  CHECK(p.at(p.doc->root->entry("deploy")->key_span) == "\"deploy\"");
  CHECK(deploy->get("numReplicas")->type == toml::Type::integer);
  CHECK(deploy->get("healthcheckTimeout")->type == toml::Type::floating);
  CHECK(deploy->get("cronSchedule")->type == toml::Type::null);
  const toml::Node* x = deploy->get("x");
  REQUIRE(x->items.size() == 2);
  CHECK(x->items[0]->type == toml::Type::boolean);
  CHECK(x->items[1]->text == "a\"b");
  CHECK(p.at(x->items[1]->span) == "\"a\\\"b\"");
}

TEST_CASE("json: strict syntax, errors at the offending byte") {
  Parsed trailing("{\n  \"build\": {\n    \"builder\": \"X\",\n  }\n}\n", true);
  REQUIRE(trailing.errors.size() == 1);
  CHECK(trailing.where(trailing.errors[0]) == "4:3");
  Parsed garbage("{\"a\": 1} x", true);
  REQUIRE(garbage.errors.size() == 1);
  CHECK(garbage.where(garbage.errors[0]) == "1:10");
  Parsed comment("{ // no\n}", true);
  CHECK(comment.errors.size() == 1);
  Parsed deep(std::string(5000, '[') + std::string(5000, ']'), true);
  CHECK_FALSE(deep.errors.empty());
  Parsed not_object("[1, 2]", true);
  CHECK(not_object.errors.empty());
  CHECK(not_object.doc->root->is_array());
}
