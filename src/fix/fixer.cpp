#include "fix/fixer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "parse/document_parser.hpp"

namespace infralint {
namespace {

bool applicable(const Fix& fix, bool unsafe) {
  return fix.applicability == Applicability::safe ||
         (unsafe && fix.applicability == Applicability::unsafe);
}

Span extent(const Fix& fix) {
  Span s = fix.edits.front().span;
  for (const Edit& e : fix.edits) s = s.cover(e.span);
  return s;
}

// Two fixes conflict when their extents overlap, both insert at the same point, or one inserts
// at either end of the other's extent: an insertion there belongs to text the other fix may move
// (a sort of list items moved the item a `host_ip:` line was meant for). The later fix waits for
// the next round, which re-lints.
bool conflicts(Span a, Span b) {
  return a.overlaps(b) || (a.begin == b.begin) ||
         (a.empty() && a.begin > b.begin && a.begin <= b.end) ||
         (b.empty() && b.begin > a.begin && b.begin <= a.end);
}

}  // namespace

FixOutcome fix_text(const std::string& path, Kind kind, std::string_view text,
                    const FixOptions& options) {
  FixOutcome outcome;
  outcome.text = std::string(text);
  for (int round = 0; round < options.max_rounds; ++round) {
    Document doc(path, outcome.text, kind);
    std::vector<Finding> findings = lint_document(doc, options.config);
    if (round == 0)
      findings.insert(findings.end(), options.stack_findings.begin(), options.stack_findings.end());
    std::size_t errors_before = doc.errors().size();

    std::vector<const Finding*> candidates;
    for (const Finding& f : findings)
      if (f.fix && !f.fix->edits.empty() && applicable(*f.fix, options.unsafe))
        candidates.push_back(&f);
    if (candidates.empty()) return outcome;
    std::stable_sort(candidates.begin(), candidates.end(), [](const Finding* a, const Finding* b) {
      return extent(*a->fix).begin < extent(*b->fix).begin;
    });

    std::vector<Edit> edits;
    std::vector<NewFile> created;
    std::vector<Span> taken;
    std::map<std::string, std::size_t> applied;
    for (const Finding* f : candidates) {
      Span e = extent(*f->fix);
      bool clash = std::any_of(taken.begin(), taken.end(), [&](Span t) { return conflicts(e, t); });
      if (clash) continue;
      taken.push_back(e);
      edits.insert(edits.end(), f->fix->edits.begin(), f->fix->edits.end());
      for (const NewFile& file : f->fix->new_files)
        created.push_back(
            {(std::filesystem::path(path).parent_path() / file.path).lexically_normal().string(),
             file.text});
      ++applied[std::string(f->rule_id)];
    }
    std::string next;
    if (!apply_edits(outcome.text, edits, next) || next == outcome.text) return outcome;

    Document fixed(path, next, kind);
    parse_document(fixed, options.config.parse_options());
    if (fixed.errors().size() > errors_before) {
      std::set<std::string> rules;
      for (auto& [id, n] : applied) rules.insert(id);
      outcome.problems.push_back(fmt::format(
          "{}: a fix by {} made the file unparsable ({}); rolled back", path,
          fmt::join(rules, ", "), fixed.errors().back().message));
      return outcome;
    }
    outcome.text = std::move(next);
    outcome.rounds = round + 1;
    outcome.created.insert(outcome.created.end(), created.begin(), created.end());
    for (auto& [id, n] : applied) outcome.applied[id] += n;
  }
  Document last(path, outcome.text, kind);
  std::vector<Finding> remaining = lint_document(last, options.config);
  std::set<std::string> still;
  for (const Finding& f : remaining)
    if (f.fix && applicable(*f.fix, options.unsafe)) still.insert(std::string(f.rule_id));
  if (!still.empty()) {
    outcome.problems.push_back(fmt::format("{}: fixes did not converge after {} rounds ({})", path,
                                           options.max_rounds, fmt::join(still, ", ")));
  }
  return outcome;
}

}  // namespace infralint
