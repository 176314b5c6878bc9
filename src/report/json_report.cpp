#include <nlohmann/json.hpp>

#include "engine/rule.hpp"
#include "report/json_stream.hpp"
#include "report/related_documents.hpp"
#include "report/report.hpp"

namespace infralint {
namespace {

nlohmann::ordered_json position(const Document& doc, std::size_t offset) {
  Position p = doc.lines().position(offset);
  return {{"line", p.line}, {"column", p.column}, {"offset", p.offset}};
}

nlohmann::ordered_json finding_json(const Document& doc, const Finding& f,
                                    const RelatedDocuments& documents) {
  nlohmann::ordered_json j;
  j["rule"] = f.rule_id;
  j["severity"] = to_string(f.severity);
  j["message"] = f.message;
  j["path"] = doc.path();
  j["start"] = position(doc, f.span.begin);
  j["end"] = position(doc, f.span.end);
  auto categories = nlohmann::ordered_json::array();
  auto aliases = nlohmann::ordered_json::array();
  if (const Rule* rule = Registry::instance().find(f.rule_id)) {
    for (Category c : rule->meta().categories) categories.push_back(to_string(c));
    for (std::string_view a : rule->meta().aliases) aliases.push_back(a);
  }
  j["categories"] = categories;
  j["aliases"] = aliases;
  if (!f.related.empty()) {
    auto related = nlohmann::ordered_json::array();
    for (const RelatedSpan& r : f.related) {
      const Document* in = documents.of(doc, r);
      nlohmann::ordered_json j_related{{"message", r.message}};
      // A span of another file (stack rules): its path, and positions from its own lines.
      if (in != &doc) j_related["path"] = r.path;
      if (in) {
        j_related["start"] = position(*in, r.span.begin);
        j_related["end"] = position(*in, r.span.end);
      }
      related.push_back(j_related);
    }
    j["related"] = related;
  }
  if (f.fix) {
    auto edits = nlohmann::ordered_json::array();
    for (const Edit& e : f.fix->edits)
      edits.push_back({{"start", position(doc, e.span.begin)},
                       {"end", position(doc, e.span.end)},
                       {"replacement", e.replacement}});
    j["fix"] = {{"title", f.fix->title},
                {"applicability", to_string(f.fix->applicability)},
                {"edits", edits}};
    // Files the fix creates, relative to this file's directory (SARIF: artifactChanges).
    if (!f.fix->new_files.empty()) {
      auto files = nlohmann::ordered_json::array();
      for (const NewFile& n : f.fix->new_files) files.push_back({{"path", n.path}, {"text", n.text}});
      j["fix"]["new_files"] = files;
    }
  }
  if (f.suppressed_by) j["suppressed"] = {{"justification", *f.suppressed_by}};
  return j;
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
  dump_streaming(out, j, findings.size(), [&](std::size_t i) {
    return finding_json(*findings[i].first, *findings[i].second, documents);
  });
}

}  // namespace infralint
