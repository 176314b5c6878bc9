#include "engine/suppressions.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "model/yaml_values.hpp"
#include "parse/dockerfile/ast.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

// A comment in the text: `#` to the end of its line.
struct Comment {
  Span span;
  bool own_line = false;  // nothing but white space before the '#'
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
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

// The span a comment on its own line refers to: the next line with code — in a Dockerfile the
// whole instruction that starts there.
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

void resolve_ids(std::string_view list, Suppression& s, char separator) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t next = list.find(separator, pos);
    if (next == std::string_view::npos) next = list.size();
    std::string_view id = trim(list.substr(pos, next - pos));
    if (id == "all") {
      s.all_rules = true;
    } else if (!id.empty()) {
      auto rules = Registry::instance().resolve(id);
      if (rules.empty()) s.unknown_ids.emplace_back(id);
      s.rules.insert(s.rules.end(), rules.begin(), rules.end());
    }
    pos = next + 1;
  }
}

void comment_suppressions(const Document& doc, std::vector<Suppression>& out) {
  static const RE2 ours(R"(^#\s*infralint:\s*(ignore|ignore-file)\[([^\]]*)\])");
  static const RE2 hadolint(R"(^#\s*hadolint\s+(global\s+)?ignore=([A-Za-z0-9,\s]+?)\s*(?:#.*)?$)");
  static const RE2 check_skip(R"(^#\s*check\s*=\s*skip=([A-Za-z,|]+))");
  Span whole{0, doc.text().size()};
  for (const Comment& c : comments_of(doc)) {
    std::string_view text = doc.slice(c.span);
    std::size_t line = doc.lines().position(c.span.begin).line;
    std::string kind, ids;
    Suppression s;
    s.comment = c.span;
    if (RE2::PartialMatch(text, ours, &kind, &ids)) {
      s.ours = true;
      resolve_ids(ids, s, ',');
      if (kind == "ignore-file") s.target = whole;
      else s.target = c.own_line ? next_code_target(doc, line) : doc.lines().line_span(line);
      s.removal = c.own_line ? whole_line_removal(doc, line) : c.span;
      if (!c.own_line) {
        std::size_t begin = c.span.begin;
        while (begin > 0 && (doc.text()[begin - 1] == ' ' || doc.text()[begin - 1] == '\t')) --begin;
        s.removal = {begin, c.span.end};
      }
    } else if (std::string global; RE2::FullMatch(text, hadolint, &global, &ids)) {
      resolve_ids(ids, s, ',');
      s.unknown_ids.clear();  // SC codes and rules we lack are not errors in a peer's pragma
      s.target = global.empty() ? next_code_target(doc, line) : whole;
    } else if (doc.kind() == Kind::dockerfile && RE2::PartialMatch(text, check_skip, &ids)) {
      std::replace(ids.begin(), ids.end(), '|', ',');
      resolve_ids(ids, s, ',');
      s.unknown_ids.clear();
      s.target = whole;
    } else {
      continue;
    }
    out.push_back(std::move(s));
  }
}

// `metadata.annotations` of each Kubernetes object: infralint.dev/ignore: "a,b" and
// kube-linter's ignore-check.kube-linter.io/<check>, covering that object's document.
void annotation_suppressions(const Document& doc, std::vector<Suppression>& out) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream || doc.kind() != Kind::kubernetes) return;
  for (const yaml::YamlDocument& d : stream->documents) {
    const yaml::Node* annotations = at_path(d.root, {"metadata", "annotations"});
    if (!annotations || !annotations->is_mapping()) continue;
    for (const yaml::Pair& p : annotations->pairs) {
      auto key = scalar_text(p.key);
      if (!key) continue;
      Suppression s;
      s.comment = p.key->span.cover(p.value->span);
      s.target = d.span;
      if (*key == "infralint.dev/ignore") {
        s.ours = true;
        resolve_ids(scalar_text(p.value).value_or(""), s, ',');
      } else if (key->starts_with("ignore-check.kube-linter.io/")) {
        resolve_ids("kube-linter:" + key->substr(std::string_view("ignore-check.kube-linter.io/").size()),
                    s, ',');
        s.unknown_ids.clear();
      } else {
        continue;
      }
      out.push_back(std::move(s));
    }
  }
}

}  // namespace

std::vector<Suppression> find_suppressions(const Document& doc) {
  std::vector<Suppression> out;
  if (!doc.skipped_reason().empty()) return out;
  comment_suppressions(doc, out);
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
      bool names_rule = s.all_rules || std::any_of(s.rules.begin(), s.rules.end(), [&](const Rule* r) {
                          return r->meta().id == f.rule_id;
                        });
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

}  // namespace infralint
