// The YAML writer: exact output text for each edit on compose- and Kubernetes-style files, and
// the invariants every edit keeps — the result parses, means what was intended, and keeps every
// comment line of the input.
#include "fix/yaml_writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <sstream>

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
    // Quoted scalars load with the tag "!"; plain ones, and values set from C++, resolve.
    std::string type = n.Tag() == "!" ? "str" : core_type(n.Scalar());
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
