#include <fmt/format.h>
#include <xxhash.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/command_support.hpp"
#include "engine/baseline.hpp"
#include "engine/libgit.hpp"
#include "report/audit/audit.hpp"

namespace infralint::cli {
namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rules that ran on each file: selected by its configuration and looking at its kind.
std::vector<audit::FileFacts> file_facts(const RunResult& run, const RunOptions& options) {
  std::vector<audit::FileFacts> facts;
  const LintConfig defaults(options.selection);
  for (const FileReport& file : run.files) {
    audit::FileFacts f;
    const Document& doc = *file.doc;
    f.analysed = doc.skipped_reason().empty() && doc.errors().empty();
    const LintConfig& config = options.configs ? options.configs->for_path(doc.path()) : defaults;
    for (const auto& rule : Registry::instance().rules())
      if (rule->applies_to(doc.kind()) && config.selection.allows(rule->meta()))
        f.rules_run.emplace(rule->meta().id);
    facts.push_back(std::move(f));
  }
  return facts;
}

// xxh3-64 of the configuration files in force (their bytes, not their paths, so that a checkout
// elsewhere hashes the same) and of the command line's selection.
std::string configuration_hash(const RunResult& run, const CommonOptions& o) {
  std::set<std::string> sources;
  if (o.run.configs)
    for (const FileReport& file : run.files)
      sources.insert(o.run.configs->for_path(file.doc->path()).source);
  std::string material;
  for (const std::string& source : sources)
    if (!source.empty()) material += read_bytes(source) + '\0';
  auto add_list = [&](std::string_view name, const std::vector<std::string>& items) {
    material += fmt::format("{}={}\n", name, fmt::join(items, ","));
  };
  add_list("select", o.run.selection.select);
  add_list("ignore", o.run.selection.ignore);
  add_list("extend-select", o.extend_select);
  add_list("policies", o.policies);
  material += "profile=" + o.profile + "\n";
  for (const std::string& policy : o.policies) material += read_bytes(policy) + '\0';
  return fmt::format("{:016x}", XXH3_64bits(material.data(), material.size()));
}

// HEAD's commit and whether tracked files differ from it (as `git describe --dirty`).
void git_provenance(const std::string& path, audit::Provenance& p) {
  std::error_code ec;
  std::string start = std::filesystem::is_directory(path, ec)
                          ? path
                          : std::filesystem::absolute(path, ec).parent_path().string();
  const LibGit* git = libgit();
  if (!git) return;
  git_repository* repo = nullptr;
  if (git->repository_open_ext(&repo, start.c_str(), 0, nullptr) == 0) {
    git_oid head;
    if (git->reference_name_to_id(&head, repo, "HEAD") == 0) {
      char hex[GIT_OID_HEXSZ + 1] = {};
      git->oid_tostr(hex, sizeof hex, &head);
      p.git_commit = hex;
      git_status_options options = GIT_STATUS_OPTIONS_INIT;
      options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
      options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
      git_status_list* status = nullptr;
      if (git->status_list_new(&status, repo, &options) == 0) {
        p.git_dirty = git->status_list_entrycount(status) > 0;
        git->status_list_free(status);
      }
    }
    git->repository_free(repo);
  }
}

// --date, else SOURCE_DATE_EPOCH (reproducible builds), else now; in UTC.
std::string report_date(const std::string& option) {
  if (!option.empty()) return option;
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"))
    t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

int run_report_command(ReportOptions options) {
  CommonOptions& common = options.common;
  if (!prepare(common)) return 2;
  auto configs = load_configs(common);
  Baseline baseline;
  if (!options.baseline.empty()) {
    std::string why;
    if (!read_baseline(options.baseline, baseline, why)) {
      std::cerr << "infralint: " << why << '\n';
      return 2;
    }
    common.run.locate_findings = true;
  }
  common.run.keep_suppressed = true;
  common.run.record_audit_facts = true;
  RunResult run = run_check(common.paths, common.run);
  bool config_errors = report_config_errors(*configs);
  for (const InputError& e : run.errors) std::cerr << e.path << ": " << e.message << '\n';
  if (config_errors || !run.errors.empty() || common.policy_errors) return 2;

  audit::AuditInput input;
  input.run = &run;
  input.facts = file_facts(run, common.run);
  input.frameworks = &audit::catalogue();
  audit::Provenance& p = input.provenance;
  p.version = INFRALINT_VERSION;
  p.date = report_date(options.date);
  p.config_hash = configuration_hash(run, common);
  if (!options.no_git) git_provenance(common.paths.front() == "-" ? "." : common.paths.front(), p);
  p.command = fmt::format("infralint report --format {} {}", options.format,
                          fmt::join(common.paths, " "));
  if (!options.baseline.empty()) {
    BaselineMatch match = match_baseline(baseline, run, options.baseline);
    audit::BaselineDiff diff;
    diff.path = options.baseline;
    for (std::size_t i = 0; i < run.files.size(); ++i)
      for (std::size_t k = 0; k < run.files[i].findings.size(); ++k) {
        if (run.files[i].findings[k].suppressed_by) continue;
        if (match.accepted[i][k]) ++diff.accepted;
        else diff.added.push_back({i, k});
      }
    diff.resolved = std::move(match.stale);
    input.baseline = std::move(diff);
  }
  auto audit_data = audit::build_audit(input);
  std::string text = options.format == "json" ? audit::render_json(audit_data)
                     : options.format == "md" ? audit::render_markdown(audit_data)
                                              : audit::render_html(audit_data);
  if (options.output.empty() || options.output == "-") {
    std::cout << text;
    return 0;
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "infralint: cannot write " << options.output << '\n';
    return 2;
  }
  return 0;
}

}  // namespace infralint::cli
