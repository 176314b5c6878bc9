#pragma once
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/consulted.hpp"
#include "core/document.hpp"
#include "core/finding.hpp"
#include "engine/lint_config.hpp"
#include "engine/suppressions.hpp"
#include "model/stack/facts.hpp"

namespace infralint {

// What linting one document on its own produced, before the stack rules: all a run needs to
// finish that document (stack rules, suppressions, severities, reports) without parsing it.
struct CachedAnalysis {
  std::vector<Consultation> consulted;  // reused only while each still answers the same
  std::vector<ParseError> errors;
  std::vector<Finding> findings;  // its own rules', suppressions applied
  std::vector<Suppression> suppressions;  // with their `used` marks so far
  std::vector<std::string_view> only_for_suppressions;  // rule ids run only to judge those
  stack::DocumentFacts facts;
  // With RunOptions::locate_findings: structural locators by span (begin, end).
  std::map<std::pair<std::size_t, std::size_t>, std::string> locators;
  std::map<std::string, std::size_t> entities;  // with RunOptions::record_audit_facts
  bool operator==(const CachedAnalysis&) const = default;
};

// A content-addressed store of CachedAnalysis, one file per entry under `directory`. The key
// is a hash of this build of infralint (its build id), the effective configuration of the
// file, how the run lints it, its path and its bytes — never its mtime, which checkouts reset.
// Several processes may share a directory: entries are written whole, then renamed into place.
// Each build keeps its entries in a directory of its own; once a day a run removes the
// directories of builds unused for kUnusedBuildDays (an upgrade leaves its old entries behind).
class AnalysisCache {
 public:
  // `salt`: what else decides the results (the policies' texts); empty when nothing.
  AnalysisCache(std::string directory, std::string salt);

  // The key of one document; `how` tells apart runs that keep different things (the run's
  // part and flags).
  std::string key(const Document& doc, std::string_view fs_path, const LintConfig& config,
                  std::string_view how);
  // The entry, when present, readable and still valid.
  std::optional<CachedAnalysis> load(const std::string& key) const;
  void store(const std::string& key, const CachedAnalysis& analysis);

  static constexpr int kUnusedBuildDays = 7;

  const std::string& directory() const { return directory_; }
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  // The first reason an entry could not be written (an unwritable directory), or "".
  std::string write_problem() const;

 private:
  std::string path_of(const std::string& key) const;
  // Marks this build's entries used today and, at most once a day, removes other builds'.
  void prune();
  const std::string& config_fingerprint(const LintConfig& config);

  std::string directory_;
  std::string build_;     // build_identity(), hashed to a directory name
  std::string identity_;  // the build and the salt
  std::filesystem::path cwd_;  // relative paths are keyed absolute
  std::mutex mutex_;
  std::unordered_map<const LintConfig*, std::string> fingerprints_;
  mutable std::atomic<std::size_t> hits_{0}, misses_{0};
  mutable std::mutex problem_mutex_;
  std::string write_problem_;
  // Entry directories made in this run: each is made once, not once per entry (a stat per
  // level of the path every time).
  std::mutex made_mutex_;
  std::unordered_set<std::string> made_;
};

// $XDG_CACHE_HOME/infralint, else ~/.cache/infralint; "" when neither is known.
std::string default_cache_directory();

// This binary's GNU build id (hex), or its path, size and mtime when it has none.
std::string build_identity();

}  // namespace infralint
