#include "engine/runner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <set>
#include <thread>

#include "engine/locator.hpp"
#include "engine/suppressions.hpp"
#include "model/adapters.hpp"
#include "model/entities.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"

namespace infralint {
namespace {

std::string human_size(std::size_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

bool read_all(std::istream& in, std::size_t limit, std::string& out, bool& too_large) {
  out.clear();
  char buffer[64 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit) {
      too_large = true;
      return true;
    }
  }
  return !in.bad();
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.message < b.message;
  });
}

std::unique_ptr<Document> load_document(const InputFile& input, std::size_t max_file_size,
                                        std::vector<InputError>& errors) {
  std::string text;
  bool too_large = false;
  std::size_t size_on_disk = 0;
  if (input.from_stdin) {
    if (!read_all(std::cin, max_file_size, text, too_large)) {
      errors.push_back({input.path, "cannot read standard input"});
      return nullptr;
    }
  } else {
    std::ifstream in(input.fs_path, std::ios::binary);
    if (!in) {
      errors.push_back({input.path, "cannot open file: permission denied or not readable"});
      return nullptr;
    }
    in.seekg(0, std::ios::end);
    auto end = in.tellg();
    in.seekg(0, std::ios::beg);
    size_on_disk = end > 0 ? static_cast<std::size_t>(end) : 0;
    if (size_on_disk > max_file_size) {
      too_large = true;
    } else if (!read_all(in, max_file_size, text, too_large)) {
      errors.push_back({input.path, "read error"});
      return nullptr;
    }
  }

  Kind kind = input.kind;
  if (kind == Kind::unknown && !too_large) kind = detect_kind(input.path, text);
  if (kind == Kind::unknown) {
    if (input.named_explicitly) {
      errors.push_back({input.path,
                        "cannot tell the format of this file from its name or content; "
                        "name it with --kind (dockerfile, compose, kubernetes, nginx, railway, "
                        "prometheus-rules, prometheus-config)"});
    }
    return nullptr;
  }
  if (too_large) {
    auto doc = std::make_unique<Document>(input.path, std::string(), kind);
    doc->set_skipped(fmt::format("file is {}{}, over the {} limit (--max-file-size); not linted",
                                 size_on_disk ? "" : "over ",
                                 human_size(size_on_disk ? size_on_disk : text.size()),
                                 human_size(max_file_size)));
    return doc;
  }
  auto nul = text.find('\0');
  if (nul != std::string::npos) {
    auto doc = std::make_unique<Document>(input.path, std::string(), kind);
    doc->set_skipped(fmt::format(
        "binary content (a NUL byte at offset {}): not a text {} file; not linted", nul,
        to_string(kind)));
    return doc;
  }
  return std::make_unique<Document>(input.path, std::move(text), kind);
}

std::vector<Finding> lint_document(Document& doc, const LintConfig& config,
                                   bool keep_suppressed, std::vector<Suppression>* seen) {
  const RuleSelection& selection = config.selection;
  keep_suppressed = keep_suppressed || config.keep_suppressed;
  if (doc.skipped_reason().empty()) {
    parse_document(doc);
    build_model(doc);
  }
  std::vector<Suppression> suppressions = find_suppressions(doc);
  const Rule* unused = Registry::instance().find(kUnusedSuppression);
  bool report_unused =
      unused && unused->applies_to(doc.kind()) && selection.allows(unused->meta());
  // Whether one of our suppressions is used can only be told by running the rules it names.
  std::set<std::string_view> only_for_suppressions;
  if (report_unused)
    for (const Suppression& s : suppressions)
      if (s.ours)
        for (const Rule* r : s.rules)
          if (!selection.allows(r->meta())) only_for_suppressions.insert(r->meta().id);

  std::vector<Finding> findings;
  for (const auto& rule : Registry::instance().rules()) {
    if (!rule->applies_to(doc.kind())) continue;
    if (!selection.allows(rule->meta()) && !only_for_suppressions.count(rule->meta().id)) continue;
    FindingSink sink(rule->meta(), findings, config.options_for(rule->meta().id),
                     config.settings);
    rule->check(doc, sink);
  }
  apply_suppressions(doc, suppressions, findings, keep_suppressed);
  std::erase_if(findings, [&](const Finding& f) { return only_for_suppressions.count(f.rule_id); });
  report_suppression_problems(doc, suppressions, selection, findings);
  config.adjust(doc.path(), findings);
  sort_findings(findings);
  if (seen) *seen = std::move(suppressions);
  return findings;
}

namespace {

void count_entities(const Document& doc, std::map<std::string, std::size_t>& out) {
  const Model* model = doc.model<Model>();
  if (!model) return;
  auto add = [&](const char* name, std::size_t n) {
    if (n) out[name] = n;
  };
  add("containers", model->containers.size());
  add("images", model->images.size());
  add("workloads", model->workloads.size());
  add("exposures", model->exposures.size());
  add("secrets", model->secrets.size());
}

}  // namespace

RunResult run_check(const std::vector<std::string>& paths, const RunOptions& options) {
  RunResult result;
  Discovery discovery = discover(paths, options.discovery);
  result.errors = std::move(discovery.errors);
  const auto& inputs = discovery.files;

  std::vector<FileReport> reports(inputs.size());
  std::vector<std::vector<InputError>> errors(inputs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  Registry::instance().rules();  // sort once before threads read it
  const LintConfig defaults(options.selection);

  auto worker = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) {
      auto doc = load_document(inputs[i], options.max_file_size, errors[i]);
      if (doc && is_supported(doc->kind())) {
        if (!options.parse_only) {
          const LintConfig& config =
              options.configs ? options.configs->for_path(doc->path()) : defaults;
          reports[i].findings =
              lint_document(*doc, config, options.keep_suppressed,
                            options.record_audit_facts ? &reports[i].suppressions : nullptr);
          if (options.record_audit_facts) count_entities(*doc, reports[i].entities);
          if (options.locate_findings)
            for (const Finding& f : reports[i].findings)
              reports[i].locators.push_back(structural_locator(*doc, f.span));
        } else if (doc->skipped_reason().empty()) {
          parse_document(*doc);
          build_model(*doc);
        }
        doc->release_analysis();
      }
      reports[i].doc = std::move(doc);
      ++done;
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  std::thread progress;
  std::atomic<bool> finished{false};
  if (options.progress && inputs.size() > 100) {
    progress = std::thread([&] {
      while (!finished) {
        std::fprintf(stderr, "\rinfralint: %zu/%zu files", done.load(), inputs.size());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      std::fprintf(stderr, "\r\033[K");
    });
  }
  worker();
  for (auto& t : pool) t.join();
  finished = true;
  if (progress.joinable()) progress.join();

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (auto& e : errors[i]) result.errors.push_back(std::move(e));
    if (!reports[i].doc) continue;
    if (!is_supported(reports[i].doc->kind())) {
      result.not_checked.emplace_back(reports[i].doc->path(), reports[i].doc->kind());
      continue;
    }
    result.files.push_back(std::move(reports[i]));
  }
  return result;
}

}  // namespace infralint
