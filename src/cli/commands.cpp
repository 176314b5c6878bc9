#include "cli/commands.hpp"
#include "cli/command_support.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "config/config_file.hpp"
#include "config/config_set.hpp"
#include "engine/analysis_cache.hpp"
#include "engine/baseline.hpp"
#include "engine/stack_rule.hpp"
#include "fix/file_writer.hpp"
#include "fix/fixer.hpp"
#include "policy/policy.hpp"
#include "report/report.hpp"
#include "report/unified_diff.hpp"

namespace infralint::cli {
namespace {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool use_color(ColorMode mode) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

void note_unsupported(const RunResult& run) {
  if (run.not_checked.empty()) return;
  std::map<Kind, std::size_t> by_kind;
  for (const auto& [path, kind] : run.not_checked) ++by_kind[kind];
  std::vector<std::string> parts;
  for (auto [kind, n] : by_kind) parts.push_back(fmt::format("{} {}", n, to_string(kind)));
  std::size_t total = run.not_checked.size();
  std::cerr << fmt::format("note: {} file{} not checked, no support for the format yet: {}\n",
                           total, total == 1 ? "" : "s", fmt::join(parts, ", "));
}

// Whether a finding reaches the fail-on threshold of its file's configuration (--fail-on wins).
bool has_failure(const RunResult& run, const RunOptions& options) {
  for (const auto& f : run.files) {
    Severity threshold = Severity::warning;
    if (options.configs && f.doc)
      threshold = options.configs->for_path(f.doc->path()).fail_on.value_or(Severity::warning);
    for (const auto& finding : f.findings)
      if (!finding.suppressed_by && finding.severity >= threshold) return true;
  }
  return false;
}

// Reads the configurations of the paths named on the command line (files below them find
// theirs as they are linted). `directories` says which paths are directories, asked of the file
// system by the first read and kept for the second.
void resolve_named_paths(const ConfigSet& configs, const std::vector<std::string>& paths,
                         std::vector<bool>& directories) {
  if (directories.size() != paths.size()) {
    directories.assign(paths.size(), false);
    std::error_code ec;
    for (std::size_t i = 0; i < paths.size(); ++i)
      directories[i] = paths[i] != "-" && std::filesystem::is_directory(paths[i], ec);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (paths[i] == "-") configs.for_directory(".");
    else if (directories[i]) configs.for_directory(paths[i]);
    else configs.for_path(paths[i]);
  }
}

std::optional<std::string> explicit_config(const CommonOptions& o) {
  if (o.config.empty()) return std::nullopt;
  return o.config;
}

// The policy files those configurations list join --policy: policies must be rules before any
// configuration names them. A first read only collects them; its mistakes are reported by the
// real read, once the policies are known.
void add_configured_policies(CommonOptions& o) {
  ConfigSet probe(CommandLineConfig{}, explicit_config(o), o.isolated);
  resolve_named_paths(probe, o.paths, o.named_directories);
  for (const std::string& p : probe.policies())
    if (std::find(o.policies.begin(), o.policies.end(), p) == o.policies.end())
      o.policies.push_back(p);
  o.config_policy_files = probe.files_with_inline_policies();
  o.config_lookups = probe.lookups();
}

}  // namespace

// The configuration set of a run, with the command line's overrides.
std::unique_ptr<ConfigSet> load_configs(CommonOptions& o) {
  CommandLineConfig command_line{o.run.selection.select, o.extend_select, o.run.selection.ignore,
                                 o.profile, o.fail_on, o.run.keep_suppressed, o.settings};
  auto configs = std::make_unique<ConfigSet>(std::move(command_line), explicit_config(o), o.isolated);
  configs->adopt_lookups(std::move(o.config_lookups));
  resolve_named_paths(*configs, o.paths, o.named_directories);
  o.run.configs = configs.get();
  return configs;
}

namespace {

// --kube-version, --default-requests, --default-limits into settings; false (with a usage
// error printed) when one is invalid.
bool read_setting_options(CommonOptions& o) {
  if (!o.kube_version.empty()) {
    if (!is_version_text(o.kube_version)) {
      std::cerr << "infralint: --kube-version must be a version such as 1.31, not '"
                << o.kube_version << "'\n";
      return false;
    }
    o.settings.set("kubernetes-version", o.kube_version);
  }
  if (!o.nginx_version.empty()) o.settings.set("nginx-version", o.nginx_version);  // checked by CLI11
  if (!o.nginx_prefix.empty()) o.settings.set("nginx-prefix", o.nginx_prefix);
  for (auto [option, text, key] :
       {std::tuple{"--default-requests", &o.default_requests, "default-requests"},
        std::tuple{"--default-limits", &o.default_limits, "default-limits"}}) {
    if (text->empty()) continue;
    RuleOptions::Table table;
    std::string problem = parse_resource_defaults(*text, table);
    if (!problem.empty()) {
      std::cerr << "infralint: " << option << ": " << problem << '\n';
      return false;
    }
    o.settings.set(key, std::move(table));
  }
  return true;
}

}  // namespace

namespace {

// The analysis cache of the run, unless --no-cache or --parse-only (which measures parsing).
// Policies are rules defined in files: their texts join the cache key.
void open_cache(CommonOptions& o) {
  if (o.no_cache || o.run.parse_only) return;
  std::string directory = o.cache_dir;
  if (directory.empty())
    if (const char* env = std::getenv("INFRALINT_CACHE_DIR")) directory = env;
  if (directory.empty()) directory = default_cache_directory();
  if (directory.empty()) return;
  std::string salt;
  for (const auto* files : {&o.policies, &o.config_policy_files})
    for (const std::string& file : *files) salt += fmt::format("{}\n{}\n", file, read_text_file(file));
  o.cache = std::make_shared<AnalysisCache>(directory, std::move(salt));
  o.run.cache = o.cache.get();
}

// A cache directory chosen (--cache-dir, INFRALINT_CACHE_DIR) that cannot be written is said
// once; the default one quietly does without. INFRALINT_CACHE_STATS=1 also counts what was
// reused (the tests and the benchmark read it).
void note_cache(const CommonOptions& o, bool quiet) {
  const AnalysisCache& cache = *o.cache;
  std::string problem = cache.write_problem();
  bool chosen = !o.cache_dir.empty() || std::getenv("INFRALINT_CACHE_DIR");
  if (!problem.empty() && chosen && !quiet)
    std::cerr << "note: analysis cache: " << problem << " (--no-cache runs without it)\n";
  if (const char* stats = std::getenv("INFRALINT_CACHE_STATS"); stats && *stats == '1')
    std::cerr << fmt::format("infralint: analysis cache: {} reused, {} analysed ({})\n",
                             cache.hits(), cache.misses(), cache.directory());
}

}  // namespace

// Resolves --kind, the default path and the policies; prints a usage error and returns false
// when invalid.
bool prepare(CommonOptions& o) {
  if (o.paths.empty()) o.paths.push_back(".");
  add_configured_policies(o);
  o.policy_errors = !load_policies(o.policies, o.config_policy_files);
  if (!o.kind.empty()) {
    auto kind = parse_kind(o.kind);
    if (!kind || *kind == Kind::unknown) {
      std::cerr << "infralint: unknown --kind '" << o.kind << "'\n";
      return false;
    }
    o.run.discovery.forced_kind = kind;
  }
  for (const auto& s : o.run.selection.select) {
    bool known = false;
    for (const auto& r : Registry::instance().rules()) known = known || selector_matches(s, r->meta());
    if (!known) {
      std::cerr << "infralint: --select '" << s << "' matches no rule\n";
      return false;
    }
  }
  if (!read_setting_options(o)) return false;
  o.run.progress = ::isatty(STDERR_FILENO);
  open_cache(o);
  return true;
}

namespace {

// Baselined findings are counted, and entries that match nothing any more are listed so the
// baseline is recreated smaller.
void note_baseline(const BaselineOutcome& outcome, const std::string& path) {
  if (outcome.baselined)
    std::cerr << fmt::format("note: {} finding{} in the baseline {} not shown\n", outcome.baselined,
                             outcome.baselined == 1 ? "" : "s", path);
  if (outcome.stale.empty()) return;
  std::size_t total = 0;
  for (const BaselineEntry& e : outcome.stale) total += e.count;
  std::cerr << fmt::format("note: {} baseline {} no finding any more (fixed or moved); "
                           "run `infralint baseline create -o {}` to shrink it:\n",
                           total, total == 1 ? "entry matches" : "entries match", path);
  for (const BaselineEntry& e : outcome.stale)
    std::cerr << fmt::format("  {} {} {}\n", e.path, e.rule, e.locator);
}

}  // namespace

// Mistakes in configuration files, each at its line and column; true when there were any.
bool report_config_errors(const ConfigSet& configs) {
  auto errors = configs.errors();
  for (const ConfigError& e : errors) std::cerr << e.to_string() << '\n';
  return !errors.empty();
}

namespace {

void write_report(std::ostream& out, std::string_view format, const RunResult& run,
                  const RunContext& context, const TextStyle& style) {
  if (format == "json") write_json(out, run);
  else if (format == "sarif") write_sarif(out, run, context);
  else if (format == "junit") write_junit(out, run);
  else if (format == "github") write_github(out, run);
  else if (format == "gitlab") write_gitlab(out, run);
  else if (format == "checkstyle") write_checkstyle(out, run);
  else write_text(out, run, style);
}

// `-o FORMAT:PATH` → {format, path}; nothing when malformed.
std::optional<std::pair<std::string, std::string>> split_output(const std::string& spec) {
  auto colon = spec.find(':');
  if (colon == std::string::npos || colon + 1 == spec.size()) return std::nullopt;
  std::string format = spec.substr(0, colon);
  if (std::find(kReportFormats.begin(), kReportFormats.end(), format) == kReportFormats.end())
    return std::nullopt;
  return std::make_pair(format, spec.substr(colon + 1));
}

}  // namespace

bool load_policies(const std::vector<std::string>& files,
                   const std::vector<std::string>& config_files) {
  if (files.empty() && config_files.empty()) return true;
  policy::PolicySet set;
  std::vector<policy::PolicyError> errors;
  for (const std::string& file : files) {
    auto found = policy::load_policy_file(file, set);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  for (const std::string& file : config_files) {
    auto found = policy::load_policy_text(file, read_text_file(file), set, true);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  auto found = policy::register_policies(std::move(set));
  errors.insert(errors.end(), found.begin(), found.end());
  for (const policy::PolicyError& e : errors) std::cerr << e.to_string() << '\n';
  return errors.empty();
}

int run_check_command(CheckOptions options) {
  if (!prepare(options.common)) return 2;
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const std::string& spec : options.outputs) {
    auto output = split_output(spec);
    if (!output) {
      std::cerr << "infralint: -o '" << spec << "': expected FORMAT:PATH with FORMAT one of "
                << fmt::format("{}", fmt::join(kReportFormats, ", ")) << '\n';
      return 2;
    }
    outputs.push_back(*output);
  }
  auto configs = load_configs(options.common);
  Baseline baseline;
  if (!options.baseline.empty()) {
    std::string why;
    if (!read_baseline(options.baseline, baseline, why)) {
      std::cerr << "infralint: " << why << '\n';
      return 2;
    }
    options.common.run.locate_findings = true;
  }
  // The run's documents and findings stay until the process ends, right after the report
  // (main's finish): freeing 10 000 documents was a seventh of a large run's serial tail.
  static std::unique_ptr<RunResult> kept;
  kept = std::make_unique<RunResult>(run_check(options.common.paths, options.common.run));
  RunResult& run = *kept;
  if (options.common.cache) note_cache(options.common, options.quiet);
  if (options.common.run.shard_count)
    run.shard = RunResult::Shard{options.common.run.shard_index, options.common.run.shard_count,
                                 options.common.paths};
  bool config_errors = report_config_errors(*configs);
  if (options.add_suppressions) {
    if (config_errors || !run.errors.empty()) return 2;
    return add_suppressions(run, *configs, *options.add_suppressions);
  }
  if (!options.baseline.empty()) {
    BaselineOutcome outcome = apply_baseline(baseline, run, options.baseline);
    if (!options.quiet) note_baseline(outcome, options.baseline);
  }
  return report_run(options, run, config_errors);
}

int report_run(const CheckOptions& options, const RunResult& run, bool config_errors) {
  std::vector<std::pair<std::string, std::string>> outputs;
  for (const std::string& spec : options.outputs) outputs.push_back(*split_output(spec));
  bool usage_error = !run.errors.empty() || config_errors || options.common.policy_errors;
  int exit_code = usage_error                                                ? 2
                  : !options.exit_zero && has_failure(run, options.common.run) ? 1
                                                                                : 0;
  std::error_code ec;
  RunContext context{exit_code, std::filesystem::current_path(ec).string()};
  TextStyle style{use_color(options.common.color), options.quiet};
  if (options.statistics)
    write_statistics(std::cout, run);
  else
    write_report(std::cout, options.format, run, context, style);
  if (options.format == "text" && !options.quiet) note_unsupported(run);
  if (run.shard && !options.quiet)
    std::cerr << fmt::format("note: shard {}/{} ({} files); the stack rules run in `infralint "
                             "merge`, over every shard's JSON report\n",
                             run.shard->index, run.shard->count, run.files.size());
  for (const auto& [format, path] : outputs) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (file) write_report(file, format, run, context, TextStyle{false, options.quiet});
    if (!file || !file.flush()) {
      std::cerr << "infralint: cannot write " << format << " report to " << path << ": "
                << std::strerror(errno) << '\n';
      exit_code = 2;
    }
  }
  return exit_code;
}

int run_fix_command(FixCommandOptions options) {
  if (!prepare(options.common)) return 2;
  auto configs = load_configs(options.common);
  RunResult run = run_check(options.common.paths, options.common.run);
  if (report_config_errors(*configs)) return 2;  // never rewrite files under a broken config
  const LintConfig defaults(options.common.run.selection);
  auto config_for = [&](const std::string& path) -> const LintConfig& {
    return options.common.run.configs ? options.common.run.configs->for_path(path) : defaults;
  };
  std::size_t fixed_total = 0, files_changed = 0;
  bool io_error = !run.errors.empty() || options.common.policy_errors;
  for (const InputError& e : run.errors) std::cerr << e.path << ": error: " << e.message << '\n';

  for (FileReport& file : run.files) {
    const Document& doc = *file.doc;
    if (!doc.skipped_reason().empty()) continue;
    FixOptions fix_options{options.unsafe, config_for(doc.path())};
    fix_options.config.keep_suppressed = false;
    for (const Finding& f : file.findings)
      if (f.fix && !f.suppressed_by && is_stack_rule(f.rule_id))
        fix_options.stack_findings.push_back(f);
    FixOutcome outcome = fix_text(doc.path(), doc.kind(), doc.text(), fix_options);
    for (const auto& problem : outcome.problems) std::cerr << "warning: " << problem << '\n';
    if (!outcome.changed()) continue;
    std::size_t n = 0;
    for (auto& [rule, count] : outcome.applied) n += count;
    bool from_stdin = doc.path() == options.common.run.discovery.stdin_filename &&
                      std::find(options.common.paths.begin(), options.common.paths.end(), "-") !=
                          options.common.paths.end();
    if (options.diff) {
      write_unified_diff(std::cout, doc.path(), doc.text(), outcome.text);
      for (const NewFile& created : outcome.created)
        write_new_file_diff(std::cout, created.path, created.text);
    } else if (from_stdin) {
      std::cout << outcome.text;
    } else {
      // New files first: if one cannot be created, the edited file stays as it was.
      bool created_all = true;
      for (const NewFile& created : outcome.created) {
        std::string why = create_new_file(created.path, created.text);
        if (!why.empty()) {
          std::cerr << created.path << ": error: " << why << '\n';
          created_all = false;
        }
      }
      if (!created_all) {
        io_error = true;
        continue;
      }
      std::string fs_path = doc.path();
      std::string why = write_file_if_unchanged(fs_path, doc.text(), outcome.text);
      if (!why.empty()) {
        std::cerr << fs_path << ": error: " << why << '\n';
        io_error = true;
        continue;
      }
    }
    fixed_total += n;
    ++files_changed;
    // What remains is reported against the fixed text.
    auto fixed_doc = std::make_unique<Document>(doc.path(), outcome.text, doc.kind());
    file.findings = lint_document(*fixed_doc, config_for(doc.path()));
    file.doc = std::move(fixed_doc);
  }

  if (options.diff) {
    std::cerr << fmt::format("Would fix {} problem{} in {} file{}\n", fixed_total,
                             fixed_total == 1 ? "" : "s", files_changed,
                             files_changed == 1 ? "" : "s");
    if (io_error) return 2;
    return files_changed ? 1 : 0;
  }
  std::size_t remaining = 0;
  for (const auto& f : run.files) remaining += f.findings.size();
  std::cerr << fmt::format("Fixed {} problem{} in {} file{}; {} remaining\n", fixed_total,
                           fixed_total == 1 ? "" : "s", files_changed,
                           files_changed == 1 ? "" : "s", remaining);
  if (io_error) return 2;
  return has_failure(run, options.common.run) ? 1 : 0;
}

int run_baseline_create_command(BaselineOptions options) {
  if (!prepare(options.common)) return 2;
  auto configs = load_configs(options.common);
  options.common.run.locate_findings = true;
  RunResult run = run_check(options.common.paths, options.common.run);
  if (report_config_errors(*configs) || !run.errors.empty()) {
    for (const InputError& e : run.errors) std::cerr << e.path << ": error: " << e.message << '\n';
    return 2;
  }
  Baseline baseline = make_baseline(run, options.output);
  std::size_t total = 0;
  for (const BaselineEntry& e : baseline.entries) total += e.count;
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << baseline_to_json(baseline);
  if (!out.flush()) {
    std::cerr << "infralint: cannot write " << options.output << ": " << std::strerror(errno) << '\n';
    return 2;
  }
  std::cerr << fmt::format("Wrote {} with {} finding{}\n", options.output, total,
                           total == 1 ? "" : "s");
  return 0;
}

int run_init_command(const std::string& directory) {
  std::filesystem::path path = std::filesystem::path(directory) / ".infralint.yaml";
  std::string why = create_new_file(path.string(), starter_config());
  if (!why.empty()) {
    std::cerr << "infralint: " << path.string() << ": " << why << '\n';
    return 2;
  }
  std::cerr << "Wrote " << path.string() << "\n";
  return 0;
}

int run_rules_command(const std::string& format, const std::vector<std::string>& policies) {
  bool policy_errors = !load_policies(policies);
  const auto& rules = Registry::instance().rules();
  if (format == "json") {
    auto list = nlohmann::ordered_json::array();
    for (const auto& r : rules) {
      const RuleMeta& m = r->meta();
      nlohmann::ordered_json j;
      j["id"] = m.id;
      j["title"] = m.title;
      j["severity"] = to_string(m.severity);
      auto cats = nlohmann::ordered_json::array();
      for (Category c : m.categories) cats.push_back(to_string(c));
      j["categories"] = cats;
      j["compliance"] = m.compliance;
      j["aliases"] = m.aliases;
      j["fix"] = to_string(m.fix);
      auto kinds = nlohmann::ordered_json::array();
      for (Kind k : m.kinds) kinds.push_back(to_string(k));
      j["kinds"] = kinds;
      list.push_back(j);
    }
    std::cout << list.dump(2) << '\n';
    return policy_errors ? 2 : 0;
  }
  if (format == "markdown") {
    std::cout << "| id | severity | categories | fix | also known as |\n|---|---|---|---|---|\n";
    for (const auto& r : rules) {
      const RuleMeta& m = r->meta();
      std::vector<std::string_view> cats;
      for (Category c : m.categories) cats.push_back(to_string(c));
      std::vector<std::string> aliases;
      for (std::string_view a : m.aliases) aliases.push_back(fmt::format("`{}`", a));
      std::cout << fmt::format("| `{}` | {} | {} | {} | {} |\n", m.id, to_string(m.severity),
                               fmt::join(cats, ", "), to_string(m.fix), fmt::join(aliases, " "));
    }
    return policy_errors ? 2 : 0;
  }
  for (const auto& r : rules) {
    const RuleMeta& m = r->meta();
    std::vector<std::string_view> cats;
    for (Category c : m.categories) cats.push_back(to_string(c));
    std::cout << fmt::format("{:<40} {:<8} {:<5} {:<28} {}\n", m.id, to_string(m.severity),
                             m.fix == FixAvailability::none ? "" : "fix",
                             fmt::format("{}", fmt::join(cats, ",")), fmt::join(m.aliases, " "));
  }
  return policy_errors ? 2 : 0;
}

int run_explain_command(const std::string& id, const std::vector<std::string>& policies) {
  bool policy_errors = !load_policies(policies);
  auto found = Registry::instance().resolve(id);
  if (found.empty()) {
    std::cerr << "infralint: no rule '" << id << "' (see `infralint rules`)\n";
    return 2;
  }
  bool first = true;
  for (const Rule* r : found) {
    const RuleMeta& m = r->meta();
    if (!first) std::cout << "\n---\n\n";
    first = false;
    std::vector<std::string_view> cats;
    for (Category c : m.categories) cats.push_back(to_string(c));
    std::cout << fmt::format("# {} ({})\n\n", m.title, m.id);
    std::cout << fmt::format("Severity: {}. Categories: {}. Fix: {}.\n", to_string(m.severity),
                             fmt::join(cats, ", "), to_string(m.fix));
    if (!m.aliases.empty()) std::cout << fmt::format("Also known as: {}.\n", fmt::join(m.aliases, ", "));
    if (!m.compliance.empty())
      std::cout << fmt::format("Compliance: {}.\n", fmt::join(m.compliance, ", "));
    std::cout << '\n' << m.docs << '\n';
  }
  return policy_errors ? 2 : 0;
}

}  // namespace infralint::cli
