#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/finding.hpp"
#include "engine/discovery.hpp"
#include "engine/lint_config.hpp"
#include "engine/selection.hpp"
#include "engine/suppressions.hpp"
#include "model/stack/stack.hpp"

namespace infralint {

class AnalysisCache;  // engine/analysis_cache.hpp

inline constexpr std::size_t kDefaultMaxFileSize = 10 * 1024 * 1024;

struct RunOptions {
  unsigned jobs = 0;  // 0: one per core
  RuleSelection selection;  // used when there is no `configs`
  // The configuration of each file (rule selection, options, severities, per-path ignores);
  // nullptr: `selection` and defaults for every file.
  const ConfigProvider* configs = nullptr;
  DiscoveryOptions discovery;
  // Larger files are not read (a meta/skipped-file finding says so). The configuration's
  // `settings: {max-file-size: N}` applies to the files below it unless the command line set
  // the limit (max_file_size_given).
  std::size_t max_file_size = kDefaultMaxFileSize;
  bool max_file_size_given = false;
  bool progress = false;  // a progress line on stderr (the CLI sets it for a terminal)
  bool keep_suppressed = false;  // keep suppressed findings, marked (--include-suppressed)
  bool parse_only = false;  // read, parse and adapt, run no rule: the benchmark's floor
  bool locate_findings = false;  // fill FileReport::locators (baselines need them)
  // Fill FileReport::suppressions and ::entities (audit reports: the waiver ledger, and which
  // controls apply).
  bool record_audit_facts = false;
  // CI fleets (`check --shard I/N`): only the files whose path hash falls in shard `shard_index`
  // (1-based) of `shard_count`; stack rules, which need every file, are left to `infralint
  // merge`, which runs them alone (`stack_only`) over every file. 0: no sharding.
  unsigned shard_index = 0;
  unsigned shard_count = 0;
  bool stack_only = false;
  // Documents analysed by an earlier run with the same bytes, configuration and build (and
  // whose other consulted files are unchanged) are not parsed again: their findings,
  // suppressions and stack facts come from this cache, so the stack rules still see every
  // file. nullptr: no cache. Standard input, `--parse-only` and `merge` never use it.
  AnalysisCache* cache = nullptr;
};

// Whether `path` (as discovery yields it) belongs to shard `index` (1-based) of `count`: a
// deterministic split by FNV-1a hash of the path, the same on every machine and run.
bool in_shard(std::string_view path, unsigned index, unsigned count);

struct FileReport {
  std::unique_ptr<Document> doc;
  std::vector<Finding> findings;  // sorted by position, then rule id
  // With RunOptions::locate_findings: each finding's structural_locator, computed before the
  // document's tree is released.
  std::vector<std::string> locators;
  // With RunOptions::record_audit_facts: every suppression the document holds (used, unused
  // or expired), and its entities of the unified model by kind ("containers", "images",
  // "workloads", "exposures", "secrets"), counted before the model is released.
  std::vector<Suppression> suppressions;
  std::map<std::string, std::size_t> entities;
};

struct RunResult {
  std::vector<FileReport> files;       // in path order, whatever the thread count
  std::vector<InputError> errors;      // unreadable paths
  // Files recognised but of a format infralint cannot lint yet: reported, never passed quietly.
  std::vector<std::pair<std::string, Kind>> not_checked;
  // Set by `check --shard` (the CLI adds the paths it was given): `infralint merge` reads it.
  struct Shard {
    unsigned index = 0;
    unsigned count = 0;
    std::vector<std::string> paths;
  };
  std::optional<Shard> shard;
};

// Reads one file (or stdin) into a Document of the right kind, without parsing it. A binary or
// oversized file gives a Document marked skipped; an unreadable one gives an InputError.
std::unique_ptr<Document> load_document(const InputFile& input, std::size_t max_file_size,
                                        std::vector<InputError>& errors);

// Parses the document and runs the selected rules that look at its kind, with their options.
// With `keep_suppressed` (or config.keep_suppressed), suppressed findings stay in the result
// marked `suppressed_by`. `seen`, when given, receives the document's suppressions.
std::vector<Finding> lint_document(Document& doc, const LintConfig& config,
                                   bool keep_suppressed = false,
                                   std::vector<Suppression>* seen = nullptr);

// The same, with the rest of the document's stack (an editor's workspace): stack rules relate
// the document to `neighbours`, and only the document's own findings are returned.
std::vector<Finding> lint_document_in_stack(Document& doc, const LintConfig& config,
                                            std::vector<stack::StackDocument> neighbours,
                                            bool keep_suppressed = false);

// discover → load → parse → lint, one task per file on a pool sized to the cores.
RunResult run_check(const std::vector<std::string>& paths, const RunOptions& options);

void sort_findings(std::vector<Finding>& findings);

}  // namespace infralint
