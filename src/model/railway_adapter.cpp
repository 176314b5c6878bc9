// A railway.toml/railway.json configures one service's deployment: it becomes one Container
// and one Workload. Railway builds the image from the repository and sets no user, image,
// capabilities, mounts or ports in this file, so only what the file says is filled in: the
// start command, the healthcheck, replicas, restart policy and cron schedule of the base
// config (environments override them per deployment; the railway/* rules judge those).
#include <cctype>
#include <charconv>

#include "model/adapters.hpp"
#include "model/railway_config.hpp"

namespace infralint {
namespace {

const toml::Node* base_value(const railway::Config& config, std::string_view key, Span& span) {
  const toml::Entry* e = config.views().front().find("deploy", key);
  if (!e) return nullptr;
  span = e->value->span;
  return e->value;
}

}  // namespace

void adapt_railway(const Document& doc, Model& model) {
  auto config = railway::read_config(doc);
  if (!config) return;
  Container c;
  c.source = ContainerSource::railway_service;
  c.name = "service";
  // The `[deploy]` header, else the `deploy` key, else the first key, else the first line.
  const toml::Node* root = config->tree->root;
  if (const toml::Entry* deploy = root->entry("deploy"))
    c.span = deploy->value->header ? deploy->value->span : deploy->key_span;
  else if (!root->entries.empty())
    c.span = root->entries.front().key_span;
  else
    c.span = doc.lines().line_span(1);
  Span span;
  if (const toml::Node* v = base_value(*config, "startCommand", span);
      v && v->type == toml::Type::string)
    c.start_command = {v->text, span};
  if (const toml::Node* v = base_value(*config, "healthcheckPath", span);
      v && v->type == toml::Type::string && !v->text.empty())
    c.healthcheck = {true, span};
  if (const toml::Node* v = base_value(*config, "cronSchedule", span);
      v && v->type == toml::Type::string && !v->text.empty())
    c.schedule = {v->text, span};

  Workload w;
  w.kind = "Railway service";
  w.name = c.name;
  w.span = c.span;
  if (const toml::Node* v = base_value(*config, "numReplicas", span);
      v && v->type == toml::Type::integer) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), n);
    if (ec == std::errc() && end == v->text.data() + v->text.size()) w.replicas = {n, span};
  }
  if (const toml::Node* v = base_value(*config, "restartPolicyType", span);
      v && v->type == toml::Type::string) {
    w.restart = {v->text, span};
    std::string policy = v->text;
    for (char& ch : policy) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    c.runs_once = policy == "NEVER";
  }
  w.containers.push_back(model.containers.size());
  model.containers.push_back(std::move(c));
  model.workloads.push_back(std::move(w));
}

}  // namespace infralint
