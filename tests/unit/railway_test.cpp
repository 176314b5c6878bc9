// Railway: the adapter into the unified model, the seed stack's railway.toml, the date-aware
// deprecation finding and the TOML/JSON editor.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "fix/toml_edits.hpp"
#include "fixture_support.hpp"
#include "model/adapters.hpp"
#include "model/railway_config.hpp"
#include "parse/document_parser.hpp"

using namespace infralint;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;

namespace {

std::unique_ptr<Document> parsed(std::string path, std::string text) {
  auto doc = std::make_unique<Document>(std::move(path), std::move(text), Kind::railway);
  parse_document(*doc);
  REQUIRE(doc->errors().empty());
  build_model(*doc);
  return doc;
}

std::string where(const Document& doc, Span s) {
  auto p = doc.lines().position(s.begin);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::string apply(const Document& doc, const Edit& edit) {
  std::string out;
  REQUIRE(apply_edits(doc.text(), {edit}, out));
  return out;
}

}  // namespace

TEST_CASE("railway model: the base deploy settings become one container and workload") {
  auto doc = parsed("railway.toml", R"([deploy]
startCommand = "node server.js"
healthcheckPath = "/health"
numReplicas = 2
restartPolicyType = "ON_FAILURE"

[environments.production.deploy]
numReplicas = 4
)");
  const Model* model = doc->model<Model>();
  REQUIRE(model);
  REQUIRE(model->containers.size() == 1);
  const Container& c = model->containers[0];
  CHECK(c.source == ContainerSource::railway_service);
  CHECK(doc->slice(c.span) == "[deploy]");
  CHECK(*c.start_command.value == "node server.js");
  CHECK(c.healthcheck.present());
  CHECK(doc->slice(c.healthcheck.span) == "\"/health\"");
  CHECK_FALSE(c.image.present());
  CHECK_FALSE(c.user.present());
  REQUIRE(model->workloads.size() == 1);
  CHECK(*model->workloads[0].replicas.value == 2);
  CHECK(*model->workloads[0].restart.value == "ON_FAILURE");
  CHECK(model->images.empty());
  CHECK(model->exposures.empty());
}

TEST_CASE("railway model: environments override the base, `pr` included") {
  auto doc = parsed("railway.json", R"({"deploy": {"healthcheckTimeout": 30},
 "environments": {"pr": {"deploy": {"healthcheckTimeout": 60, "numReplicas": 1}}}})");
  auto config = railway::read_config(*doc);
  REQUIRE(config);
  CHECK(config->json());
  auto views = config->views();
  REQUIRE(views.size() == 2);
  CHECK(views[0].name() == "the base config");
  CHECK(views[1].name() == "environment `pr`");
  CHECK(views[0].find("deploy", "healthcheckTimeout")->value->text == "30");
  CHECK(views[1].find("deploy", "healthcheckTimeout")->value->text == "60");
  CHECK(views[0].find("deploy", "numReplicas") == nullptr);
}

TEST_CASE("railway: the seed stack reports each unknown construct at its exact span") {
  auto file = fixtures_dir() / "stacks" / "seed" / "railway.toml";
  InputFile input{file.string(), file.string(), Kind::railway, false, true};
  std::vector<InputError> errors;
  auto doc = load_document(input, 1 << 20, errors);
  REQUIRE(doc);
  auto findings = lint_document(*doc, RuleSelection{{"railway/unknown-key"}, {}});
  std::vector<std::string> at;
  for (const Finding& f : findings)
    at.push_back(where(*doc, f.span) + " " + std::string(doc->slice(f.span)));
  CHECK(at == std::vector<std::string>{
                  "13:1 [[services]]", "19:1 [services.variables]", "27:1 [services.healthcheck]",
                  "32:1 [[services]]", "38:1 [services.variables]", "45:1 [[services]]",
                  "49:1 [services.variables]", "53:1 [[services]]", "57:1 [services.variables]",
                  "61:1 [[services]]", "66:1 [services.variables]"});
}

TEST_CASE("railway edits: remove an entry from TOML and JSON, keeping the rest") {
  auto toml_doc = parsed("railway.toml", "[deploy]\n# keep\na = 1  # why\nb = 2\n");
  const auto* tree = toml_doc->tree<toml::Document>();
  const toml::Node* deploy = tree->root->get("deploy");
  auto edit = toml_edits::remove_entry(*toml_doc, *tree, *deploy, *deploy->entry("a"));
  REQUIRE(edit);
  CHECK(apply(*toml_doc, *edit) == "[deploy]\n# keep\nb = 2\n");

  auto inline_doc = parsed("railway.toml", "deploy = { a = 1, b = 2 }\n");
  const auto* inline_tree = inline_doc->tree<toml::Document>();
  const toml::Node* inline_deploy = inline_tree->root->get("deploy");
  CHECK_FALSE(toml_edits::remove_entry(*inline_doc, *inline_tree, *inline_deploy,
                                       *inline_deploy->entry("a")));

  for (auto [text, key, want] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"{\n  \"a\": 1,\n  \"b\": 2\n}\n", "a", "{\n  \"b\": 2\n}\n"},
           {"{\n  \"a\": 1,\n  \"b\": 2\n}\n", "b", "{\n  \"a\": 1\n}\n"},
           {"{\"a\": 1, \"b\": 2}", "a", "{\"b\": 2}"},
           {"{\"a\": 1, \"b\": 2}", "b", "{\"a\": 1}"},
           {"{\"a\": 1}", "a", "{}"},
       }) {
    CAPTURE(text);
    CAPTURE(key);
    auto doc = parsed("railway.json", text);
    const auto* json = doc->tree<toml::Document>();
    auto removal = toml_edits::remove_entry(*doc, *json, *json->root, *json->root->entry(key));
    REQUIRE(removal);
    CHECK(apply(*doc, *removal) == want);
  }
}
