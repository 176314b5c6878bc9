// Peers' suppression comments, honoured so that switching to infralint needs no edits.
#include <re2/re2.h>

#include <algorithm>

#include "engine/suppressions_internal.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::suppression_detail {
namespace {

std::size_t line_of(const Document& doc, const Comment& c) {
  return doc.lines().position(c.span.begin).line;
}

// A Prometheus rule (a mapping with `alert` or `record`) holding `offset`, or else the first
// one after it: what a `# pint disable` comment refers to.
Span prometheus_rule_at(const Document& doc, std::size_t offset) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return {offset, offset};
  Span inside{}, after{};
  bool have_inside = false, have_after = false;
  for (const yaml::Node& n : stream->arena) {
    if (!n.is_mapping() || (!n.get("alert") && !n.get("record"))) continue;
    // A comment above the rule's first key sits just before the mapping's span.
    if (n.span.begin <= offset && offset < n.span.end) {
      if (!have_inside || n.span.size() < inside.size()) inside = n.span;
      have_inside = true;
    } else if (n.span.begin > offset && (!have_after || n.span.begin < after.begin)) {
      after = n.span;
      have_after = true;
    }
  }
  if (have_inside) return inside;
  if (have_after) return after;
  return {offset, offset};
}

// `promql/series(foo)` and `alerts/count(+tag)` name the check `promql/series`.
std::string pint_check(std::string_view written) {
  auto paren = written.find('(');
  return std::string(written.substr(0, paren));
}

void hadolint_and_buildkit(const Document& doc, const Comment& c, std::vector<Suppression>& out) {
  std::string_view text = doc.slice(c.span);
  // Expressions are compiled only for a comment that names their pragma.
  bool names_hadolint = text.find("hadolint") != std::string_view::npos;
  bool names_check = text.find("skip=") != std::string_view::npos;
  if (!names_hadolint && !names_check) return;
  std::string global, ids;
  Suppression s;
  s.comment = c.span;
  static const RE2 hadolint(R"(^#\s*hadolint\s+(global\s+)?ignore=([A-Za-z0-9,\s]+?)\s*(?:#.*)?$)");
  static const RE2 check_skip(R"(^#\s*check\s*=\s*skip=([A-Za-z,|]+))");
  if (RE2::FullMatch(text, hadolint, &global, &ids)) {
    resolve_ids(ids, s, ',');
    s.unknown_ids.clear();  // SC codes and rules we lack are not errors in a peer's pragma
    s.target = global.empty() ? next_code_target(doc, line_of(doc, c)) : Span{0, doc.text().size()};
  } else if (doc.kind() == Kind::dockerfile && RE2::PartialMatch(text, check_skip, &ids)) {
    std::replace(ids.begin(), ids.end(), '|', ',');
    resolve_ids(ids, s, ',');
    s.unknown_ids.clear();
    s.target = {0, doc.text().size()};
  } else {
    return;
  }
  out.push_back(std::move(s));
}

// dclint: `# dclint disable-file`, `# dclint disable [rule ...]` (file-wide),
// `# dclint disable-line [rule ...]` (its own line, or the next when on a line of its own).
void dclint(const Document& doc, const Comment& c, std::vector<Suppression>& out) {
  if (doc.slice(c.span).find("dclint") == std::string_view::npos) return;
  static const RE2 pragma(R"(^#\s*dclint\s+(disable-file|disable-line|disable)\b\s*(.*)$)");
  std::string kind, ids;
  if (!RE2::FullMatch(doc.slice(c.span), pragma, &kind, &ids)) return;
  Suppression s;
  s.comment = c.span;
  std::replace(ids.begin(), ids.end(), ' ', ',');
  if (kind == "disable-file" || trim(ids).empty())
    s.all_rules = true;
  else
    resolve_ids(ids, s, ',', "dclint:");
  s.unknown_ids.clear();
  if (kind == "disable-line")
    s.target = c.own_line ? next_code_target(doc, line_of(doc, c))
                          : doc.lines().line_span(line_of(doc, c));
  else
    s.target = {0, doc.text().size()};
  out.push_back(std::move(s));
}

// pint: `disable <check>` (the rule it is in or above), `file/disable <check>`,
// `snooze <date> <check>` (file-wide until the date), `ignore/file`, `ignore/line`,
// `ignore/next-line`, and `ignore/begin` … `ignore/end`.
void pint(const Document& doc, const std::vector<Comment>& comments,
          std::vector<Suppression>& out) {
  const Comment* begin = nullptr;
  Span whole{0, doc.text().size()};
  for (const Comment& c : comments) {
    if (doc.slice(c.span).find("pint") == std::string_view::npos) continue;
    static const RE2 pragma(R"(^#\s*pint\s+(\S+)\s*(.*)$)");
    static const RE2 snooze(R"(^(\d{4}-\d{2}-\d{2})\S*\s+(\S+)\s*$)");
    std::string command, rest;
    if (!RE2::FullMatch(doc.slice(c.span), pragma, &command, &rest)) continue;
    Suppression s;
    s.comment = c.span;
    std::size_t line = line_of(doc, c);
    if (command == "disable" || command == "file/disable" || command == "rule/disable") {
      resolve_ids(pint_check(trim(rest)), s, ',', "pint:");
      s.target = command == "file/disable" ? whole : prometheus_rule_at(doc, c.span.begin);
    } else if (std::string date, check;
               command == "snooze" && RE2::FullMatch(trim(rest), snooze, &date, &check)) {
      resolve_ids(pint_check(check), s, ',', "pint:");
      read_reason("until=" + date, s);
      s.target = whole;
    } else if (command == "ignore/file") {
      s.all_rules = true;
      s.target = whole;
    } else if (command == "ignore/line") {
      s.all_rules = true;
      s.target = doc.lines().line_span(line);
    } else if (command == "ignore/next-line") {
      s.all_rules = true;
      s.target = doc.lines().line_span(std::min(line + 1, doc.lines().line_count()));
    } else if (command == "ignore/begin") {
      begin = &c;
      continue;
    } else if (command == "ignore/end" && begin) {
      s.all_rules = true;
      s.comment = begin->span;
      s.target = {begin->span.begin, c.span.end};
      begin = nullptr;
    } else {
      continue;
    }
    s.unknown_ids.clear();
    out.push_back(std::move(s));
  }
  if (begin) {  // an unclosed ignore/begin runs to the end of the file, as in pint
    Suppression s;
    s.comment = begin->span;
    s.all_rules = true;
    s.target = {begin->span.begin, doc.text().size()};
    out.push_back(std::move(s));
  }
}

}  // namespace

void peer_comment_suppressions(const Document& doc, const std::vector<Comment>& comments,
                               std::vector<Suppression>& out) {
  for (const Comment& c : comments) {
    hadolint_and_buildkit(doc, c, out);
    if (doc.kind() == Kind::compose) dclint(doc, c, out);
  }
  if (doc.kind() == Kind::prometheus_rules || doc.kind() == Kind::kubernetes)
    pint(doc, comments, out);
}

}  // namespace infralint::suppression_detail
