#include "engine/baseline.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace infralint {
namespace {

namespace fs = std::filesystem;
constexpr int kFormatVersion = 1;

// The flagged text with white space runs collapsed: re-indenting keeps the identity.
std::string text_hash(std::string_view text) {
  std::string normal;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !normal.empty();
      continue;
    }
    if (space) normal += ' ';
    space = false;
    normal += c;
  }
  return fmt::format("{:016x}", XXH3_64bits(normal.data(), normal.size()));
}

std::string relative_to(const std::string& path, const std::string& baseline_file) {
  std::error_code ec;
  fs::path dir = fs::absolute(baseline_file, ec).parent_path().lexically_normal();
  fs::path file = fs::absolute(path, ec).lexically_normal();
  std::string rel = file.lexically_relative(dir).generic_string();
  return rel.empty() ? fs::path(path).generic_string() : rel;
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;

struct Identified {
  Key key;
  const Finding* finding;
};

std::vector<Identified> identify(const FileReport& file, const std::string& baseline_file) {
  std::vector<Identified> out;
  if (!file.doc) return out;
  std::string path = relative_to(file.doc->path(), baseline_file);
  for (std::size_t i = 0; i < file.findings.size(); ++i) {
    const Finding& f = file.findings[i];
    if (f.suppressed_by) continue;
    std::string locator = i < file.locators.size() ? file.locators[i] : std::string();
    out.push_back(
        {{std::string(f.rule_id), path, locator, text_hash(file.doc->slice(f.span))}, &f});
  }
  return out;
}

}  // namespace

Baseline make_baseline(const RunResult& run, const std::string& baseline_file) {
  std::map<Key, BaselineEntry> merged;
  for (const FileReport& file : run.files)
    for (const Identified& id : identify(file, baseline_file)) {
      auto [it, inserted] = merged.try_emplace(id.key);
      if (inserted) {
        auto& [rule, path, locator, hash] = id.key;
        it->second = {rule, path, locator, hash, id.finding->message, 1};
      } else {
        ++it->second.count;
      }
    }
  Baseline out;
  for (auto& [key, entry] : merged) out.entries.push_back(std::move(entry));
  return out;
}

std::string baseline_to_json(const Baseline& baseline) {
  nlohmann::ordered_json j;
  j["tool"] = "infralint";
  j["version"] = kFormatVersion;
  auto list = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : baseline.entries) {
    nlohmann::ordered_json item;
    item["rule"] = e.rule;
    item["path"] = e.path;
    item["locator"] = e.locator;
    item["hash"] = e.hash;
    if (e.count != 1) item["count"] = e.count;
    item["message"] = e.message;
    list.push_back(std::move(item));
  }
  j["findings"] = std::move(list);
  return j.dump(2) + "\n";
}

bool read_baseline(const std::string& path, Baseline& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot read the baseline", path);
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("tool", "") != "infralint" ||
      !j.contains("findings") || !j["findings"].is_array()) {
    error = fmt::format("{}: not an infralint baseline (make one with `infralint baseline create`)",
                        path);
    return false;
  }
  if (j.value("version", 0) != kFormatVersion) {
    error = fmt::format("{}: baseline format version {} is not {}; recreate it", path,
                        j.value("version", 0), kFormatVersion);
    return false;
  }
  for (const auto& item : j["findings"]) {
    if (!item.is_object()) continue;
    BaselineEntry e;
    e.rule = item.value("rule", "");
    e.path = item.value("path", "");
    e.locator = item.value("locator", "");
    e.hash = item.value("hash", "");
    e.message = item.value("message", "");
    e.count = item.value("count", std::size_t{1});
    out.entries.push_back(std::move(e));
  }
  return true;
}

BaselineMatch match_baseline(const Baseline& baseline, const RunResult& run,
                             const std::string& baseline_file) {
  std::map<Key, std::size_t> remaining;
  for (const BaselineEntry& e : baseline.entries)
    remaining[{e.rule, e.path, e.locator, e.hash}] += e.count;
  BaselineMatch match;
  std::set<std::string> linted;  // only entries of files linted now can be stale
  for (const FileReport& file : run.files)
    if (file.doc) linted.insert(relative_to(file.doc->path(), baseline_file));
  for (const FileReport& file : run.files) {
    std::vector<bool>& accepted = match.accepted.emplace_back(file.findings.size(), false);
    for (const Identified& id : identify(file, baseline_file)) {
      auto it = remaining.find(id.key);
      if (it == remaining.end() || it->second == 0) continue;
      --it->second;
      accepted[static_cast<std::size_t>(id.finding - file.findings.data())] = true;
    }
  }
  for (const BaselineEntry& e : baseline.entries) {
    if (!linted.count(e.path)) continue;
    auto it = remaining.find({e.rule, e.path, e.locator, e.hash});
    if (it == remaining.end() || it->second == 0) continue;
    BaselineEntry stale = e;
    stale.count = std::min(it->second, e.count);
    it->second -= stale.count;
    match.stale.push_back(std::move(stale));
  }
  return match;
}

BaselineOutcome apply_baseline(const Baseline& baseline, RunResult& run,
                               const std::string& baseline_file) {
  BaselineMatch match = match_baseline(baseline, run, baseline_file);
  BaselineOutcome outcome;
  outcome.stale = std::move(match.stale);
  for (std::size_t f = 0; f < run.files.size(); ++f) {
    FileReport& file = run.files[f];
    const std::vector<bool>& accepted = match.accepted[f];
    std::size_t dropped = static_cast<std::size_t>(std::count(accepted.begin(), accepted.end(), true));
    if (!dropped) continue;
    outcome.baselined += dropped;
    std::vector<Finding> kept;
    std::vector<std::string> kept_locators;
    for (std::size_t i = 0; i < file.findings.size(); ++i) {
      if (accepted[i]) continue;
      kept.push_back(std::move(file.findings[i]));
      if (i < file.locators.size()) kept_locators.push_back(std::move(file.locators[i]));
    }
    file.findings = std::move(kept);
    file.locators = std::move(kept_locators);
  }
  return outcome;
}

}  // namespace infralint
