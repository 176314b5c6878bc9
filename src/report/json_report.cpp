#include <nlohmann/json.hpp>

#include <unordered_map>

#include "engine/rule.hpp"
#include "report/json_stream.hpp"
#include "report/related_documents.hpp"
#include "report/report.hpp"

namespace infralint {
namespace {

void position(JsonWriter& w, std::string_view name, const Document& doc, std::size_t offset) {
  Position p = doc.lines().position(offset);
  w.key(name);
  w.numbers_object({{"line", p.line}, {"column", p.column}, {"offset", p.offset}});
}

// A rule's categories and aliases, the same in each of its findings: rendered once per report.
class RuleMembers {
 public:
  std::string_view of(std::string_view rule_id, std::size_t depth) {
    if (depth != depth_) {  // one depth in a report; text for another would be misindented
      rendered_.clear();
      depth_ = depth;
    }
    auto [it, added] = rendered_.try_emplace(rule_id);
    if (added) it->second = render(rule_id, depth);
    return it->second;
  }

 private:
  static std::string render(std::string_view rule_id, std::size_t depth) {
    const Rule* rule = Registry::instance().find(rule_id);
    return JsonWriter::render_members(depth, [&](JsonWriter& w) {
      w.key("categories");
      w.begin_array();
      if (rule)
        for (Category c : rule->meta().categories) w.value(to_string(c));
      w.end_array();
      w.key("aliases");
      w.begin_array();
      if (rule)
        for (std::string_view a : rule->meta().aliases) w.value(a);
      w.end_array();
    });
  }

  std::unordered_map<std::string_view, std::string> rendered_;  // keys: the findings' ids
  std::size_t depth_ = 0;
};

void write_finding(JsonWriter& w, const Document& doc, const Finding& f,
                   const RelatedDocuments& documents, RuleMembers& rule_members) {
  w.begin_object();
  w.member("rule", f.rule_id);
  w.member("severity", to_string(f.severity));
  w.member("message", f.message);
  w.member("path", doc.path());
  position(w, "start", doc, f.span.begin);
  position(w, "end", doc, f.span.end);
  w.members(rule_members.of(f.rule_id, w.depth()));
  if (!f.related.empty()) {
    w.key("related");
    w.begin_array();
    for (const RelatedSpan& r : f.related) {
      const Document* in = documents.of(doc, r);
      w.begin_object();
      w.member("message", r.message);
      // A span of another file (stack rules): its path, and positions from its own lines.
      if (in != &doc) w.member("path", r.path);
      if (in) {
        position(w, "start", *in, r.span.begin);
        position(w, "end", *in, r.span.end);
      }
      w.end_object();
    }
    w.end_array();
  }
  if (f.fix) {
    w.key("fix");
    w.begin_object();
    w.member("title", f.fix->title);
    w.member("applicability", to_string(f.fix->applicability));
    w.key("edits");
    w.begin_array();
    for (const Edit& e : f.fix->edits) {
      w.begin_object();
      position(w, "start", doc, e.span.begin);
      position(w, "end", doc, e.span.end);
      w.member("replacement", e.replacement);
      w.end_object();
    }
    w.end_array();
    // Files the fix creates, relative to this file's directory (SARIF: artifactChanges).
    if (!f.fix->new_files.empty()) {
      w.key("new_files");
      w.begin_array();
      for (const NewFile& n : f.fix->new_files) {
        w.begin_object();
        w.member("path", n.path);
        w.member("text", n.text);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  if (f.suppressed_by) {
    w.key("suppressed");
    w.begin_object();
    w.member("justification", *f.suppressed_by);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

void write_json(std::ostream& out, const RunResult& run) {
  nlohmann::ordered_json j;
  j["tool"] = {{"name", "infralint"}, {"version", INFRALINT_VERSION}};
  j["files_checked"] = run.files.size();
  std::vector<std::pair<const Document*, const Finding*>> findings;
  for (const FileReport& file : run.files)
    for (const Finding& f : file.findings) findings.emplace_back(file.doc.get(), &f);
  j["findings"] = kStreamedArray;
  auto errors = nlohmann::ordered_json::array();
  for (const InputError& e : run.errors) errors.push_back({{"path", e.path}, {"message", e.message}});
  j["errors"] = errors;
  // Recognised files of a format not linted yet: listed so that nothing passes unseen.
  auto not_checked = nlohmann::ordered_json::array();
  for (const auto& [path, kind] : run.not_checked)
    not_checked.push_back({{"path", path}, {"kind", to_string(kind)},
                           {"reason", "no support for this format yet"}});
  j["not_checked"] = not_checked;
  if (run.shard)  // `infralint merge` checks it has every shard of one split of these paths
    j["shard"] = {{"index", run.shard->index}, {"count", run.shard->count},
                  {"paths", run.shard->paths}};
  RelatedDocuments documents(run);
  RuleMembers rule_members;
  dump_streaming(out, j, findings.size(), [&](std::size_t i, JsonWriter& writer) {
    write_finding(writer, *findings[i].first, *findings[i].second, documents, rule_members);
  });
}

}  // namespace infralint
