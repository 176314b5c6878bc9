#include "engine/runner.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <set>
#include <thread>

#include "core/consulted.hpp"
#include "core/huge_pages.hpp"
#include "engine/analysis_cache.hpp"
#include "engine/locator.hpp"
#include "engine/rule_plan.hpp"
#include "engine/stack_rule.hpp"
#include "engine/suppressions.hpp"
#include "model/adapters.hpp"
#include "model/stack/facts.hpp"
#include "model/stack/stack.hpp"
#include "model/entities.hpp"
#include "model/kustomize_patch.hpp"
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

enum class ReadStatus { ok, not_regular, failed };

// The whole of a regular file, in reads as large as its size (one read for most files).
ReadStatus read_descriptor(int fd, std::size_t limit, std::size_t expected, std::string& out,
                           bool& too_large) {
  out.clear();
  out.resize(std::min(expected, limit) + 1);  // one byte more shows a file that grew
  std::size_t used = 0;
  for (;;) {
    if (used == out.size()) {
      if (out.size() > limit) {
        too_large = true;
        out.resize(limit);
        return ReadStatus::ok;
      }
      out.resize(std::min(out.size() * 2, limit + 1));
    }
    ssize_t got = ::read(fd, out.data() + used, out.size() - used);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ReadStatus::failed;
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  out.resize(used);  // at most `limit`: one byte more was caught above
  return ReadStatus::ok;
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
  if (!input.skip_reason.empty()) {
    // Not even read: the kind comes from the name, and a file it cannot tell is passed over.
    if (input.kind == Kind::unknown) return nullptr;
    auto doc = std::make_unique<Document>(input.path, std::string(), input.kind);
    doc->set_skipped(input.skip_reason);
    return doc;
  }
  std::string text;
  bool too_large = false;
  std::size_t size_on_disk = 0;
  if (input.from_stdin) {
    if (!read_all(std::cin, max_file_size, text, too_large)) {
      errors.push_back({input.path, "cannot read standard input"});
      return nullptr;
    }
  } else {
    // Only regular files are read: a FIFO or a device (a link to /dev/zero) would block or
    // never end, so the file is opened without waiting and asked what it is before any read.
    // One descriptor, so the path is looked up once. The size comes from fstat, so a sparse or
    // huge file is never read.
    int fd = ::open(input.fs_path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
      errors.push_back({input.path, fmt::format("cannot read: {}", std::strerror(errno))});
      return nullptr;
    }
    struct stat st {};
    ReadStatus status = ReadStatus::ok;
    if (::fstat(fd, &st) != 0) {
      status = ReadStatus::failed;
    } else if (!S_ISREG(st.st_mode)) {
      status = ReadStatus::not_regular;
    } else {
      size_on_disk = static_cast<std::size_t>(st.st_size);
      if (size_on_disk > max_file_size)
        too_large = true;
      else
        status = read_descriptor(fd, max_file_size, size_on_disk, text, too_large);
    }
    ::close(fd);
    if (status == ReadStatus::not_regular) {
      errors.push_back({input.path, "not a regular file (a FIFO, socket or device); not read"});
      return nullptr;
    }
    if (status == ReadStatus::failed) {
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
    auto before = std::string_view(text).substr(0, nul);
    std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    std::size_t line_start = before.rfind('\n');
    std::size_t column = line_start == std::string_view::npos ? nul + 1 : nul - line_start;
    doc->set_skipped(fmt::format(
        "binary content (a NUL byte at line {}, column {}, offset {}): not a text {} file; "
        "not linted",
        line, column, nul, to_string(kind)));
    return doc;
  }
  return std::make_unique<Document>(input.path, std::move(text), kind);
}

namespace {

bool is_stack_rule(const Rule* rule) { return dynamic_cast<const StackRule*>(rule) != nullptr; }

bool names_only_stack_rules(const Suppression& s) {
  return !s.all_rules && !s.rules.empty() && s.unknown_ids.empty() &&
         std::all_of(s.rules.begin(), s.rules.end(), is_stack_rule);
}

// A document whose own rules have run, waiting for the stack rules: its suppressions stay
// open so that they may still hide (and be used by) findings of stack rules.
// Which rules a run gives a document: all of them, only the per-file ones (a shard of
// `check --shard`), or only the stack rules (`infralint merge`).
enum class LintPart { whole, per_file, stack };

struct PendingLint {
  const LintConfig* config = nullptr;
  LintPart part = LintPart::whole;
  std::vector<Suppression> suppressions;
  // Rules run only to tell whether one of our suppressions is used: their findings go.
  std::set<std::string_view> only_for_suppressions;
  std::vector<Finding> findings;
  bool keep_suppressed = false;
};

PendingLint begin_lint(Document& doc, const LintConfig& config, bool keep_suppressed,
                       LintPart part = LintPart::whole, RulePlans* plans = nullptr) {
  PendingLint p;
  p.config = &config;
  p.part = part;
  p.keep_suppressed = keep_suppressed || config.keep_suppressed;
  const RuleSelection& selection = config.selection;
  if (doc.skipped_reason().empty()) {
    parse_document(doc, config.parse_options());
    build_model(doc);
  }
  p.suppressions = find_suppressions(doc);
  const Rule* unused = Registry::instance().find(kUnusedSuppression);
  bool report_unused =
      unused && unused->applies_to(doc.kind()) && selection.allows(unused->meta());
  // Whether one of our suppressions is used can only be told by running the rules it names.
  if (report_unused)
    for (const Suppression& s : p.suppressions)
      if (s.ours)
        for (const Rule* r : s.rules)
          if (!selection.allows(r->meta())) p.only_for_suppressions.insert(r->meta().id);

  if (part != LintPart::stack) {
    // Rules the selection leaves out run too when a suppression names them: a plan of its own.
    RulePlan own;
    const bool shared = plans && p.only_for_suppressions.empty();
    if (!shared) own = plan_rules(config, doc.kind(), p.only_for_suppressions);
    for (const RulePlan::Step& step : (shared ? plans->of(config, doc.kind()) : own).steps) {
      FindingSink sink(step.rule->meta(), p.findings, *step.options, config.settings);
      step.rule->check(doc, sink);
    }
  }
  drop_missing_setting_findings_in_patches(doc, p.findings);
  apply_suppressions(doc, p.suppressions, p.findings, p.keep_suppressed);
  return p;
}

// Adds the stack rules' findings on the document (those its selection allows), then judges
// the suppressions, applies severities and per-path ignores, and sorts.
std::vector<Finding> finish_lint(const Document& doc, PendingLint& p,
                                 std::vector<Finding> stack_findings = {},
                                 std::vector<Suppression>* seen = nullptr) {
  const LintConfig& config = *p.config;
  std::erase_if(stack_findings, [&](const Finding& f) {
    const Rule* rule = Registry::instance().find(f.rule_id);
    return !rule || !rule->applies_to(doc.kind()) ||
           (!config.selection.allows(rule->meta()) && !p.only_for_suppressions.count(f.rule_id));
  });
  apply_suppressions(doc, p.suppressions, stack_findings, p.keep_suppressed);
  std::vector<Finding> findings = std::move(p.findings);
  std::move(stack_findings.begin(), stack_findings.end(), std::back_inserter(findings));
  std::erase_if(findings, [&](const Finding& f) { return p.only_for_suppressions.count(f.rule_id); });
  // A split run judges a suppression in the part that runs its rules; the other part takes it
  // as used, and the stack part keeps only what is its own.
  if (p.part != LintPart::whole)
    for (Suppression& s : p.suppressions)
      if (names_only_stack_rules(s) == (p.part == LintPart::per_file)) s.used = true;
  report_suppression_problems(doc, p.suppressions, config.selection, findings);
  if (p.part == LintPart::stack)
    std::erase_if(findings, [&](const Finding& f) {
      if (is_stack_rule(Registry::instance().find(f.rule_id))) return false;
      return f.rule_id != kUnusedSuppression ||
             std::none_of(p.suppressions.begin(), p.suppressions.end(), [&](const Suppression& s) {
               return s.comment == f.span && names_only_stack_rules(s);
             });
    });
  config.adjust(doc.path(), findings);
  sort_findings(findings);
  if (seen) *seen = std::move(p.suppressions);
  return findings;
}

// Spans whose structural locators baselines may need after the tree is gone: the document's
// findings, its suppressions, and every place a stack rule may report.
void remember_locators(const Document& doc, const PendingLint& p, const stack::DocumentFacts& facts,
                       std::map<std::pair<std::size_t, std::size_t>, std::string>& out) {
  auto add = [&](Span s) {
    auto key = std::make_pair(s.begin, s.end);
    if (!out.count(key)) out.emplace(key, structural_locator(doc, s));
  };
  for (const Finding& f : p.findings) add(f.span);
  for (const Suppression& s : p.suppressions) add(s.comment);
  stack::for_each_referring_span(facts, add);
}

// What a cache entry holds of a document linted on its own, and back: the miss path moves its
// results through here to store them, the hit path takes them from the cache.
CachedAnalysis to_cached(PendingLint& p, stack::DocumentFacts& facts,
                         std::map<std::pair<std::size_t, std::size_t>, std::string>& locators,
                         std::map<std::string, std::size_t>& entities, const Document& doc) {
  CachedAnalysis a;
  a.errors = doc.errors();
  a.findings = std::move(p.findings);
  a.suppressions = std::move(p.suppressions);
  a.only_for_suppressions.assign(p.only_for_suppressions.begin(), p.only_for_suppressions.end());
  a.facts = std::move(facts);
  a.locators = std::move(locators);
  a.entities = std::move(entities);
  return a;
}

// The parse errors go back to the document only when it was not parsed here (a cache hit).
void from_cached(CachedAnalysis&& a, PendingLint& p, stack::DocumentFacts& facts,
                 std::map<std::pair<std::size_t, std::size_t>, std::string>& locators,
                 std::map<std::string, std::size_t>& entities, Document* unparsed = nullptr) {
  if (unparsed)
    for (const ParseError& e : a.errors) unparsed->add_error(e.span, e.message);
  p.findings = std::move(a.findings);
  p.suppressions = std::move(a.suppressions);
  p.only_for_suppressions = {a.only_for_suppressions.begin(), a.only_for_suppressions.end()};
  facts = std::move(a.facts);
  locators = std::move(a.locators);
  entities = std::move(a.entities);
}

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

namespace {

std::vector<Finding> lint_with(Document& doc, const LintConfig& config, bool keep_suppressed,
                               std::vector<Suppression>* seen,
                               std::vector<stack::StackDocument> documents) {
  PendingLint p = begin_lint(doc, config, keep_suppressed);
  documents.insert(documents.begin(), {&doc, doc.path(), stack::extract_facts(doc)});
  std::size_t count = documents.size();
  stack::Stack stack = stack::build_stack(std::move(documents));
  std::vector<std::vector<Finding>> stack_findings(count);
  // The neighbours' own findings are dropped: their configuration does not matter.
  run_stack_rules(stack, stack_findings, [&](std::size_t) -> const LintConfig& { return config; });
  return finish_lint(doc, p, std::move(stack_findings[0]), seen);
}

}  // namespace

std::vector<Finding> lint_document(Document& doc, const LintConfig& config,
                                   bool keep_suppressed, std::vector<Suppression>* seen) {
  // The stack of this document alone: relations inside one file (a Service and its
  // Deployment) hold for a single document too (the fixer, standard input).
  return lint_with(doc, config, keep_suppressed, seen, {});
}

std::vector<Finding> lint_document_in_stack(Document& doc, const LintConfig& config,
                                            std::vector<stack::StackDocument> neighbours,
                                            bool keep_suppressed) {
  return lint_with(doc, config, keep_suppressed, nullptr, std::move(neighbours));
}

bool in_shard(std::string_view path, unsigned index, unsigned count) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: stable across machines and builds
  for (unsigned char c : path) hash = (hash ^ c) * 1099511628211ull;
  return count == 0 || hash % count == index - 1;
}

RunResult run_check(const std::vector<std::string>& paths, const RunOptions& options) {
  RememberedPaths remembered_paths;
  RunResult result;
  Discovery discovery = discover(paths, options.discovery);
  result.errors = std::move(discovery.errors);
  if (options.shard_count)
    std::erase_if(discovery.files, [&](const InputFile& f) {
      return !in_shard(f.path, options.shard_index, options.shard_count);
    });
  const auto& inputs = discovery.files;
  const LintPart part = options.stack_only  ? LintPart::stack
                        : options.shard_count ? LintPart::per_file
                                              : LintPart::whole;

  std::vector<FileReport> reports(inputs.size());
  std::vector<std::vector<InputError>> errors(inputs.size());
  std::vector<PendingLint> pending(inputs.size());
  std::vector<stack::DocumentFacts> facts(inputs.size());
  std::vector<std::map<std::pair<std::size_t, std::size_t>, std::string>> locators(inputs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  Registry::instance().rules();  // sort once before threads read it
  const LintConfig defaults(options.selection);
  RulePlans plans;  // the configurations stay as they are for the whole run
  // What a cache entry keeps differs with these: part of its key.
  const std::string how = fmt::format("part={} locators={} audit={} keep-suppressed={}",
                                      static_cast<int>(part), options.locate_findings,
                                      options.record_audit_facts, options.keep_suppressed);

  auto worker = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) {
      const LintConfig& config =
          options.configs ? options.configs->for_path(inputs[i].path) : defaults;
      std::size_t limit = options.max_file_size;
      if (!options.max_file_size_given && config.settings.has("max-file-size"))
        limit = static_cast<std::size_t>(
            config.settings.number("max-file-size", static_cast<double>(limit)));
      auto doc = load_document(inputs[i], limit, errors[i]);
      if (doc && is_supported(doc->kind())) {
        bool cacheable = options.cache && !options.parse_only && part != LintPart::stack &&
                         !inputs[i].from_stdin && doc->skipped_reason().empty();
        std::string key;
        std::optional<CachedAnalysis> cached;
        if (cacheable) {
          key = options.cache->key(*doc, inputs[i].fs_path, config, how);
          cached = options.cache->load(key);
        }
        if (cached) {
          pending[i] = {&config, part, {}, {}, {},
                        options.keep_suppressed || config.keep_suppressed};
          from_cached(std::move(*cached), pending[i], facts[i], locators[i], reports[i].entities,
                      doc.get());
        } else if (!options.parse_only) {
          ConsultationLog consulted;  // what else than its text the analysis reads
          pending[i] = begin_lint(*doc, config, options.keep_suppressed, part, &plans);
          facts[i] = stack::extract_facts(*doc);
          if (options.locate_findings) remember_locators(*doc, pending[i], facts[i], locators[i]);
          if (options.record_audit_facts) count_entities(*doc, reports[i].entities);
          if (cacheable) {
            CachedAnalysis a = to_cached(pending[i], facts[i], locators[i], reports[i].entities, *doc);
            a.consulted = consulted.take();
            options.cache->store(key, a);
            from_cached(std::move(a), pending[i], facts[i], locators[i], reports[i].entities);
          }
        } else if (doc->skipped_reason().empty()) {
          parse_document(*doc, config.parse_options());
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
  for (unsigned t = 1; t < jobs; ++t)
    pool.emplace_back([&] {
      advise_huge_pages_for_thread_heap();
      worker();
    });
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

  // After the join: the stack of every linted document, its rules, and each file finished.
  if (!options.parse_only) {
    std::vector<std::size_t> linted;  // stack document → input index
    std::vector<stack::StackDocument> documents;
    // Sized once: growing moved every document's facts at each step and zeroed fresh pages
    // for each larger copy (a sixth of a 10 000-file run's serial tail).
    linted.reserve(inputs.size());
    documents.reserve(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (!reports[i].doc || !pending[i].config) continue;
      linted.push_back(i);
      documents.push_back({reports[i].doc.get(), inputs[i].from_stdin ? "" : inputs[i].fs_path,
                           std::move(facts[i]), inputs[i].not_a_link});
    }
    std::vector<std::vector<Finding>> stack_findings(documents.size());
    if (!documents.empty() && part != LintPart::per_file) {
      stack::Stack stack = stack::build_stack(std::move(documents));
      run_stack_rules(stack, stack_findings,
                      [&](std::size_t d) -> const LintConfig& { return *pending[linted[d]].config; });
    }
    for (std::size_t d = 0; d < linted.size(); ++d) {
      std::size_t i = linted[d];
      FileReport& report = reports[i];
      report.findings =
          finish_lint(*report.doc, pending[i], std::move(stack_findings[d]),
                      options.record_audit_facts ? &report.suppressions : nullptr);
      if (options.locate_findings)
        for (const Finding& f : report.findings) {
          auto it = locators[i].find({f.span.begin, f.span.end});
          report.locators.push_back(it != locators[i].end() ? it->second
                                                            : structural_locator(*report.doc, f.span));
        }
      pending[i] = {};
    }
  }

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
