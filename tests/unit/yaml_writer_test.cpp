// The YAML writer: exact output text for each edit on compose- and Kubernetes-style files, and
// the invariants every edit keeps — the result parses, means what was intended, and keeps every
// comment line of the input.
#include "fix/yaml_writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <variant>

#include "fix/yaml_writer_internal.hpp"
#include "fixture_support.hpp"

using namespace infralint;
namespace ye = infralint::yaml_edit;

namespace {

struct Parsed {
  std::string text;
  std::vector<ParseError> errors;
  std::unique_ptr<yaml::Stream> stream;
};

Parsed parse_yaml(std::string text) {
  Parsed p;
  p.text = std::move(text);
  p.stream = yaml::parse(p.text, p.errors);
  return p;
}

// A node by dotted path ("spec.template.spec.containers.0") in document `doc`.
const yaml::Node& at(const Parsed& p, std::string_view path, std::size_t doc = 0) {
  REQUIRE(p.stream);
  REQUIRE(doc < p.stream->documents.size());
  const yaml::Node* node = p.stream->documents[doc].root;
  REQUIRE(node);
  while (!path.empty()) {
    std::size_t dot = path.find('.');
    std::string part(path.substr(0, dot));
    path = dot == std::string_view::npos ? "" : path.substr(dot + 1);
    if (node->is_sequence()) {
      std::size_t i = std::stoul(part);
      REQUIRE(i < node->items.size());
      node = node->items[i];
    } else {
      node = node->get(part);
    }
    REQUIRE_MESSAGE(node, "no node at " << part);
  }
  return *node;
}

std::string edited(std::string_view text, const std::optional<Edit>& edit) {
  REQUIRE(edit.has_value());
  std::string out;
  REQUIRE(apply_edits(text, {*edit}, out));
  return out;
}

std::string core_type(const std::string& s) {
  static const std::regex null_re("~|null|Null|NULL|");
  static const std::regex bool_re("true|True|TRUE|false|False|FALSE");
  static const std::regex int_re("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const std::regex float_re(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|"
      "\\.(nan|NaN|NAN)");
  if (std::regex_match(s, null_re)) return "null";
  if (std::regex_match(s, bool_re)) return "bool";
  if (std::regex_match(s, int_re)) return "int";
  if (std::regex_match(s, float_re)) return "float";
  return "str";
}

// A canonical dump of a yaml-cpp tree: typed scalars, mapping keys sorted.
std::string canon(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "null";
  if (n.IsScalar()) {
    // Plain scalars, and values set from C++, resolve; quoted (tag "!") and tagged ones are
    // compared as text.
    std::string type = n.Tag().empty() || n.Tag() == "?" ? core_type(n.Scalar()) : "str";
    if (type == "null") return "null";
    return type + ":" + n.Scalar();
  }
  if (n.IsSequence()) {
    std::string out = "[";
    for (const auto& item : n) out += canon(item) + ",";
    return out + "]";
  }
  std::map<std::string, std::string> sorted;
  for (const auto& kv : n) sorted[canon(kv.first)] = canon(kv.second);
  std::string out = "{";
  for (const auto& [k, v] : sorted) out += k + "=" + v + ",";
  return out + "}";
}

// The same dump of our own tree.
std::string canon(const yaml::Node* n) {
  if (!n || n->is_null()) return "null";
  if (n->is_scalar()) {
    switch (n->type) {
      case yaml::ScalarType::boolean:
        return "bool:" + n->value;
      case yaml::ScalarType::integer:
        return "int:" + n->value;
      case yaml::ScalarType::floating:
        return "float:" + n->value;
      default:
        return "str:" + n->value;
    }
  }
  if (n->is_sequence()) {
    std::string out = "[";
    for (const auto* item : n->items) out += canon(item) + ",";
    return out + "]";
  }
  std::map<std::string, std::string> sorted;
  for (const auto& p : n->pairs) sorted[canon(p.key)] = canon(p.value);
  std::string out = "{";
  for (const auto& [k, v] : sorted) out += k + "=" + v + ",";
  return out + "}";
}

std::vector<std::string> comment_lines(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') out.push_back(line);
  }
  return out;
}

// The output parses (with both parsers), holds exactly the input's values changed by
// `intended`, and keeps every comment line of the input.
void check_invariants(std::string_view input, std::string_view output,
                      const std::function<void(std::vector<YAML::Node>&)>& intended,
                      bool comments_kept = true) {
  CAPTURE(output);
  std::vector<ParseError> errors;
  auto stream = yaml::parse(output, errors);
  REQUIRE(stream);
  CHECK(errors.empty());
  std::vector<YAML::Node> want = YAML::LoadAll(std::string(input));
  intended(want);
  std::vector<YAML::Node> got = YAML::LoadAll(std::string(output));
  REQUIRE(got.size() == want.size());
  REQUIRE(stream->documents.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(canon(got[i]) == canon(want[i]));
    CHECK(canon(stream->documents[i].root) == canon(want[i]));
  }
  if (!comments_kept) return;
  auto out_comments = comment_lines(output);
  for (const std::string& c : comment_lines(input))
    CHECK_MESSAGE(std::find(out_comments.begin(), out_comments.end(), c) != out_comments.end(),
                  "lost comment: " << c);
}

YAML::Node load(const std::string& s) {
  return YAML::Load(s);
}

const std::string compose =
    "# Compose file for the demo stack\n"
    "services:\n"
    "  web:\n"
    "    image: nginx:1.25  # pinned\n"
    "    ports:\n"
    "      - \"8080:80\"\n"
    "      # - \"8443:443\"\n"
    "\n"
    "    environment:\n"
    "      MODE: production\n"
    "  # the database\n"
    "  db:\n"
    "    image: postgres:16\n"
    "    volumes:\n"
    "      - db-data:/var/lib/postgresql/data\n"
    "\n"
    "volumes:\n"
    "  db-data: {}\n";

const std::string kube =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: api\n"
    "  labels:\n"
    "    app: api\n"
    "spec:\n"
    "  replicas: 2\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: api\n"
    "        image: ghcr.io/acme/api:1.4.2\n"
    "        ports:\n"
    "        - containerPort: 8080\n"
    "        # resources are set by the platform\n"
    "      - name: sidecar\n"
    "        image: envoyproxy/envoy:v1.29\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service";

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("yaml writer: insert_pair into a compose service goes after the last value") {
  auto p = parse_yaml(compose);
  REQUIRE(p.errors.empty());
  auto out = edited(
      p.text, ye::insert_pair(p.text, *p.stream, at(p, "services.web"), "read_only", load("true")));
  CHECK(out == replace_all(compose, "      MODE: production\n",
                           "      MODE: production\n    read_only: true\n"));
  check_invariants(compose, out, [](auto& d) { d[0]["services"]["web"]["read_only"] = true; });
}

TEST_CASE("yaml writer: values built directly write what the same yaml-cpp nodes write") {
  using ye::NewValue;
  auto p = parse_yaml(compose);
  struct Case {
    NewValue built;
    YAML::Node node;
  };
  YAML::Node context(YAML::NodeType::Map);
  context["runAsNonRoot"] = true;
  context["runAsUser"] = std::int64_t{10001};
  context["capabilities"]["drop"].push_back("ALL");
  const Case cases[] = {
      {true, YAML::Node(true)},
      {false, YAML::Node(false)},
      {std::int64_t{10001}, YAML::Node(std::int64_t{10001})},
      {"ALL", YAML::Node("ALL")},
      {std::string("10001:10001"), YAML::Node(std::string("10001:10001"))},
      {"1000", YAML::Node("1000")},                           // untagged: typed, written plain
      {NewValue::tagged("!", "1000"), YAML::Load("'1000'")},  // a string: quoted
      {"yes: no # x", YAML::Node("yes: no # x")},
      {NewValue(), YAML::Node()},
      {NewValue::sequence({"no-new-privileges:true"}), YAML::Load("[no-new-privileges:true]")},
      {NewValue::mapping(
           {{"runAsNonRoot", true},
            {"runAsUser", std::int64_t{10001}},
            {"capabilities", NewValue::mapping({{"drop", NewValue::sequence({"ALL"})}})}}),
       context},
      {NewValue::mapping(), YAML::Node(YAML::NodeType::Map)},
  };
  for (const Case& c : cases) {
    for (const char* where : {"services.web", "services.db"}) {
      auto built = ye::insert_pair(p.text, *p.stream, at(p, where), "new", c.built);
      auto converted = ye::insert_pair(p.text, *p.stream, at(p, where), "new", c.node);
      REQUIRE(built.has_value() == converted.has_value());
      REQUIRE(built.has_value());
      CHECK(built->replacement == converted->replacement);
    }
    auto flow = parse_yaml("a: {b: 1}\n");
    auto built = ye::insert_pair(flow.text, *flow.stream, at(flow, "a"), "new", c.built);
    auto converted = ye::insert_pair(flow.text, *flow.stream, at(flow, "a"), "new", c.node);
    REQUIRE(built.has_value() == converted.has_value());
    if (built) CHECK(built->replacement == converted->replacement);
  }
}

TEST_CASE("yaml writer: insert_pair after a given key keeps that key's comment") {
  auto p = parse_yaml(compose);
  auto out = edited(p.text, ye::insert_pair(p.text, *p.stream, at(p, "services.web"), "user",
                                            load("'1000'"), "image"));
  CHECK(out == replace_all(compose, "# pinned\n", "# pinned\n    user: \"1000\"\n"));
  check_invariants(compose, out,
                   [](auto& d) { d[0]["services"]["web"]["user"] = YAML::Load("'1000'"); });
  // the key must exist
  CHECK_FALSE(ye::insert_pair(p.text, *p.stream, at(p, "services.web"), "user", load("x"), "nope"));
  // and the new key must not
  CHECK_FALSE(ye::insert_pair(p.text, *p.stream, at(p, "services.web"), "image", load("x")));
}

TEST_CASE("yaml writer: insert_pair renders a nested value as a block after nested content") {
  auto p = parse_yaml(compose);
  auto out = edited(p.text, ye::insert_pair(p.text, *p.stream, at(p, "services.db"), "deploy",
                                            load("{resources: {limits: {memory: 512M}}}")));
  CHECK(out == replace_all(compose, "/var/lib/postgresql/data\n",
                           "/var/lib/postgresql/data\n"
                           "    deploy:\n"
                           "      resources:\n"
                           "        limits:\n"
                           "          memory: 512M\n"));
  check_invariants(compose, out, [](auto& d) {
    d[0]["services"]["db"]["deploy"] = YAML::Load("{resources: {limits: {memory: 512M}}}");
  });
}

TEST_CASE("yaml writer: insert_pair into a Kubernetes container (a sequence item)") {
  auto p = parse_yaml(kube);
  REQUIRE(p.errors.empty());
  const auto& container = at(p, "spec.template.spec.containers.0");
  auto out = edited(p.text, ye::insert_pair(p.text, *p.stream, container, "securityContext",
                                            load("{runAsNonRoot: true, runAsUser: 10001}")));
  CHECK(out == replace_all(kube, "        - containerPort: 8080\n",
                           "        - containerPort: 8080\n"
                           "        securityContext:\n"
                           "          runAsNonRoot: true\n"
                           "          runAsUser: 10001\n"));
  check_invariants(kube, out, [](auto& d) {
    d[0]["spec"]["template"]["spec"]["containers"][0]["securityContext"] =
        YAML::Load("{runAsNonRoot: true, runAsUser: 10001}");
  });

  // A sequence value follows the file's indentless style.
  out = edited(p.text, ye::insert_pair(p.text, *p.stream, at(p, "spec.template.spec.containers.1"),
                                       "args", load("['--port', '8080']")));
  CHECK(out == kube.substr(0, kube.find("---")) +
                   "        args:\n"
                   "        - --port\n"
                   "        - \"8080\"\n" +
                   kube.substr(kube.find("---")));
  check_invariants(kube, out, [](auto& d) {
    d[0]["spec"]["template"]["spec"]["containers"][1]["args"] = YAML::Load("['--port', '8080']");
  });

  // A single-pair item: later keys line up with the first.
  std::string one = "items:\n- name: x\n- name: y\n";
  auto q = parse_yaml(one);
  out = edited(one, ye::insert_pair(one, *q.stream, at(q, "items.0"), "image", load("busybox")));
  CHECK(out == "items:\n- name: x\n  image: busybox\n- name: y\n");
}

TEST_CASE("yaml writer: insert_pair at the end of a file without a final newline") {
  auto p = parse_yaml(kube);
  auto out = edited(p.text, ye::insert_pair(p.text, *p.stream, at(p, "", 1), "spec",
                                            load("{ports: [{port: 80}]}")));
  CHECK(out == kube + "\nspec:\n  ports:\n  - port: 80");
  check_invariants(kube, out, [](auto& d) { d[1]["spec"] = YAML::Load("{ports: [{port: 80}]}"); });
}

TEST_CASE("yaml writer: insert_pair keeps CRLF line endings") {
  std::string crlf = replace_all(compose, "\n", "\r\n");
  auto p = parse_yaml(crlf);
  REQUIRE(p.errors.empty());
  auto out = edited(p.text, ye::insert_pair(p.text, *p.stream, at(p, "services.db"), "healthcheck",
                                            load("{test: [CMD, pg_isready]}")));
  CHECK(out == replace_all(crlf, "/var/lib/postgresql/data\r\n",
                           "/var/lib/postgresql/data\r\n"
                           "    healthcheck:\r\n"
                           "      test:\r\n"
                           "        - CMD\r\n"
                           "        - pg_isready\r\n"));
  check_invariants(crlf, out, [](auto& d) {
    d[0]["services"]["db"]["healthcheck"] = YAML::Load("{test: [CMD, pg_isready]}");
  });
}

TEST_CASE("yaml writer: insert_pair into flow and empty mappings") {
  std::string text = "metadata:\n  labels: {app: api}  # keep\n  annotations: {}\nspec:\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(
      text, ye::insert_pair(text, *p.stream, at(p, "metadata.labels"), "tier", load("backend")));
  CHECK(out ==
        "metadata:\n  labels: {app: api, tier: backend}  # keep\n  annotations: {}\nspec:\n");
  check_invariants(text, out, [](auto& d) { d[0]["metadata"]["labels"]["tier"] = "backend"; });

  // An empty flow mapping in block context becomes a block.
  out = edited(text, ye::insert_pair(text, *p.stream, at(p, "metadata.annotations"), "owner",
                                     load("team-a")));
  CHECK(out ==
        "metadata:\n  labels: {app: api}  # keep\n  annotations:\n    owner: team-a\nspec:\n");
  check_invariants(text, out, [](auto& d) { d[0]["metadata"]["annotations"]["owner"] = "team-a"; });

  // A null value gets a block mapping.
  out = edited(text, ye::insert_pair(text, *p.stream, at(p, "spec"), "replicas", load("2")));
  CHECK(out ==
        "metadata:\n  labels: {app: api}  # keep\n  annotations: {}\nspec:\n  replicas: 2\n");
  check_invariants(text, out, [](auto& d) { d[0]["spec"]["replicas"] = 2; });

  // Values inside flow collections are written in flow style.
  out = edited(text, ye::insert_pair(text, *p.stream, at(p, "metadata.labels"), "ports",
                                     load("[80, '443']")));
  CHECK(out ==
        "metadata:\n  labels: {app: api, ports: [80, \"443\"]}  # keep\n  annotations: {}\n"
        "spec:\n");

  // Multi-line flow mappings get the new entry on its own line.
  std::string multi = "env: {\n  A: 1,\n  B: 2,\n}\n";
  auto q = parse_yaml(multi);
  out = edited(multi, ye::insert_pair(multi, *q.stream, at(q, "env"), "C", load("3")));
  CHECK(out == "env: {\n  A: 1,\n  B: 2,\n  C: 3,\n}\n");

  // A comment inside a flow collection: refused.
  std::string commented = "env: {\n  A: 1, # one\n  B: 2\n}\n";
  auto r = parse_yaml(commented);
  CHECK_FALSE(ye::insert_pair(commented, *r.stream, at(r, "env"), "C", load("3")));
}

TEST_CASE("yaml writer: append_item to block sequences") {
  auto p = parse_yaml(compose);
  auto out = edited(
      p.text, ye::append_item(p.text, *p.stream, at(p, "services.web.ports"), load("'22:22'")));
  CHECK(out ==
        replace_all(compose, "      - \"8080:80\"\n", "      - \"8080:80\"\n      - \"22:22\"\n"));
  check_invariants(compose, out,
                   [](auto& d) { d[0]["services"]["web"]["ports"].push_back("22:22"); });

  // Kubernetes: indentless sequences, mapping items.
  auto k = parse_yaml(kube);
  out = edited(kube, ye::append_item(kube, *k.stream, at(k, "spec.template.spec.containers"),
                                     load("{name: init, image: busybox}")));
  CHECK(out == replace_all(kube, "envoy:v1.29\n",
                           "envoy:v1.29\n      - name: init\n"
                           "        image: busybox\n"));
  check_invariants(kube, out, [](auto& d) {
    d[0]["spec"]["template"]["spec"]["containers"].push_back(
        YAML::Load("{name: init, image: busybox}"));
  });

  out =
      edited(kube, ye::append_item(kube, *k.stream, at(k, "spec.template.spec.containers.0.ports"),
                                   load("{containerPort: 9090}")));
  CHECK(out == replace_all(kube, "        - containerPort: 8080\n",
                           "        - containerPort: 8080\n        - containerPort: 9090\n"));

  // At the end of a file without a final newline; CRLF.
  std::string tail = "args:\r\n  - a\r\n  - b";
  auto t = parse_yaml(tail);
  out = edited(tail, ye::append_item(tail, *t.stream, at(t, "args"), load("'yes'")));
  CHECK(out == "args:\r\n  - a\r\n  - b\r\n  - \"yes\"");
  check_invariants(tail, out, [](auto& d) { d[0]["args"].push_back("yes"); });
}

TEST_CASE("yaml writer: append_item to flow and empty sequences") {
  std::string text = "ports: [\"80:80\", \"443:443\"]\ndns: []\ncmd:\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::append_item(text, *p.stream, at(p, "ports"), load("'8080:8080'")));
  CHECK(out == "ports: [\"80:80\", \"443:443\", \"8080:8080\"]\ndns: []\ncmd:\n");
  check_invariants(text, out, [](auto& d) { d[0]["ports"].push_back("8080:8080"); });

  out = edited(text, ye::append_item(text, *p.stream, at(p, "dns"), load("1.1.1.1")));
  CHECK(out == "ports: [\"80:80\", \"443:443\"]\ndns:\n  - 1.1.1.1\ncmd:\n");

  out = edited(text, ye::append_item(text, *p.stream, at(p, "cmd"), load("serve")));
  CHECK(out == "ports: [\"80:80\", \"443:443\"]\ndns: []\ncmd:\n  - serve\n");
  check_invariants(text, out, [](auto& d) { d[0]["cmd"].push_back("serve"); });

  std::string nested = "matrix: [[a, b]]\n";
  auto q = parse_yaml(nested);
  out = edited(nested, ye::append_item(nested, *q.stream, at(q, "matrix.0"), load("c")));
  CHECK(out == "matrix: [[a, b, c]]\n");
}

TEST_CASE("yaml writer: remove_pair removes whole lines and only the pair's own comment") {
  auto p = parse_yaml(compose);
  auto out =
      edited(p.text, ye::remove_pair(p.text, *p.stream, at(p, "services.web"), "environment"));
  CHECK(out == replace_all(compose, "    environment:\n      MODE: production\n", ""));
  check_invariants(compose, out, [](auto& d) { d[0]["services"]["web"].remove("environment"); });

  out = edited(p.text, ye::remove_pair(p.text, *p.stream, at(p, "services.web"), "image"));
  CHECK(out == replace_all(compose, "    image: nginx:1.25  # pinned\n", ""));
  check_invariants(
      compose, out, [](auto& d) { d[0]["services"]["web"].remove("image"); }, false);

  out = edited(p.text, ye::remove_pair(p.text, *p.stream, at(p, "services"), "db"));
  CHECK(out == replace_all(compose,
                           "  db:\n    image: postgres:16\n    volumes:\n"
                           "      - db-data:/var/lib/postgresql/data\n",
                           ""));
  check_invariants(compose, out, [](auto& d) { d[0]["services"].remove("db"); });

  CHECK_FALSE(ye::remove_pair(p.text, *p.stream, at(p, "services.web"), "nope"));
}

TEST_CASE("yaml writer: remove_pair in sequence items, at the end of file, CRLF, flow") {
  auto k = parse_yaml(kube);
  auto out = edited(
      kube, ye::remove_pair(kube, *k.stream, at(k, "spec.template.spec.containers.1"), "name"));
  CHECK(out == replace_all(kube, "      - name: sidecar\n        image:", "      - image:"));
  check_invariants(
      kube, out, [](auto& d) { d[0]["spec"]["template"]["spec"]["containers"][1].remove("name"); });

  out = edited(kube, ye::remove_pair(kube, *k.stream, at(k, "", 1), "kind"));
  CHECK(out == kube.substr(0, kube.size() - std::string("\nkind: Service").size()));

  std::string crlf = "a: 1\r\nb:\r\n  c: 2\r\nd: 3\r\n";
  auto c = parse_yaml(crlf);
  out = edited(crlf, ye::remove_pair(crlf, *c.stream, at(c, ""), "b"));
  CHECK(out == "a: 1\r\nd: 3\r\n");

  std::string flow = "labels: {app: api, tier: web, env: prod}\n";
  auto f = parse_yaml(flow);
  CHECK(edited(flow, ye::remove_pair(flow, *f.stream, at(f, "labels"), "app")) ==
        "labels: {tier: web, env: prod}\n");
  CHECK(edited(flow, ye::remove_pair(flow, *f.stream, at(f, "labels"), "env")) ==
        "labels: {app: api, tier: web}\n");

  // The last pair leaves an empty mapping, not a null.
  std::string single = "env:\n  # only one\n  A: 1\nx: 1\n";
  auto s = parse_yaml(single);
  out = edited(single, ye::remove_pair(single, *s.stream, at(s, "env"), "A"));
  CHECK(out == "env: {}\n  # only one\nx: 1\n");
  check_invariants(single, out, [](auto& d) { d[0]["env"] = YAML::Node(YAML::NodeType::Map); });
}

TEST_CASE("yaml writer: remove_item") {
  auto k = parse_yaml(kube);
  auto out =
      edited(kube, ye::remove_item(kube, *k.stream, at(k, "spec.template.spec.containers"), 0));
  std::string first =
      kube.substr(kube.find("      - name: api"),
                  kube.find("        # resources") - kube.find("      - name: api"));
  CHECK(out == replace_all(kube, first, ""));
  check_invariants(kube, out,
                   [](auto& d) { d[0]["spec"]["template"]["spec"]["containers"].remove(0); });

  std::string list = "# tools\nargs:\n  - a  # first\n  # about b\n  - b\n  - c\n";
  auto l = parse_yaml(list);
  CHECK(edited(list, ye::remove_item(list, *l.stream, at(l, "args"), 0)) ==
        "# tools\nargs:\n  # about b\n  - b\n  - c\n");
  out = edited(list, ye::remove_item(list, *l.stream, at(l, "args"), 1));
  CHECK(out == "# tools\nargs:\n  - a  # first\n  # about b\n  - c\n");
  check_invariants(list, out, [](auto& d) { d[0]["args"].remove(1); });
  CHECK(edited(list, ye::remove_item(list, *l.stream, at(l, "args"), 2)) ==
        "# tools\nargs:\n  - a  # first\n  # about b\n  - b\n");
  CHECK_FALSE(ye::remove_item(list, *l.stream, at(l, "args"), 3));

  std::string noeol = "args:\n- a\n- b";
  auto n = parse_yaml(noeol);
  CHECK(edited(noeol, ye::remove_item(noeol, *n.stream, at(n, "args"), 1)) == "args:\n- a");

  std::string flow = "cmd: [\"run\", \"--fast\", \"-v\"]\n";
  auto f = parse_yaml(flow);
  CHECK(edited(flow, ye::remove_item(flow, *f.stream, at(f, "cmd"), 1)) ==
        "cmd: [\"run\", \"-v\"]\n");
  CHECK(edited(flow, ye::remove_item(flow, *f.stream, at(f, "cmd"), 2)) ==
        "cmd: [\"run\", \"--fast\"]\n");

  std::string only = "ports:\n  - \"80:80\"\nx: 1\n";
  auto o = parse_yaml(only);
  out = edited(only, ye::remove_item(only, *o.stream, at(o, "ports"), 0));
  CHECK(out == "ports: []\nx: 1\n");
  check_invariants(only, out,
                   [](auto& d) { d[0]["ports"] = YAML::Node(YAML::NodeType::Sequence); });

  std::string compact = "m:\n- - a\n  - b\n";
  auto c = parse_yaml(compact);
  CHECK(edited(compact, ye::remove_item(compact, *c.stream, at(c, "m.0"), 0)) == "m:\n- - b\n");
}

TEST_CASE("yaml writer: set_scalar keeps the quoting style and the comment") {
  auto p = parse_yaml(compose);
  auto out =
      edited(p.text, ye::set_scalar(p.text, *p.stream, at(p, "services.web.image"), "nginx:1.27"));
  CHECK(out == replace_all(compose, "nginx:1.25  # pinned", "nginx:1.27  # pinned"));
  check_invariants(compose, out, [](auto& d) { d[0]["services"]["web"]["image"] = "nginx:1.27"; });

  out = edited(p.text, ye::set_scalar(p.text, *p.stream, at(p, "services.web.ports.0"),
                                      "127.0.0.1:8080:80"));
  CHECK(out == replace_all(compose, "\"8080:80\"", "\"127.0.0.1:8080:80\""));

  auto k = parse_yaml(kube);
  out = edited(kube, ye::set_scalar(kube, *k.stream, at(k, "spec.replicas"), "3"));
  CHECK(out == replace_all(kube, "replicas: 2", "replicas: 3"));
  check_invariants(kube, out, [](auto& d) { d[0]["spec"]["replicas"] = 3; });
}

TEST_CASE("yaml writer: set_scalar never writes a value that reads back differently") {
  struct Case {
    const char* input;
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"k: foo\n", "bar", "k: bar\n"},
      {"k: foo\n", "yes", "k: \"yes\"\n"},
      {"k: foo\n", "0755", "k: \"0755\"\n"},
      {"k: foo\n", "1e3", "k: \"1e3\"\n"},
      {"k: foo\n", "null", "k: \"null\"\n"},
      {"k: foo\n", "", "k: \"\"\n"},
      {"k: foo\n", "a: b", "k: \"a: b\"\n"},
      {"k: foo\n", "a #b", "k: \"a #b\"\n"},
      {"k: foo\n", "#x", "k: \"#x\"\n"},
      {"k: foo\n", "x:", "k: \"x:\"\n"},
      {"k: foo\n", "line\nbreak", "k: \"line\\nbreak\"\n"},
      {"k: foo\n", "- x", "k: \"- x\"\n"},
      {"k: foo\n", "日本", "k: 日本\n"},
      {"k: 0644\n", "0755", "k: 0755\n"},
      {"k: true\n", "false", "k: false\n"},
      {"k: true\n", "on", "k: \"on\"\n"},
      {"k: 1.5\n", "2.25", "k: 2.25\n"},
      {"k: ~\n", "8080", "k: 8080\n"},
      {"k:\n", "value", "k: value\n"},
      {"k: !!str foo\n", "123", "k: !!str 123\n"},
      {"k: 'foo'\n", "it's", "k: 'it''s'\n"},
      {"k: 'foo'\n", "yes", "k: 'yes'\n"},
      {"k: 'foo'\n", "tab\there", "k: 'tab\there'\n"},
      {"k: 'foo'\n", "new\nline", "k: \"new\\nline\"\n"},
      {"k: \"foo\"\n", "say \"hi\"", "k: \"say \\\"hi\\\"\"\n"},
      {"k: \"foo\"  # c\n", "x", "k: \"x\"  # c\n"},
      {"k: [a, b]\n", "c,d", "k: [a, \"c,d\"]\n"},
      {"k: {a: b}\n", "x:y", "k: {a: \"x:y\"}\n"},
      {"k: |\n  one\n  two\nn: 1\n", "three\nfour\n", "k: |\n  three\n  four\nn: 1\n"},
      {"k: |-\n    one\nn: 1\n", "x\ny", "k: |-\n    x\n    y\nn: 1\n"},
      {"k: >\n  folded\nn: 1\n", "flat text\n", "k: >\n  flat text\nn: 1\n"},
      {"k: |\n  one\n", " leading", "k: \" leading\"\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CAPTURE(c.value);
    auto p = parse_yaml(c.input);
    REQUIRE(p.errors.empty());
    const yaml::Node& root = at(p, "");
    const yaml::Node* node = root.get("k");
    REQUIRE(node);
    if (!node->is_scalar()) node = node->is_sequence() ? node->items[1] : node->get("a");
    std::string out = edited(p.text, ye::set_scalar(p.text, *p.stream, *node, c.value));
    CHECK(out == c.expected);
    // Read back: the same value, as a string unless the original was typed.
    std::vector<ParseError> errors;
    auto again = yaml::parse(out, errors);
    CHECK(errors.empty());
    YAML::Node y = YAML::Load(out)["k"];
    if (y.IsSequence()) y = y[1];
    if (y.IsMap()) y = y["a"];
    CHECK(y.Scalar() == c.value);
  }
}

TEST_CASE("yaml writer: replace_value swaps scalars and collections in place") {
  std::string text =
      "services:\n"
      "  web:\n"
      "    command: run  # how\n"
      "    ports:\n"
      "      # published\n"
      "      - \"80:80\"\n"
      "    healthcheck:\n"
      "    user: root\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::replace_value(text, *p.stream, at(p, "services.web.command"),
                                            load("[serve, --port, '80']")));
  CHECK(out == replace_all(text, "    command: run  # how\n",
                           "    command:  # how\n      - serve\n      - --port\n      - \"80\"\n"));
  check_invariants(text, out, [](auto& d) {
    d[0]["services"]["web"]["command"] = YAML::Load("[serve, --port, '80']");
  });

  out = edited(text, ye::replace_value(text, *p.stream, at(p, "services.web.ports"),
                                       load("['127.0.0.1:80:80']")));
  CHECK(out == replace_all(text, "      - \"80:80\"\n", "      - 127.0.0.1:80:80\n"));

  out = edited(text, ye::replace_value(text, *p.stream, at(p, "services.web.ports"), load("[]")));
  CHECK(out == replace_all(text, "    ports:\n      # published\n      - \"80:80\"\n",
                           "    ports: []\n      # published\n"));
  check_invariants(text, out, [](auto& d) {
    d[0]["services"]["web"]["ports"] = YAML::Node(YAML::NodeType::Sequence);
  });

  out = edited(text, ye::replace_value(text, *p.stream, at(p, "services.web.healthcheck"),
                                       load("{test: [CMD, true], interval: 10s}")));
  CHECK(out == replace_all(text, "    healthcheck:\n",
                           "    healthcheck:\n      test:\n        - CMD\n        - true\n"
                           "      interval: 10s\n"));

  out =
      edited(text, ye::replace_value(text, *p.stream, at(p, "services.web.user"), load("'1000'")));
  CHECK(out == replace_all(text, "user: root", "user: \"1000\""));

  std::string items = "steps:\n- run: a\n  shell: bash\n- b\n";
  auto q = parse_yaml(items);
  out = edited(items, ye::replace_value(items, *q.stream, at(q, "steps.0"), load("{uses: x}")));
  CHECK(out == "steps:\n- uses: x\n- b\n");
  out =
      edited(items, ye::replace_value(items, *q.stream, at(q, "steps.1"), load("{run: c, id: d}")));
  CHECK(out == "steps:\n- run: a\n  shell: bash\n- run: c\n  id: d\n");
}

TEST_CASE("yaml writer: nodes shared through aliases are not edited") {
  std::string text =
      "x-common: &common\n"
      "  restart: always\n"
      "services:\n"
      "  web: *common\n"
      "  api:\n"
      "    <<: *common\n"
      "    image: api\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  const auto& common = at(p, "x-common");
  CHECK_FALSE(ye::insert_pair(text, *p.stream, common, "user", load("app")));
  CHECK_FALSE(ye::set_scalar(text, *p.stream, at(p, "x-common.restart"), "no"));
  CHECK_FALSE(ye::remove_pair(text, *p.stream, common, "restart"));
  CHECK_FALSE(ye::remove_pair(text, *p.stream, at(p, "services.api"), "restart"));
  // The mapping that merges is its own: editing it is fine.
  auto out =
      edited(text, ye::insert_pair(text, *p.stream, at(p, "services.api"), "user", load("app")));
  CHECK(out == text + "    user: app\n");
}

TEST_CASE("yaml writer: comments indented under the last value stay with it") {
  std::string text =
      "web:\n"
      "  env:\n"
      "    A: 1\n"
      "    # B: 2\n"
      "\n"
      "# next service\n"
      "db:\n"
      "  image: postgres\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::insert_pair(text, *p.stream, at(p, "web"), "on", load("x")));
  CHECK(out == replace_all(text, "    # B: 2\n", "    # B: 2\n  \"on\": x\n"));
  check_invariants(text, out, [](auto& d) { d[0]["web"]["on"] = "x"; });

  out = edited(text, ye::insert_pair(text, *p.stream, at(p, "web.env"), "C", load("3")));
  CHECK(out == replace_all(text, "    A: 1\n", "    A: 1\n    C: 3\n"));
}

TEST_CASE("yaml writer: values written through an alias are located by the alias") {
  std::string text =
      "x-base: &base {restart: always}\n"
      "web:\n"
      "  extends: *base\n"
      "db:\n"
      "  image: postgres\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::insert_pair(text, *p.stream, at(p, "web"), "image", load("nginx")));
  CHECK(out == replace_all(text, "*base\n", "*base\n  image: nginx\n"));
  check_invariants(text, out, [](auto& d) { d[0]["web"]["image"] = "nginx"; });

  std::string two = "a: &v 1\nm:\n  k: *v\n  j: 2\n";
  auto q = parse_yaml(two);
  out = edited(two, ye::remove_pair(two, *q.stream, at(q, "m"), "k"));
  CHECK(out == "a: &v 1\nm:\n  j: 2\n");
}

TEST_CASE("yaml writer: documents with markers, and a mapping at the root") {
  std::string text = "---\n# first\na: 1\n...\n---\nb: [1]\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::insert_pair(text, *p.stream, at(p, ""), "c", load("2")));
  CHECK(out == "---\n# first\na: 1\nc: 2\n...\n---\nb: [1]\n");
  check_invariants(text, out, [](auto& d) { d[0]["c"] = 2; });

  out = edited(text, ye::replace_value(text, *p.stream, at(p, "", 1), load("{z: [x, y]}")));
  CHECK(out == "---\n# first\na: 1\n...\n---\nz:\n  - x\n  - \"y\"\n");

  out = edited(text, ye::set_scalar(text, *p.stream, at(p, "b.0", 1), "7"));
  CHECK(out == "---\n# first\na: 1\n...\n---\nb: [7]\n");
}

TEST_CASE("yaml writer: keys are rendered so that they read back as strings") {
  std::string text = "jobs:\n  build:\n    runs-on: ubuntu\n";
  auto p = parse_yaml(text);
  auto out = edited(text, ye::insert_pair(text, *p.stream, at(p, "jobs.build"), "a: b",
                                          load("{'null': ~, 'true': [], on: {}}")));
  CHECK(out == text + "    \"a: b\":\n      \"null\":\n      \"true\": []\n      \"on\": {}\n");
  check_invariants(text, out, [](auto& d) {
    d[0]["jobs"]["build"]["a: b"] = YAML::Load("{'null': ~, 'true': [], 'on': {}}");
  });
}

TEST_CASE("yaml writer: nested flow collections and flow-in-flow empties") {
  std::string text = "m: {a: [1, 2], b: {}}\nl: [[], {x: 1}]\n";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  CHECK(edited(text, ye::append_item(text, *p.stream, at(p, "m.a"), load("3"))) ==
        "m: {a: [1, 2, 3], b: {}}\nl: [[], {x: 1}]\n");
  CHECK(edited(text, ye::insert_pair(text, *p.stream, at(p, "m.b"), "k", load("'v w'"))) ==
        "m: {a: [1, 2], b: {k: v w}}\nl: [[], {x: 1}]\n");
  CHECK(edited(text, ye::append_item(text, *p.stream, at(p, "l.0"), load("'a,b'"))) ==
        "m: {a: [1, 2], b: {}}\nl: [[\"a,b\"], {x: 1}]\n");
  CHECK(edited(text, ye::remove_item(text, *p.stream, at(p, "l"), 0)) ==
        "m: {a: [1, 2], b: {}}\nl: [{x: 1}]\n");
  CHECK(edited(text, ye::remove_pair(text, *p.stream, at(p, "m"), "b")) ==
        "m: {a: [1, 2]}\nl: [[], {x: 1}]\n");
  CHECK(edited(text, ye::replace_value(text, *p.stream, at(p, "m.a"), load("{k: [v]}"))) ==
        "m: {a: {k: [v]}, b: {}}\nl: [[], {x: 1}]\n");
}

namespace {

using Step = std::variant<std::string, std::size_t>;
using Path = std::vector<Step>;

struct Target {
  const yaml::Node* node;
  std::size_t doc;
  Path path;
};

// Every node reachable without aliases or merges, with its path; mappings with duplicate or
// non-scalar keys are left out (yaml-cpp cannot address them the same way).
void collect(const yaml::Stream& stream, const yaml::Node* node, std::size_t doc, Path& path,
             std::vector<Target>& out, int depth = 0) {
  if (!node || depth > 40 || stream.aliased(node)) return;
  out.push_back({node, doc, path});
  if (node->is_mapping()) {
    std::set<std::string> keys;
    for (const auto& p : node->pairs)
      if (p.merged || !p.key->is_scalar() || !keys.insert(p.key->value).second) return;
    for (const auto& p : node->pairs) {
      path.push_back(p.key->value);
      collect(stream, p.value, doc, path, out, depth + 1);
      path.pop_back();
    }
  }
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    path.push_back(i);
    collect(stream, node->items[i], doc, path, out, depth + 1);
    path.pop_back();
  }
}

YAML::Node walk(YAML::Node cur, const Path& path) {
  for (const Step& step : path) {
    YAML::Node next = std::holds_alternative<std::string>(step) ? cur[std::get<std::string>(step)]
                                                                : cur[std::get<std::size_t>(step)];
    cur.reset(next);
  }
  return cur;
}

struct Sweep {
  std::size_t files = 0, edits = 0, refused = 0;
};

// One edit on one corpus file: the result parses, equals the intended tree, keeps comments.
void sweep_edit(const std::string& text, const std::optional<Edit>& edit, Sweep& sweep,
                const std::function<void(std::vector<YAML::Node>&)>& intended, bool comments,
                const std::string& what) {
  if (!edit) {
    ++sweep.refused;
    return;
  }
  ++sweep.edits;
  CAPTURE(what);
  std::string out;
  REQUIRE(apply_edits(text, {*edit}, out));
  std::vector<ParseError> errors;
  auto stream = yaml::parse(out, errors);
  CHECK_MESSAGE(errors.empty(), what << ": " << (errors.empty() ? "" : errors[0].message));
  std::vector<YAML::Node> want = YAML::LoadAll(text), got;
  try {
    got = YAML::LoadAll(out);
  } catch (const YAML::Exception& e) {
    FAIL_CHECK(what << ": yaml-cpp rejects the output: " << e.what() << "\n" << out);
    return;
  }
  intended(want);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i)
    CHECK_MESSAGE(canon(got[i]) == canon(want[i]), what << "\n" << out);
  if (!comments) return;
  auto out_comments = comment_lines(out);
  for (const std::string& c : comment_lines(text))
    CHECK_MESSAGE(std::find(out_comments.begin(), out_comments.end(), c) != out_comments.end(),
                  what << ": lost comment " << c);
}

}  // namespace

TEST_CASE("yaml writer: corpus sweep — every kind of edit on real compose and Kubernetes files") {
  auto shared = infralint::testing::shared_dir();
  if (!shared) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  Sweep sweep;
  // Every fourth file keeps the unit suite quick; INFRALINT_FULL_SWEEP=1 takes them all.
  const std::size_t stride = std::getenv("INFRALINT_FULL_SWEEP") ? 1 : 4;
  std::size_t seen = 0;
  const YAML::Node new_value = YAML::Load("{a: [1, 'x y'], b: 'yes', c: {}}");
  for (const char* kind : {"compose", "kubernetes"}) {
    for (const auto& dirent :
         std::filesystem::recursive_directory_iterator(*shared / "corpus" / kind)) {
      const std::filesystem::path& entry = dirent.path();
      std::string ext = entry.extension().string();
      if (ext != ".yml" && ext != ".yaml") continue;
      std::ifstream in(entry, std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (text.size() > 60'000 || seen++ % stride != 0) continue;
      auto p = parse_yaml(text);
      if (!p.stream || !p.errors.empty()) continue;
      try {
        auto docs = YAML::LoadAll(text);
        if (docs.size() != p.stream->documents.size()) continue;
        bool merges = text.find("<<") != std::string::npos;
        if (merges) continue;  // yaml-cpp keeps `<<` as a key; the trees would not compare
      } catch (const YAML::Exception&) {
        continue;
      }
      ++sweep.files;
      CAPTURE(entry.string());
      std::vector<Target> targets;
      for (std::size_t d = 0; d < p.stream->documents.size(); ++d) {
        Path path;
        collect(*p.stream, p.stream->documents[d].root, d, path, targets);
      }
      std::size_t maps = 0, seqs = 0, scalars = 0;
      for (const Target& t : targets) {
        const yaml::Node& n = *t.node;
        auto at_path = [&](std::vector<YAML::Node>& d) { return walk(d[t.doc], t.path); };
        if (n.is_mapping() && maps++ < 3) {
          sweep_edit(
              text, ye::insert_pair(text, *p.stream, n, "zz-new", new_value), sweep,
              [&](auto& d) { at_path(d)["zz-new"] = YAML::Clone(new_value); }, true, "insert_pair");
          if (!n.pairs.empty()) {
            std::string key = n.pairs.front().key->value;
            sweep_edit(
                text, ye::remove_pair(text, *p.stream, n, key), sweep,
                // The last pair leaves {}, as yaml-cpp does.
                [&](auto& d) { at_path(d).remove(key); }, false, "remove_pair " + key);
          }
        } else if (n.is_sequence() && seqs++ < 3) {
          sweep_edit(
              text, ye::append_item(text, *p.stream, n, new_value), sweep,
              [&](auto& d) { at_path(d).push_back(YAML::Clone(new_value)); }, true, "append_item");
          std::size_t last = n.items.size() - 1;
          sweep_edit(
              text, ye::remove_item(text, *p.stream, n, last), sweep,
              [&](auto& d) { at_path(d).remove(last); }, false, "remove_item");
        } else if (n.is_scalar() && !t.path.empty() && scalars++ < 4) {
          for (const char* v : {"yes", "a: b #c", "8080", "it's \"quoted\""}) {
            std::string value = v;
            auto edit = ye::set_scalar(text, *p.stream, n, value);
            // A block scalar's own lines may look like comments; they go with it.
            bool block =
                n.style == yaml::ScalarStyle::literal || n.style == yaml::ScalarStyle::folded;
            sweep_edit(
                text, edit, sweep,
                [&](auto& d) {
                  YAML::Node s = at_path(d);
                  // The type follows the original for typed plain scalars.
                  bool typed =
                      n.style == yaml::ScalarStyle::plain &&
                      (n.type == yaml::ScalarType::integer || n.type == yaml::ScalarType::null) &&
                      value == "8080";
                  s = typed ? YAML::Load(value)
                            : YAML::Load("'" + replace_all(value, "'", "''") + "'");
                },
                !block, "set_scalar " + value);
          }
        }
      }
    }
  }
  MESSAGE("corpus sweep: " << sweep.files << " files, " << sweep.edits << " edits checked, "
                           << sweep.refused << " refused");
  CHECK(sweep.files * stride > 1000);
  CHECK(sweep.refused * 10 < sweep.edits);
}

TEST_CASE("yaml writer: block scalars at the end of a file and anchors still in use") {
  // Inserting after a clipped block scalar at EOF without a newline: `|` becomes `|-`.
  std::string text = "a:\n  run: |\n    make\n    make test";
  auto p = parse_yaml(text);
  REQUIRE(p.errors.empty());
  auto out = edited(text, ye::insert_pair(text, *p.stream, at(p, "a"), "b", load("1")));
  CHECK(out == "a:\n  run: |-\n    make\n    make test\n  b: 1");
  check_invariants(text, out, [](auto& d) { d[0]["a"]["b"] = 1; });
  std::string keep = "run: |+\n  make";
  auto k = parse_yaml(keep);
  CHECK_FALSE(ye::insert_pair(keep, *k.stream, at(k, ""), "b", load("1")));

  // Removing the pair after it keeps the scalar's line break.
  std::string before = "run: |\n  make\nb: 1";
  auto b = parse_yaml(before);
  out = edited(before, ye::remove_pair(before, *b.stream, at(b, ""), "b"));
  CHECK(out == "run: |\n  make\n");
  check_invariants(before, out, [](auto& d) { d[0].remove("b"); });

  // Spaces ending a block scalar's last line are content, and are replaced with it.
  std::string spaces = "s: |-\n  old  \nn: 1\n";
  auto s = parse_yaml(spaces);
  CHECK(edited(spaces, ye::set_scalar(spaces, *s.stream, at(s, "s"), "new")) ==
        "s: |-\n  new\nn: 1\n");

  // An anchor that an alias elsewhere still uses is not removed.
  std::string anchors = "base: &b {x: 1}\nweb: *b\nlist:\n- &i one\n- *i\n";
  auto a = parse_yaml(anchors);
  REQUIRE(a.errors.empty());
  CHECK_FALSE(ye::remove_pair(anchors, *a.stream, at(a, ""), "base"));
  CHECK_FALSE(ye::remove_item(anchors, *a.stream, at(a, "list"), 0));
  out = edited(anchors, ye::remove_pair(anchors, *a.stream, at(a, ""), "web"));
  CHECK(out == "base: &b {x: 1}\nlist:\n- &i one\n- *i\n");
}

TEST_CASE("scalars written without the emitter are what the emitter and read-back give") {
  namespace d = infralint::yaml_edit::detail;
  // Words take the shortcut; the rest (specials, numbers, quoting) must agree all the same.
  const char* values[] = {"ALL", "NET_BIND_SERVICE", "RuntimeDefault", "securityContext", "v1",
                          "a-b", "a.b", "x/y", "_x", "0a", "1.2.3", "10001", "true", "True",
                          "yes", "Off", "y", "n", "null", "NULL", "nulls", "onion", "e3", "E",
                          "0x1F", "0o17", "1e3", "2024-01-02", "12:30", "-a", ".a", "...", "a:",
                          "a b", "a #b", "", "~", "<<", "=", ".inf", "infinity", "No-op",
                          "10001:10001", "1000:59", "1:2:3", "a:b", "http://x/y", ":a", "a::b",
                          "-1", "0", "1.5", "1e5", "1.0e+5", "false", "-.inf", ".nan", "01",
                          "0b101", "1_000", "2001-12-14t21:59:43.10-05:00", "3.14:15"};
  for (const char* v : values)
    for (auto intent : {d::Intent::string, d::Intent::typed})
      for (bool flow : {false, true}) {
        CAPTURE(v);
        CAPTURE(flow);
        CHECK(d::render_string(v, intent, flow) == d::render_with_emitter(v, intent, flow));
      }
}
