#include "engine/suppressions.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "core/clock.hpp"
#include "engine/suppressions_internal.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint {
namespace suppression_detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Dockerfile comments are whole lines only (a '#' elsewhere is an argument); YAML comments may
// trail a value, after white space and outside quotes.
std::vector<Comment> comments_of(const Document& doc) {
  std::vector<Comment> out;
  if (const auto* file = doc.tree<dockerfile::File>()) {
    for (Span s : file->comments) out.push_back({s, true});
    return out;
  }
  std::string_view text = doc.text();
  for (std::size_t line = 1; line <= doc.lines().line_count(); ++line) {
    Span ls = doc.lines().line_span(line);
    std::string_view content = text.substr(ls.begin, ls.size());
    char quote = 0;
    for (std::size_t i = 0; i < content.size(); ++i) {
      char c = content[i];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') {
        if (i == 0 || content[i - 1] == ' ' || content[i - 1] == ':' || content[i - 1] == '-' ||
            content[i - 1] == '[' || content[i - 1] == ',')
          quote = c;
        continue;
      }
      if (c == '#' && (i == 0 || content[i - 1] == ' ' || content[i - 1] == '\t')) {
        bool own = trim(content.substr(0, i)).empty();
        out.push_back({{ls.begin + i, ls.end}, own});
        break;
      }
    }
  }
  return out;
}

Span next_code_target(const Document& doc, std::size_t comment_line) {
  std::string_view text = doc.text();
  for (std::size_t line = comment_line + 1; line <= doc.lines().line_count(); ++line) {
    Span ls = doc.lines().line_span(line);
    std::string_view content = trim(text.substr(ls.begin, ls.size()));
    if (content.empty() || content.front() == '#') continue;
    if (const auto* file = doc.tree<dockerfile::File>()) {
      for (const auto& ins : file->instructions)
        if (ins.span.begin >= ls.begin && ins.span.begin <= ls.end) return ins.span;
    }
    return ls;
  }
  return {text.size(), text.size()};
}

Span whole_line_removal(const Document& doc, std::size_t line) {
  Span ls = doc.lines().line_span(line);
  std::size_t end = ls.end;
  std::string_view text = doc.text();
  if (end < text.size() && text[end] == '\r') ++end;
  if (end < text.size() && text[end] == '\n') ++end;
  return {ls.begin, end};
}

void resolve_ids(std::string_view list, Suppression& s, char separator,
                 std::string_view peer_prefix) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t next = list.find(separator, pos);
    if (next == std::string_view::npos) next = list.size();
    std::string_view id = trim(list.substr(pos, next - pos));
    if (id == "all") {
      s.all_rules = true;
    } else if (!id.empty()) {
      std::string name =
          peer_prefix.empty() ? std::string(id) : fmt::format("{}{}", peer_prefix, id);
      auto rules = Registry::instance().resolve(name);
      if (rules.empty()) s.unknown_ids.emplace_back(id);
      s.rules.insert(s.rules.end(), rules.begin(), rules.end());
    }
    pos = next + 1;
  }
}

void read_reason(std::string_view text, Suppression& s) {
  static const RE2 until(R"((?:^|\s)until=(\d{4}-\d{2}-\d{2})\b)");
  std::string date;
  if (RE2::PartialMatch(text, until, &date)) {
    s.until = date;
    s.expired = is_iso_date(date) && today() > date;
    std::string rest(text);
    RE2::Replace(&rest, until, "");
    s.reason = std::string(trim(rest));
  } else {
    s.reason = std::string(trim(text));
  }
}

}  // namespace suppression_detail

namespace {

using namespace suppression_detail;

// `# infralint: ignore[a,b] reason until=2027-01-31` and `# infralint: ignore-file[a] reason`.
void our_comment_suppressions(const Document& doc, const std::vector<Comment>& comments,
                              std::vector<Suppression>& out) {
  Span whole{0, doc.text().size()};
  for (const Comment& c : comments) {
    std::string_view text = doc.slice(c.span);
    // Most comments are prose: the expression is compiled for the first that could match.
    if (text.find("infralint:") == std::string_view::npos) continue;
    static const RE2 ours(R"(^#\s*infralint:\s*(ignore|ignore-file)\[([^\]]*)\](.*)$)");
    std::string kind, ids, rest;
    if (!RE2::PartialMatch(text, ours, &kind, &ids, &rest)) continue;
    std::size_t line = doc.lines().position(c.span.begin).line;
    Suppression s;
    s.comment = c.span;
    s.ours = true;
    resolve_ids(ids, s, ',');
    read_reason(rest, s);
    if (kind == "ignore-file")
      s.target = whole;
    else
      s.target = c.own_line ? next_code_target(doc, line) : doc.lines().line_span(line);
    if (c.own_line) {
      s.removal = whole_line_removal(doc, line);
    } else {
      std::size_t begin = c.span.begin;
      while (begin > 0 && (doc.text()[begin - 1] == ' ' || doc.text()[begin - 1] == '\t')) --begin;
      s.removal = {begin, c.span.end};
    }
    out.push_back(std::move(s));
  }
}

const RuleMeta* meta_if_allowed(std::string_view id, Kind kind, const RuleSelection& selection) {
  const Rule* rule = Registry::instance().find(id);
  if (!rule || !rule->applies_to(kind) || !selection.allows(rule->meta())) return nullptr;
  return &rule->meta();
}

}  // namespace

std::vector<Suppression> find_suppressions(const Document& doc) {
  std::vector<Suppression> out;
  if (!doc.skipped_reason().empty()) return out;
  std::vector<Comment> comments = comments_of(doc);
  our_comment_suppressions(doc, comments, out);
  peer_comment_suppressions(doc, comments, out);
  annotation_suppressions(doc, out);
  return out;
}

void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions,
                        std::vector<Finding>& findings, bool keep) {
  if (suppressions.empty()) return;
  std::erase_if(findings, [&](Finding& f) {
    if (f.rule_id == "meta/syntax-error") return false;  // a broken file is never hidden
    const Suppression* by = nullptr;
    for (Suppression& s : suppressions) {
      if (s.expired) continue;  // reported by meta/expired-suppression; hides nothing
      bool names_rule =
          s.all_rules || std::any_of(s.rules.begin(), s.rules.end(),
                                     [&](const Rule* r) { return r->meta().id == f.rule_id; });
      bool covers = f.span.begin >= s.target.begin &&
                    (f.span.begin < s.target.end || f.span.begin == s.target.begin);
      if (names_rule && covers) {
        s.used = true;
        by = &s;
      }
    }
    if (by && keep) f.suppressed_by = std::string(doc.slice(by->comment));
    return by && !keep;
  });
}

void report_suppression_problems(const Document& doc, const std::vector<Suppression>& suppressions,
                                 const RuleSelection& selection, std::vector<Finding>& findings) {
  const RuleMeta* unused = meta_if_allowed(kUnusedSuppression, doc.kind(), selection);
  const RuleMeta* expired = meta_if_allowed(kExpiredSuppression, doc.kind(), selection);
  const RuleMeta* no_reason = meta_if_allowed(kSuppressionWithoutReason, doc.kind(), selection);
  for (const Suppression& s : suppressions) {
    if (!s.ours) continue;
    Fix removal{"Remove the suppression", {{s.removal, ""}}, Applicability::safe};
    if (s.expired && expired) {
      FindingSink sink(*expired, findings);
      Finding& f = sink.report(
          s.comment, fmt::format("suppression expired on {}: the findings it hid are reported "
                                 "again; fix them, or extend `until=` with a reason",
                                 s.until));
      if (!s.removal.empty())
        f.fix = Fix{"Remove the expired suppression", {{s.removal, ""}}, Applicability::unsafe};
      continue;
    }
    if (unused && (!s.unknown_ids.empty() || !s.used)) {
      FindingSink sink(*unused, findings);
      std::string why =
          !s.unknown_ids.empty()
              ? fmt::format("suppression names no rule: `{}` (see `infralint rules`)",
                            fmt::join(s.unknown_ids, "`, `"))
              : "suppression matches no finding: remove it, or it will hide the next one";
      Finding& f = sink.report(s.comment, why);
      if (!s.removal.empty()) f.fix = removal;
      continue;
    }
    if (no_reason && s.reason.empty()) {
      FindingSink sink(*no_reason, findings);
      sink.report(s.comment,
                  "suppression gives no reason: say why the finding does not apply here, after "
                  "the rule list");
    }
  }
}

}  // namespace infralint
