#include <CLI/CLI.hpp>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/graph.hpp"
#include "core/clock.hpp"
#include "engine/selection.hpp"
#include "lsp/language_server.hpp"

using namespace infralint;

namespace {

const std::map<std::string, cli::ColorMode> kColorModes{{"auto", cli::ColorMode::automatic},
                                                        {"always", cli::ColorMode::always},
                                                        {"never", cli::ColorMode::never}};

// Options are read as text and checked against these names, then converted.
struct TextOptions {
  std::string color = "auto";
  std::string fail_on;  // empty: the configuration's, else warning
  std::string today;  // --today, for reproducible date-based rules
};

void add_common(CLI::App& cmd, cli::CommonOptions& o, TextOptions& text) {
  cmd.add_option("paths", o.paths, "Files and directories to lint (default: .; - for stdin)");
  cmd.add_option("-j,--jobs", o.run.jobs, "Files linted in parallel (default: one per core)");
  cmd.add_option("--kind", o.kind,
                 "Treat every file as this format: dockerfile, compose, kubernetes, nginx, "
                 "railway, prometheus-rules, prometheus-config");
  cmd.add_option("--stdin-filename", o.run.discovery.stdin_filename,
                 "The name of the file read from stdin (decides its format)");
  cmd.add_option("--select", o.run.selection.select,
                 "Run only these rules: ids, domains, categories, compliance tags or peer ids")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--ignore", o.run.selection.ignore, "Skip these rules (same forms as --select)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--extend-select", o.extend_select,
                 "Run these rules too, beside the configured ones (opt-in rules by name)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--profile", o.profile,
                 "Starting set of rules: recommended, strict, minimal, cis-docker, pss-baseline, "
                 "pss-restricted, nsa-cisa")
      ->check(CLI::IsMember(std::vector<std::string>(profile_names().begin(), profile_names().end())));
  auto* config = cmd.add_option("--config", o.config,
                                "Use this configuration file for every file (instead of the "
                                "nearest .infralint.yaml)");
  cmd.add_flag("--isolated", o.isolated, "Read no configuration file")->excludes(config);
  cmd.add_flag("--ignore-unknown", o.run.discovery.ignore_unknown,
               "Skip named files whose format cannot be told, instead of an error (for hooks)");
  cmd.add_option("--policy", o.policies,
                 "Custom policy file (YAML; repeatable): its policies run as rules policy/<id>")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd.add_option("--max-file-size", o.run.max_file_size,
                 "Skip files larger than this many bytes (default 10 MiB; wins over the "
                 "configuration's settings.max-file-size)")
      ->each([&o](const std::string&) { o.run.max_file_size_given = true; });
  cmd.add_option("--nginx-version", o.nginx_version,
                 "Judge nginx configuration for this nginx version, X.Y or X.Y.Z (default: the "
                 "newest; wins over the configuration's settings.nginx-version)")
      ->check([](const std::string& v) {
        bool ok = !v.empty() && std::isdigit(static_cast<unsigned char>(v.front())) &&
                  v.find('.') != std::string::npos &&
                  v.find_first_not_of("0123456789.") == std::string::npos;
        return ok ? std::string() : std::string("expected a version such as 1.24 or 1.25.1");
      });
  cmd.add_option("--nginx-prefix", o.nginx_prefix,
                 "Resolve relative nginx includes against this directory, as nginx -p does "
                 "(default: the nearest directory holding nginx.conf; wins over the "
                 "configuration's settings.nginx-prefix)");
  cmd.add_option("--today", text.today,
                 "Judge dates (end-of-life images) as of YYYY-MM-DD instead of today")
      ->check([](const std::string& d) {
        return is_iso_date(d) ? std::string() : std::string("expected YYYY-MM-DD");
      });
  cmd.add_option("--kube-version", o.kube_version,
                 "Judge Kubernetes manifests for this version, e.g. 1.31 (default: the newest "
                 "the rules know; wins over settings.kubernetes-version)");
  cmd.add_option("--default-requests", o.default_requests,
                 "Resource requests the unsafe resource fixes write, e.g. cpu=250m,memory=256Mi "
                 "(default: placeholders 100m and 128Mi)");
  cmd.add_option("--default-limits", o.default_limits,
                 "Resource limits the unsafe resource fixes write, e.g. cpu=1,memory=512Mi "
                 "(default: the requests given, else placeholders 500m and 512Mi)");
  auto* cache_dir = cmd.add_option(
      "--cache-dir", o.cache_dir,
      "Keep each file's analysis here and reuse it while the file, its configuration and the "
      "files it reads are unchanged (default: $INFRALINT_CACHE_DIR, else "
      "$XDG_CACHE_HOME/infralint or ~/.cache/infralint)");
  cmd.add_flag("--no-cache", o.no_cache, "Analyse every file afresh; neither read nor write the cache")
      ->excludes(cache_dir);
  cmd.add_option("--color", text.color, "Colour: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd.add_option("--fail-on", text.fail_on,
                 "Exit 1 when a finding is at or above: error, warning, info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
}

constexpr std::string_view kSubcommands[] = {"check",  "fix",     "rules", "explain",
                                             "baseline", "report", "init",  "migrate",
                                             "merge",  "lsp",     "graph"};

// The subcommand the command line names (its first word that is not an option), or "" for
// `infralint --help` / `--version`. One-file runs (pre-commit) are start-up bound, so only
// that subcommand is built with its options (see main).
std::string requested_subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-') return argv[i];
  return "";
}

// Ends the process once everything is written. The operating system takes the memory back
// faster than the destructors of 300 rules and CLI11's option tree would give it (7 % of a
// one-file run's instructions). Sanitizer builds return normally, so leak checks still run.
int finish(int code) {
#if defined(__SANITIZE_ADDRESS__)
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  // Tools ask for the version before every run (pre-commit, editors): answered before any
  // subcommand is built, as CLI11 would print it.
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "infralint " INFRALINT_VERSION "\n";
    return finish(0);
  }
  const std::string requested = requested_subcommand(argc, argv);
  auto wanted = [&](std::string_view name) { return requested == name; };
  // Only the named subcommand is built; all of them when the command line names none (for
  // `infralint --help`) or a word that is no subcommand (for CLI11's own error). CLI11 builds
  // each option twice and compares its names with every earlier option's: building the other
  // ten subcommands was a third of a one-file run's instructions. A subcommand's name after
  // `check` is one of its paths, so nothing parses differently.
  const bool build_all = std::find(std::begin(kSubcommands), std::end(kSubcommands), requested) ==
                         std::end(kSubcommands);
  auto subcommand = [&](CLI::App& parent, std::string name, std::string description) {
    return build_all || requested == name ? parent.add_subcommand(name, description) : nullptr;
  };
  auto parsed = [](const CLI::App* cmd) { return cmd && cmd->parsed(); };
  CLI::App app{"infralint: lint and harden Dockerfiles, compose, Kubernetes, nginx, Railway and "
               "Prometheus configuration"};
  app.set_version_flag("--version", std::string("infralint ") + INFRALINT_VERSION);
  app.require_subcommand(1);

  cli::CheckOptions check;
  TextOptions check_text;
  std::string shard_text;
  std::string add_suppressions_reason;
  CLI::Option* add_suppressions = nullptr;
  CLI::App* check_cmd = subcommand(app, "check", "Lint files and report findings");
  if (check_cmd) {
    if (wanted("check")) add_common(*check_cmd, check.common, check_text);
    check_cmd
        ->add_option("-f,--format", check.format,
                     "Output format: text, json, sarif, junit, github, gitlab, checkstyle")
        ->check(CLI::IsMember(cli::kReportFormats));
    check_cmd
        ->add_option(
            "-o,--output", check.outputs,
            "Also write a report: FORMAT:PATH (repeatable), e.g. -o sarif:infralint.sarif")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    check_cmd->add_flag("--parse-only", check.common.run.parse_only,
                        "Read and parse only, run no rule (the benchmark's floor)");
    check_cmd->add_flag("--statistics", check.statistics, "Print counts per rule, not findings");
    check_cmd->add_flag("--exit-zero", check.exit_zero,
                        "Exit 0 even when there are findings (I/O errors still exit 2)");
    check_cmd->add_flag("-q,--quiet", check.quiet, "Findings only: no summary line or notes");
    check_cmd->add_flag("--include-suppressed", check.common.run.keep_suppressed,
                        "Report suppressed findings too, marked (SARIF: `suppressions`)");
    check_cmd->add_option("--baseline", check.baseline,
                          "Report only findings this baseline file does not have "
                          "(`infralint baseline create` makes it)");
    check_cmd
        ->add_option("--shard", shard_text,
                     "Lint shard I of N (I/N): a deterministic split of the files by path for CI "
                     "matrix jobs; stack rules wait for `infralint merge` (use -f json)")
        ->check([](const std::string& text) {
          unsigned i = 0, n = 0;
          char slash = 0;
          std::istringstream in(text);
          in >> i >> slash >> n;
          return in && in.eof() && slash == '/' && i >= 1 && i <= n && n <= 4096
                     ? std::string()
                     : std::string("expected I/N with 1 <= I <= N");
        });
    add_suppressions = check_cmd
        ->add_option("--add-suppressions", add_suppressions_reason,
                     "Write `# infralint: ignore[...] REASON` above every current finding")
        ->expected(0, 1);
  }

  cli::FixCommandOptions fix;
  TextOptions fix_text;
  CLI::App* fix_cmd = subcommand(app, "fix", "Apply fixes (safe ones unless --unsafe-fixes)");
  if (fix_cmd) {
    if (wanted("fix")) add_common(*fix_cmd, fix.common, fix_text);
    fix_cmd->add_flag("--unsafe-fixes", fix.unsafe, "Also apply fixes that may change behaviour");
    fix_cmd->add_flag("--diff", fix.diff, "Print a unified diff and write nothing");
  }

  std::string rules_format = "text";
  std::vector<std::string> rules_policies;
  CLI::App* rules_cmd = subcommand(app, "rules", "List the rules");
  if (rules_cmd) {
    rules_cmd
        ->add_option("-f,--format", rules_format, "text, json, or markdown (the README table)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    rules_cmd
        ->add_option("--policy", rules_policies,
                     "Also list the policies of this file (repeatable)")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }

  std::string explain_id;
  std::vector<std::string> explain_policies;
  CLI::App* explain_cmd = subcommand(app, "explain", "Print a rule's documentation");
  if (explain_cmd) {
    explain_cmd->add_option("id", explain_id, "Rule id or peer id (DL3007, hadolint:DL3007)")
        ->required();
    explain_cmd
        ->add_option("--policy", explain_policies,
                     "Also know the policies of this file (repeatable)")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }

  cli::BaselineOptions baseline;
  TextOptions baseline_text;
  CLI::App* baseline_create_cmd = nullptr;
  CLI::App* baseline_cmd = subcommand(app, "baseline", "Accept the current findings");
  if (baseline_cmd) {
    baseline_cmd->require_subcommand(1);
    baseline_create_cmd =
        baseline_cmd->add_subcommand("create", "Write the current findings to a baseline file");
    if (wanted("baseline")) add_common(*baseline_create_cmd, baseline.common, baseline_text);
    baseline_create_cmd->add_option("-o,--output", baseline.output,
                                    "The baseline file (default: .infralint-baseline.json)");
  }

  cli::ReportOptions report;
  TextOptions report_text;
  CLI::App* report_cmd = subcommand(
      app, "report",
      "Write an audit report: findings mapped onto CIS, PSS, NSA/CISA, Mozilla TLS, SOC 2");
  if (report_cmd) {
    if (wanted("report")) add_common(*report_cmd, report.common, report_text);
    report_cmd->add_option("-f,--format", report.format, "html (default), md, or json")
        ->check(CLI::IsMember({"html", "md", "json"}));
    report_cmd->add_option("-o,--output", report.output, "Write to this file (default: stdout)");
    report_cmd->add_option("--baseline", report.baseline,
                           "Show the difference from this baseline file");
    report_cmd->add_option("--date", report.date,
                           "The report's date (default: SOURCE_DATE_EPOCH, else now)");
    report_cmd->add_flag("--no-git", report.no_git, "Leave the git commit and state out");
  }

  std::string init_directory = ".";
  CLI::App* init_cmd = subcommand(app, "init", "Write a commented starter .infralint.yaml");
  if (init_cmd) init_cmd->add_option("directory", init_directory, "Where to write it (default: .)");

  cli::MigrateOptions migrate;
  CLI::App* migrate_railway_cmd = nullptr;
  CLI::App* migrate_cmd =
      subcommand(app, "migrate", "Convert configuration to another format's equivalent");
  if (migrate_cmd) {
    migrate_cmd->require_subcommand(1);
    migrate_railway_cmd = migrate_cmd->add_subcommand(
        "railway", "Write the .railway/railway.ts (Infrastructure as Code) equivalent of "
                   "railway.toml/railway.json files");
    migrate_railway_cmd->add_option(
        "paths", migrate.paths,
        "railway.toml/railway.json files, or directories holding one (default: .)");
    migrate_railway_cmd->add_option("-o,--output", migrate.output,
                                    "Write to this file (never overwrites; default: stdout)");
    migrate_railway_cmd->add_option(
        "--project", migrate.project, "Project name (default: the linked project's, ctx.projectName)");
  }

  cli::CheckOptions merge;
  TextOptions merge_text;
  CLI::App* merge_cmd = subcommand(
      app, "merge", "Join the JSON reports of `check --shard I/N` and run the stack rules once");
  if (merge_cmd) {
    if (wanted("merge")) {
      add_common(*merge_cmd, merge.common, merge_text);
      merge_cmd->get_option("paths")->description(
          "The shards' JSON reports, one per shard (the paths they linted are read from them)");
    }
    merge_cmd
        ->add_option("-f,--format", merge.format,
                     "Output format: text, json, sarif, junit, github, gitlab, checkstyle")
        ->check(CLI::IsMember(cli::kReportFormats));
    merge_cmd
        ->add_option("-o,--output", merge.outputs, "Also write a report: FORMAT:PATH (repeatable)")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    merge_cmd->add_flag("--exit-zero", merge.exit_zero, "Exit 0 even when there are findings");
    merge_cmd->add_flag("-q,--quiet", merge.quiet, "Findings only: no summary line or notes");
  }

  CLI::App* lsp_cmd =
      subcommand(app, "lsp", "Run the language server on stdin/stdout (LSP 3.17) for editors");
  std::vector<std::string> graph_paths;
  std::string graph_format = "dot";
  std::string graph_nginx_prefix;
  CLI::App* graph_cmd = subcommand(app, "graph", "Print the stack: files, services and their links");
  if (graph_cmd) {
    graph_cmd->add_option("paths", graph_paths, "Files or directories (default: .)");
    graph_cmd->add_option("-f,--format", graph_format, "dot, mermaid or json")
        ->check(CLI::IsMember({"dot", "mermaid", "json"}));
    graph_cmd->add_option("--nginx-prefix", graph_nginx_prefix,
                          "Resolve relative nginx includes against this directory, as nginx -p "
                          "does (wins over the configuration's settings.nginx-prefix)");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (add_suppressions && add_suppressions->count()) check.add_suppressions = add_suppressions_reason;
  if (!shard_text.empty()) {
    char slash = 0;
    std::istringstream(shard_text) >> check.common.run.shard_index >> slash >>
        check.common.run.shard_count;
  }
  check.common.color = fix.common.color =
      kColorModes.at(parsed(check_cmd) ? check_text.color : fix_text.color);
  merge.common.color = kColorModes.at(merge_text.color);
  // The date rules read it through today() (src/core/clock.hpp).
  const std::string& today = parsed(check_cmd)    ? check_text.today
                            : parsed(report_cmd) ? report_text.today
                            : parsed(merge_cmd)  ? merge_text.today
                                                 : fix_text.today;
  if (!today.empty()) ::setenv("INFRALINT_TODAY", today.c_str(), 1);
  if (!check_text.fail_on.empty()) check.common.fail_on = parse_severity(check_text.fail_on);
  if (!fix_text.fail_on.empty()) fix.common.fail_on = parse_severity(fix_text.fail_on);
  if (!merge_text.fail_on.empty()) merge.common.fail_on = parse_severity(merge_text.fail_on);
  const int code = [&] {
    try {
      if (parsed(check_cmd)) return cli::run_check_command(std::move(check));
      if (parsed(fix_cmd)) return cli::run_fix_command(std::move(fix));
      if (parsed(merge_cmd)) return cli::run_merge_command(std::move(merge));
      if (parsed(rules_cmd)) return cli::run_rules_command(rules_format, rules_policies);
      if (parsed(explain_cmd)) return cli::run_explain_command(explain_id, explain_policies);
      if (parsed(report_cmd)) return cli::run_report_command(std::move(report));
      if (parsed(baseline_create_cmd)) return cli::run_baseline_create_command(std::move(baseline));
      if (parsed(init_cmd)) return cli::run_init_command(init_directory);
      if (parsed(migrate_railway_cmd)) return cli::run_migrate_railway_command(migrate);
      if (parsed(lsp_cmd)) return lsp::run_language_server();
      if (parsed(graph_cmd))
        return cli::run_graph_command(graph_paths, graph_format, graph_nginx_prefix);
    } catch (const std::exception& e) {
      std::cerr << "infralint: internal error: " << e.what() << '\n';
    }
    return 2;
  }();
  return finish(code);
}
