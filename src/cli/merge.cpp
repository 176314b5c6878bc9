// `infralint merge`: the reports of a CI matrix's shards (`check --shard I/N -f json`) joined
// into one, after the stack rules, which need every file, run once over all of them.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/command_support.hpp"
#include "engine/rule.hpp"

namespace infralint::cli {
namespace {

struct ShardReport {
  std::string file;
  nlohmann::json json;
};

bool fail(const std::string& message) {
  std::cerr << "infralint merge: " << message << '\n';
  return false;
}

// Every shard of one split, each once, of the same paths, by this version.
bool read_shards(const std::vector<std::string>& files, std::vector<ShardReport>& out) {
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(fmt::format("cannot read {}", file));
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return fail(fmt::format("{} is not a JSON report", file));
    if (!j.contains("shard") || !j["shard"].is_object())
      return fail(fmt::format("{} is not a shard's report (run `check --shard I/N -f json`)", file));
    if (j.value("/tool/version"_json_pointer, std::string()) != INFRALINT_VERSION)
      return fail(fmt::format("{} was written by infralint {}, this is {}", file,
                              j.value("/tool/version"_json_pointer, std::string("?")),
                              INFRALINT_VERSION));
    out.push_back({file, std::move(j)});
  }
  unsigned count = out.front().json["shard"].value("count", 0u);
  std::set<unsigned> seen;
  for (const ShardReport& r : out) {
    const nlohmann::json& shard = r.json["shard"];
    unsigned index = shard.value("index", 0u);
    if (shard.value("count", 0u) != count)
      return fail(fmt::format("{} is shard {}/{}, {} is of {}", r.file, index,
                              shard.value("count", 0u), out.front().file, count));
    if (shard["paths"] != out.front().json["shard"]["paths"])
      return fail(fmt::format("{} linted other paths than {}", r.file, out.front().file));
    if (!seen.insert(index).second) return fail(fmt::format("shard {}/{} given twice", index, count));
  }
  std::vector<std::string> missing;
  for (unsigned i = 1; i <= count; ++i)
    if (!seen.count(i)) missing.push_back(fmt::format("{}/{}", i, count));
  // A missing shard would pass its files silently.
  if (!missing.empty())
    return fail(fmt::format("missing shard {}: every shard's report is needed",
                            fmt::join(missing, ", ")));
  return true;
}

std::optional<Severity> severity_of(const std::string& text) {
  for (Severity s : {Severity::error, Severity::warning, Severity::info})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::optional<Applicability> applicability_of(const std::string& text) {
  for (Applicability a : {Applicability::safe, Applicability::unsafe, Applicability::display_only})
    if (to_string(a) == text) return a;
  return std::nullopt;
}

Span span_of(const nlohmann::json& j) {
  return {j.at("start").at("offset").get<std::size_t>(), j.at("end").at("offset").get<std::size_t>()};
}

// A finding of a shard's JSON, as the run had it; throws on a malformed one.
Finding finding_of(const nlohmann::json& j, const Document& doc) {
  const Rule* rule = Registry::instance().find(j.at("rule").get<std::string>());
  if (!rule) throw std::runtime_error("unknown rule " + j.at("rule").get<std::string>());
  auto severity = severity_of(j.at("severity").get<std::string>());
  if (!severity) throw std::runtime_error("unknown severity");
  Finding f;
  f.rule_id = rule->meta().id;
  f.severity = *severity;
  f.message = j.at("message").get<std::string>();
  f.span = span_of(j);
  if (f.span.begin > f.span.end || f.span.end > doc.text().size())
    throw std::runtime_error("a span outside the file (did it change since the shard ran?)");
  for (const nlohmann::json& r : j.value("related", nlohmann::json::array())) {
    RelatedSpan related{{}, r.at("message").get<std::string>(), r.value("path", std::string())};
    if (r.contains("start")) related.span = span_of(r);
    f.related.push_back(std::move(related));
  }
  if (j.contains("fix")) {
    const nlohmann::json& fix = j["fix"];
    auto applicability = applicability_of(fix.at("applicability").get<std::string>());
    if (!applicability) throw std::runtime_error("unknown fix applicability");
    Fix out{fix.at("title").get<std::string>(), {}, *applicability, {}};
    for (const nlohmann::json& e : fix.at("edits"))
      out.edits.push_back({span_of(e), e.at("replacement").get<std::string>()});
    for (const nlohmann::json& n : fix.value("new_files", nlohmann::json::array()))
      out.new_files.push_back({n.at("path").get<std::string>(), n.at("text").get<std::string>()});
    f.fix = std::move(out);
  }
  if (j.contains("suppressed"))
    f.suppressed_by = j["suppressed"].value("justification", std::string());
  return f;
}

}  // namespace

int run_merge_command(CheckOptions options) {
  std::vector<ShardReport> shards;
  if (options.common.paths.empty()) {
    std::cerr << "infralint merge: name the shards' reports (check --shard I/N -f json -o ...)\n";
    return 2;
  }
  if (!read_shards(options.common.paths, shards)) return 2;
  options.common.paths =
      shards.front().json["shard"]["paths"].get<std::vector<std::string>>();
  if (!prepare(options.common)) return 2;
  auto configs = load_configs(options.common);
  options.common.run.stack_only = true;
  RunResult run = run_check(options.common.paths, options.common.run);
  bool config_errors = report_config_errors(*configs);

  std::map<std::string, FileReport*> by_path;
  for (FileReport& file : run.files) by_path[file.doc->path()] = &file;
  std::set<std::pair<std::string, std::string>> errors;
  for (const InputError& e : run.errors) errors.insert({e.path, e.message});
  std::size_t shard_files = 0;
  for (const ShardReport& shard : shards) {
    shard_files += shard.json.value("files_checked", std::size_t{0});
    for (const nlohmann::json& e : shard.json.value("errors", nlohmann::json::array()))
      if (errors.insert({e.value("path", ""), e.value("message", "")}).second)
        run.errors.push_back({e.value("path", ""), e.value("message", "")});
    for (const nlohmann::json& j : shard.json.value("findings", nlohmann::json::array())) {
      std::string path = j.value("path", "");
      auto it = by_path.find(path);
      try {
        if (it == by_path.end()) throw std::runtime_error("the file is not there any more");
        it->second->findings.push_back(finding_of(j, *it->second->doc));
      } catch (const std::exception& e) {
        run.errors.push_back({path, fmt::format("a finding of {} cannot be merged: {}",
                                                shard.file, e.what())});
      }
    }
  }
  // Each file in exactly one shard: a different count means the files changed in between.
  if (shard_files != run.files.size())
    run.errors.push_back({".", fmt::format("the shards checked {} files, merge sees {}: were they "
                                           "run on the same checkout?",
                                           shard_files, run.files.size())});
  for (FileReport& file : run.files) sort_findings(file.findings);
  return report_run(options, run, config_errors);
}

}  // namespace infralint::cli
