#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>

#include "parse/yaml/yaml.hpp"
#include "yaml_test_support.hpp"

using infralint::Span;
using infralint::yaml::Limits;
using infralint::yaml::Node;
using infralint::yaml::ScalarStyle;
using infralint::yaml::ScalarType;
using infralint::yaml::testing::at_path;
using infralint::yaml::testing::Parsed;

TEST_CASE("yaml tree: spans of keys, values and collections") {
  //                 0         1          2          3         4         5
  //                 0123456789012345 6789012345678 9012345678901234567890123
  Parsed p("name: web # c\nports:\n  - \"80:80\"\n  - 443\nenv: {A: '1', B: [x, y]}\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* root = p.root();
  REQUIRE(root->is_mapping());
  CHECK(root->span == Span{0, p.text.size() - 1});
  REQUIRE(root->pairs.size() == 3);
  CHECK(root->pairs[0].key->span == Span{0, 4});
  CHECK(root->pairs[0].value->span == Span{6, 9});
  CHECK(p.at(root->pairs[0].value->span) == "web");

  const Node* ports = root->get("ports");
  REQUIRE(ports->is_sequence());
  CHECK(p.at(ports->span) == "- \"80:80\"\n  - 443");
  CHECK(p.at(ports->items[0]->span) == "\"80:80\"");
  CHECK(ports->items[0]->value == "80:80");
  CHECK(ports->items[0]->style == ScalarStyle::double_quoted);
  CHECK(p.at(ports->items[1]->span) == "443");
  CHECK(ports->items[1]->type == ScalarType::integer);

  const Node* env = root->get("env");
  REQUIRE(env->is_mapping());
  CHECK(env->flow);
  CHECK(p.at(env->span) == "{A: '1', B: [x, y]}");
  CHECK(p.at(env->pairs[0].key->span) == "A");
  CHECK(p.at(env->get("A")->span) == "'1'");
  CHECK(p.at(env->get("B")->span) == "[x, y]");
  CHECK(p.at(env->get("B")->items[1]->span) == "y");
  CHECK(env->get("B")->items[1]->flow);
  CHECK_FALSE(root->flow);
}

TEST_CASE("yaml tree: absent values are null scalars with an empty span") {
  Parsed p("a:\nb: # nothing\nc: &x\n- q: \n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* a = p.root()->get("a");
  REQUIRE(a);
  CHECK(a->is_null());
  CHECK(a->span == Span{2, 2});
  CHECK(p.root()->get("b")->is_null());
  CHECK(p.root()->get("c")->is_sequence());  // `c: &x` then a sequence at the key's column
  CHECK(p.root()->get("c")->anchor == "x");
  CHECK(p.root()->get("c")->items[0]->get("q")->is_null());
}

TEST_CASE("yaml tree: nested block collections and explicit keys") {
  Parsed p("outer:\n  inner:\n    - a: 1\n      b: 2\n    - - x\n      - y\n? complex key\n: v\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* inner = at_path(p.root(), {"outer", "inner"});
  REQUIRE(inner);
  REQUIRE(inner->items.size() == 2);
  CHECK(p.at(inner->items[0]->span) == "a: 1\n      b: 2");
  CHECK(inner->items[0]->get("b")->value == "2");
  CHECK(p.at(inner->items[1]->span) == "- x\n      - y");
  CHECK(p.at(p.root()->get("outer")->span) ==
        "inner:\n    - a: 1\n      b: 2\n    - - x\n      - y");
  CHECK(p.root()->get("complex key")->value == "v");
}

TEST_CASE("yaml tree: comments are ignored, including after the last value") {
  Parsed p("# head\na: 1 # one\n# between\nb:\n  # inside\n  c: 2\n  # trailing\n# end\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  REQUIRE(p.root()->pairs.size() == 2);
  CHECK(p.at(p.root()->get("b")->span) == "c: 2");
  CHECK(p.at(p.root()->span) == "a: 1 # one\n# between\nb:\n  # inside\n  c: 2");
  CHECK(p.root()->get("a")->value == "1");
}

TEST_CASE("yaml tree: multi-document streams keep absolute positions") {
  std::string text = "a: 1\n---\nb: 2\n--- # empty\n---\n- c\n...\n---\nd: |\n  x\n";
  Parsed p(text);
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  REQUIRE(p.stream->documents.size() == 5);
  CHECK(p.root(0)->get("a")->span == Span{3, 4});
  const Node* b = p.root(1)->get("b");
  CHECK(b->span.begin == text.find("2\n---"));
  CHECK(p.at(p.stream->documents[1].span).starts_with("---\nb: 2"));
  CHECK(p.root(2) == nullptr);  // `--- # empty`
  CHECK(p.root(3)->items[0]->span.begin == text.find("c\n..."));
  CHECK(p.root(4)->get("d")->value == "x\n");
  CHECK(p.root(4)->get("d")->span.begin == text.find("|\n  x"));
}

TEST_CASE("yaml tree: empty and comment-only input") {
  Parsed empty("");
  CHECK(empty.errors.empty());
  CHECK(empty.stream->documents.empty());
  Parsed comments("# only a comment\n\n");
  CHECK(comments.errors.empty());
  CHECK(comments.root() == nullptr);
  Parsed marker("---\n");
  CHECK(marker.errors.empty());
  REQUIRE(marker.stream->documents.size() == 1);
  CHECK(marker.root() == nullptr);
}

TEST_CASE("yaml tree: CRLF files") {
  std::string text = "a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  l1\r\n  l2\r\n";
  Parsed p(text);
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  CHECK(p.root()->get("a")->span == Span{3, 4});
  CHECK(p.at(p.root()->get("b")->items[1]->span) == "y");
  CHECK(p.root()->get("c")->value == "l1\nl2\n");
  CHECK(p.root()->get("b")->items[0]->value == "x");
}

TEST_CASE("yaml tree: a byte-order mark is skipped, offsets stay file offsets") {
  Parsed p("\xEF\xBB\xBF" "a: 1\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  CHECK(p.root()->get("a")->span == Span{6, 7});
}

TEST_CASE("yaml tree: anchors and aliases share nodes and are recorded") {
  Parsed p("base: &b {x: 1}\nuse: *b\nlist: [*b, &s str, *s]\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* base = p.root()->get("base");
  CHECK(base->anchor == "b");
  CHECK(p.root()->get("use") == base);  // shared, not copied
  CHECK(p.root()->get("list")->items[0] == base);
  CHECK(p.root()->get("list")->items[2]->value == "str");
  REQUIRE(p.stream->aliases.size() == 3);
  CHECK(p.at(p.stream->aliases[0].alias_span) == "*b");
  CHECK(p.stream->aliases[0].target == base);
  CHECK(p.stream->aliased(base));
  CHECK(p.stream->aliased(base->get("x")));
  CHECK_FALSE(p.stream->aliased(p.root()));
  CHECK_FALSE(p.stream->aliased(p.root()->pairs[0].key));
  // An anchor may be redefined; later aliases see the latest one.
  Parsed again("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
  CHECK(again.root()->get("b")->value == "1");
  CHECK(again.root()->get("d")->value == "2");
}

TEST_CASE("yaml tree: unknown and recursive aliases are errors") {
  Parsed unknown("a: *nope\nb: 1\n");
  REQUIRE(unknown.errors.size() == 1);
  CHECK(unknown.errors[0].span == Span{3, 8});
  CHECK(unknown.errors[0].message.find("unknown alias '*nope'") != std::string::npos);
  CHECK(unknown.root()->get("a")->is_null());
  CHECK(unknown.root()->get("b")->value == "1");

  Parsed other_doc("a: &x 1\n---\nb: *x\n");
  CHECK(other_doc.errors.size() == 1);  // anchors do not cross documents

  Parsed recursive("a: &r [1, *r]\n");
  REQUIRE(recursive.errors.size() == 1);
  CHECK(recursive.at(recursive.errors[0].span) == "*r");
}

TEST_CASE("yaml tree: merge keys, explicit keys override merged ones") {
  Parsed p(
      "defaults: &d\n  image: app\n  restart: always\n  env: prod\n"
      "extra: &e\n  env: staging\n  debug: true\n"
      "svc:\n  <<: [*e, *d]\n  restart: never\n  name: api\n"
      "one:\n  name: x\n  <<: *d\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* svc = p.root()->get("svc");
  REQUIRE(svc->pairs.size() == 5);
  // Own pairs first in source order, then merged ones; earlier merge sources win.
  CHECK(svc->pairs[0].key->value == "restart");
  CHECK_FALSE(svc->pairs[0].merged);
  CHECK(svc->pairs[1].key->value == "name");
  CHECK(svc->pairs[2].key->value == "env");
  CHECK(svc->pairs[2].merged);
  CHECK(svc->get("env")->value == "staging");
  CHECK(svc->get("debug")->value == "true");
  CHECK(svc->get("image")->value == "app");
  CHECK(svc->get("restart")->value == "never");
  CHECK(svc->pair("<<") == nullptr);
  // A merged pair's spans are those of the anchored mapping.
  CHECK(p.at(svc->pair("image")->key->span) == "image");
  CHECK(svc->pair("image")->key->span.begin == p.text.find("image"));
  CHECK(svc->pair("image")->value == p.root()->get("defaults")->get("image"));

  const Node* one = p.root()->get("one");
  CHECK(one->get("name")->value == "x");
  CHECK(one->get("restart")->value == "always");
  CHECK(one->pairs.size() == 4);

  Parsed quoted("a: {'<<': 1}\n");  // only a plain `<<` merges
  CHECK(quoted.root()->get("a")->get("<<")->value == "1");
  Parsed bad("a: {<<: 1}\n");
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].message.find("merge key") != std::string::npos);
}

TEST_CASE("yaml tree: an alias bomb stops at the offending alias") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    text += std::string(1, c) + ": &" + std::string(1, c) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
    text += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  Parsed p(text);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message.find("alias bomb") != std::string::npos);
  CHECK(p.at(p.errors[0].span).starts_with("*"));
  CHECK(p.errors[0].span.begin > text.find("f: &f"));  // 10^6 nodes are reached around g
  CHECK(p.root() == nullptr);

  Limits small;
  small.max_expanded_nodes = 30;
  Parsed limited("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n", small);
  REQUIRE(limited.errors.size() == 1);
  CHECK(limited.errors[0].span.begin == limited.text.find("*a, *a, *a]"));
}

TEST_CASE("yaml tree: nesting depth is limited without overflowing the stack") {
  std::string flow = std::string(10000, '[') + std::string(10000, ']') + "\n";
  Parsed deep_flow(flow);
  REQUIRE_FALSE(deep_flow.errors.empty());
  CHECK(deep_flow.errors[0].message.find("nesting deeper than 512") != std::string::npos);
  CHECK(deep_flow.errors[0].span.begin == 512);

  std::string block;
  for (int i = 0; i < 10000; ++i) block += std::string(i, ' ') + "k:\n";
  block += std::string(10000, ' ') + "v\n";
  Parsed deep_block(block);
  REQUIRE(deep_block.errors.size() == 1);
  CHECK(deep_block.errors[0].message.find("nesting deeper than") != std::string::npos);

  std::string dashes;
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  Parsed deep_dashes(dashes + "x\n");
  CHECK_FALSE(deep_dashes.errors.empty());

  Limits shallow;
  shallow.max_depth = 3;
  Parsed limited("a:\n  b:\n    c:\n      d: 1\n", shallow);
  REQUIRE(limited.errors.size() == 1);
  CHECK(limited.at(limited.errors[0].span) == "d");
  Parsed fine("a:\n  b:\n    c: 1\n", shallow);
  CHECK(fine.errors.empty());

  // Just under the block limit still parses.
  std::string ok;
  for (int i = 0; i < 150; ++i) ok += std::string(i, ' ') + "k:\n";
  Parsed just_ok(ok + std::string(150, ' ') + "v\n");
  CHECK_MESSAGE(just_ok.errors.empty(), just_ok.error_text());
}

TEST_CASE("yaml tree: tabs as indentation are errors pointing at the tab") {
  Parsed p("a:\n\tb: 1\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].span == Span{3, 4});
  CHECK(p.errors[0].message == "tabs are not allowed as indentation; indent with spaces");

  Parsed mixed("a:\n  b: 1\n  \tc: 2\n");
  REQUIRE_FALSE(mixed.errors.empty());
  CHECK(mixed.errors[0].span.begin == mixed.text.find('\t'));

  // Tabs elsewhere are fine: inside block scalars, quoted scalars, after indicators, comments.
  Parsed fine("a: |\n  \tx\nb: \"x\n  \ty\"\nc:\t1\n\t# tab comment\n");
  REQUIRE_MESSAGE(fine.errors.empty(), fine.error_text());
  CHECK(fine.root()->get("a")->value == "\tx\n");
  CHECK(fine.root()->get("b")->value == "x y");
}

TEST_CASE("yaml tree: syntax errors have spans and what parses is kept") {
  Parsed unclosed("a: 1\nb: [1, 2\nc: 3\n");
  REQUIRE_FALSE(unclosed.errors.empty());
  CHECK(unclosed.at(unclosed.errors[0].span) == "[");
  CHECK(unclosed.errors[0].message.find("never closed") != std::string::npos);
  REQUIRE(unclosed.root());
  CHECK(unclosed.root()->get("a")->value == "1");
  CHECK(unclosed.root()->get("c")->value == "3");

  Parsed second_bad("a: 1\n---\nb: [\n---\nc: 3\n");
  REQUIRE_FALSE(second_bad.errors.empty());
  REQUIRE(second_bad.stream->documents.size() >= 2);
  REQUIRE(second_bad.root(0));
  CHECK(second_bad.root(0)->get("a")->value == "1");

  Parsed helm("# Chart\n{{- if .Values.enabled }}\napiVersion: v1\n{{- end }}\n");
  REQUIRE_FALSE(helm.errors.empty());
  CHECK(helm.at(helm.errors[0].span) == "{{- if .Values.enabled }}");
}

TEST_CASE("yaml tree: garbage and binary input never crash") {
  std::mt19937 rng(42);
  const std::string alphabet = "abc:-?[]{},&*!|>'\"#\n\t %@`\\\r\x01\xff\xc3";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::size_t size = rng() % 200;
    for (std::size_t i = 0; i < size; ++i) text += alphabet[rng() % alphabet.size()];
    Parsed p(text);
    for (const auto& e : p.errors) CHECK(e.span.end <= text.size());
  }
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>(rng() % 256);
  Parsed b(binary);
  CHECK(b.stream != nullptr);
  Parsed nul(std::string("a: b\0c\n", 7));
  CHECK(nul.stream != nullptr);
}

TEST_CASE("yaml tree: a large file parses quickly") {
  std::string text;
  for (int i = 0; i < 10000; ++i)
    text += "- name: item" + std::to_string(i) + "\n  value: " + std::to_string(i) +
            "\n  tags: [a, b]\n";
  auto start = std::chrono::steady_clock::now();
  Parsed p(text);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  CHECK(p.root()->items.size() == 10000);
  CHECK(p.root()->items[9999]->get("value")->value == "9999");
}

TEST_CASE("yaml tree: long streams are read a few documents at a time, positions absolute") {
  std::string text;
  for (int d = 0; d < 40; ++d) {
    text += "---\ndoc: " + std::to_string(d) + "\n";
    for (int i = 0; i < 2000; ++i) text += "k" + std::to_string(i) + ": v\n";
  }
  Parsed p(text);
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  REQUIRE(p.stream->documents.size() == 40);
  const Node* doc = p.root(39)->get("doc");
  CHECK(doc->value == "39");
  CHECK(doc->span.begin == text.find("doc: 39") + 5);
  CHECK(p.root(39)->pairs.size() == 2001);
}

TEST_CASE("yaml tree: one document past 32767 lines gets an explanation, not a crash") {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "k" + std::to_string(i) + ": v\n";
  Parsed p(text);
  // tree-sitter-yaml's scanner counts rows in 16 bits (see tree_builder.cpp).
  if (!p.errors.empty()) {
    bool explained = std::any_of(p.errors.begin(), p.errors.end(), [](const auto& e) {
      return e.message.find("longer than 32767 lines") != std::string::npos;
    });
    CHECK(explained);
  }
}

namespace {

// Every node of a stream as "kind span value", in document order: two parses are the same
// when these lines are.
void describe(const infralint::yaml::Node* node, std::string& out) {
  if (!node) return;
  out += std::to_string(static_cast<int>(node->kind)) + " " + std::to_string(node->span.begin) +
         "-" + std::to_string(node->span.end) + " " + node->value + "\n";
  for (const auto& pair : node->pairs) {
    describe(pair.key, out);
    describe(pair.value, out);
  }
  for (const auto* item : node->items) describe(item, out);
}

std::string describe(const infralint::yaml::Stream& stream,
                     const std::vector<infralint::ParseError>& errors) {
  std::string out;
  for (const auto& doc : stream.documents) describe(doc.root, out);
  for (const auto& e : errors)
    out += "error " + std::to_string(e.span.begin) + "-" + std::to_string(e.span.end) + " " +
           e.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("yaml: parsing a new version with the previous one's memo gives the fresh parse") {
  using infralint::yaml::parse;
  std::string text;
  for (int n = 0; n < 40; ++n)
    text += "---\nkind: Deployment\nmetadata:\n  name: web-" + std::to_string(n) +
            "\nspec:\n  replicas: 2\n  image: registry/web:1.4." + std::to_string(n) + "\n";
  std::shared_ptr<infralint::ParseMemo> memo;
  std::vector<infralint::ParseError> errors;
  parse(text, errors, {}, memo);
  REQUIRE(memo);
  // A value grows, a line is inserted, a syntax error comes and goes, a document is removed.
  std::vector<std::pair<std::string, std::string>> edits = {
      {"1.4.25", "1.4.2500"}, {"  replicas: 2\n  image: registry/web:1.4.7\n",
                               "  replicas: 2\n  paused: true\n  image: registry/web:1.4.7\n"},
      {"name: web-3\n", "name: [web-3\n"}, {"name: [web-3\n", "name: web-3\n"},
      {"---\nkind: Deployment\nmetadata:\n  name: web-0\n", "---\nkind: Pod\n"}};
  for (const auto& [from, to] : edits) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::vector<infralint::ParseError> incremental_errors, fresh_errors;
    auto incremental = parse(text, incremental_errors, {}, memo);
    auto fresh = parse(text, fresh_errors);
    CAPTURE(to);
    CHECK(describe(*incremental, incremental_errors) == describe(*fresh, fresh_errors));
  }
}
