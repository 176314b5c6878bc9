#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/rule.hpp"
#include "report/fingerprint.hpp"
#include "report/json_stream.hpp"
#include "report/related_documents.hpp"
#include "report/report.hpp"
#include "report/uri.hpp"

namespace infralint {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
// GitHub's upload limits (interfaces.md §1.3): above them the file is rejected.
constexpr std::size_t kMaxResults = 25000;
constexpr std::size_t kMaxRelatedLocations = 1000;
constexpr std::size_t kMaxDescription = 1024;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "warning";
}

// GitHub ranks security alerts by this score: >= 7 high, >= 4 medium, below low.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::error: return "8.0";
    case Severity::warning: return "5.5";
    case Severity::info: return "2.0";
  }
  return "5.5";
}

// `base-image-latest` → `BaseImageLatest`: SARIF's rule name is an identifier.
std::string rule_name(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id.substr(id.find('/') + 1)) {
    if (c == '-' || c == '_' || c == '/') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

std::string truncated(std::string text) {
  if (text.size() <= kMaxDescription) return text;
  text.resize(kMaxDescription - 3);
  while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
  if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
  return text + "...";
}

// The first paragraph under "## What it finds", as plain text.
std::string what_it_finds(std::string_view docs, std::string_view fallback) {
  auto heading = docs.find("## What it finds");
  if (heading == std::string_view::npos) return std::string(fallback);
  auto start = docs.find('\n', heading);
  if (start == std::string_view::npos) return std::string(fallback);
  while (start < docs.size() && docs[start] == '\n') ++start;
  auto end = docs.find("\n\n", start);
  std::string para(docs.substr(start, end == std::string_view::npos ? docs.size() - start : end - start));
  std::replace(para.begin(), para.end(), '\n', ' ');
  return para.empty() ? std::string(fallback) : para;
}

Json rule_descriptor(const RuleMeta& m) {
  Json tags = Json::array();
  bool security = false;
  for (Category c : m.categories) {
    tags.push_back(to_string(c));
    security = security || c == Category::security;
  }
  for (std::string_view c : m.compliance)
    if (tags.size() < 20) tags.push_back(c);
  Json properties = {{"tags", tags}, {"precision", "high"}};
  if (security)
    properties["security-severity"] = security_severity(m.severity);
  else
    properties["problem.severity"] =
        m.severity == Severity::info ? "recommendation" : std::string(to_string(m.severity));
  if (!m.aliases.empty()) properties["aliases"] = m.aliases;
  std::string help_text = fmt::format("{}\n\nRun `infralint explain {}` for the full documentation.",
                                      what_it_finds(m.docs, m.title), m.id);
  return {{"id", m.id},
          {"name", rule_name(m.id)},
          {"shortDescription", {{"text", truncated(std::string(m.title))}}},
          {"fullDescription", {{"text", truncated(what_it_finds(m.docs, m.title))}}},
          {"defaultConfiguration", {{"level", sarif_level(m.severity)}}},
          {"help", {{"text", help_text}, {"markdown", std::string(m.docs)}}},
          {"properties", properties}};
}

// A full region; SARIF columns are 1-based and the end column exclusive, like our spans.
Json region(const Document& doc, Span span) {
  Position a = doc.lines().position(span.begin);
  Position b = doc.lines().position(span.end);
  return {{"startLine", a.line},
          {"startColumn", a.utf16_column},
          {"endLine", b.line},
          {"endColumn", b.utf16_column}};
}

Json artifact(const std::string& path, const RunContext& context) {
  Reference ref = artifact_reference(path, context.working_directory);
  Json j = {{"uri", ref.uri}};
  if (ref.relative) j["uriBaseId"] = kSourceRoot;
  return j;
}

Json location(const Document& doc, Span span, const RunContext& context) {
  return {{"physicalLocation",
           {{"artifactLocation", artifact(doc.path(), context)}, {"region", region(doc, span)}}}};
}

Json result(const Document& doc, const Finding& f, std::size_t rule_index,
            const std::vector<std::string>& fingerprints, const RunContext& context,
            const RelatedDocuments& documents) {
  Json r;
  r["ruleId"] = f.rule_id;
  r["ruleIndex"] = rule_index;
  r["level"] = sarif_level(f.severity);
  r["message"] = {{"text", f.message}};
  r["locations"] = Json::array({location(doc, f.span, context)});
  std::size_t line = doc.lines().position(f.span.begin).line;
  if (line >= 1 && line <= fingerprints.size() && !fingerprints[line - 1].empty())
    r["partialFingerprints"] = {{"primaryLocationLineHash", fingerprints[line - 1]}};
  if (!f.related.empty()) {
    Json related = Json::array();
    for (std::size_t i = 0; i < f.related.size() && i < kMaxRelatedLocations; ++i) {
      // A span of another file (stack rules) has its own artifactLocation and line index.
      const Document* in = documents.of(doc, f.related[i]);
      Json l = in ? location(*in, f.related[i].span, context)
                  : Json{{"physicalLocation",
                          {{"artifactLocation", artifact(f.related[i].path, context)}}}};
      l["id"] = i + 1;
      l["message"] = {{"text", f.related[i].message}};
      related.push_back(l);
    }
    r["relatedLocations"] = related;
  }
  if (f.fix && (!f.fix->edits.empty() || !f.fix->new_files.empty())) {
    Json changes = Json::array();
    if (!f.fix->edits.empty()) {
      Json replacements = Json::array();
      for (const Edit& e : f.fix->edits) {
        Json rep = {{"deletedRegion", region(doc, e.span)}};
        if (!e.replacement.empty()) rep["insertedContent"] = {{"text", e.replacement}};
        replacements.push_back(rep);
      }
      changes.push_back({{"artifactLocation", artifact(doc.path(), context)},
                         {"replacements", replacements}});
    }
    // A file the fix creates: its whole text inserted at the start of an empty artifact.
    for (const NewFile& created : f.fix->new_files)
      changes.push_back(
          {{"artifactLocation", artifact(created.path, context)},
           {"replacements",
            Json::array({{{"deletedRegion", {{"startLine", 1}, {"startColumn", 1}, {"endColumn", 1}}},
                          {"insertedContent", {{"text", created.text}}}}})}});
    r["fixes"] = Json::array(
        {{{"description", {{"text", f.fix->title}}}, {"artifactChanges", changes}}});
    r["properties"] = {{"fixApplicability", to_string(f.fix->applicability)}};
  }
  if (f.suppressed_by)
    r["suppressions"] = Json::array({{{"kind", "inSource"}, {"justification", *f.suppressed_by}}});
  return r;
}

Json notification(std::string_view message, std::string_view level) {
  return {{"level", level}, {"message", {{"text", message}}}};
}

}  // namespace

void write_sarif(std::ostream& out, const RunResult& run, const RunContext& context) {
  const auto& rules = Registry::instance().rules();
  std::map<std::string_view, std::size_t> rule_index;
  Json descriptors = Json::array();
  for (const auto& rule : rules) {
    rule_index[rule->meta().id] = descriptors.size();
    descriptors.push_back(rule_descriptor(rule->meta()));
  }

  // Over GitHub's limit, keep the most severe results and say so.
  std::vector<std::pair<const Document*, const Finding*>> all;
  for (const FileReport& file : run.files)
    for (const Finding& f : file.findings) all.emplace_back(file.doc.get(), &f);
  Json notifications = Json::array();
  if (all.size() > kMaxResults) {
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.second->severity > b.second->severity;
    });
    notifications.push_back(notification(
        fmt::format("{} results found; only the {} most severe are included (GitHub's limit)",
                    all.size(), kMaxResults),
        "warning"));
    all.resize(kMaxResults);
  }


  for (const InputError& e : run.errors) {
    Json n = notification(e.message, "error");
    n["locations"] = Json::array(
        {{{"physicalLocation", {{"artifactLocation", artifact(e.path, context)}}}}});
    notifications.push_back(n);
  }
  for (const auto& [path, kind] : run.not_checked) {
    Json n = notification(
        fmt::format("{}: not checked, no support for {} files yet", path, to_string(kind)), "note");
    n["locations"] = Json::array(
        {{{"physicalLocation", {{"artifactLocation", artifact(path, context)}}}}});
    notifications.push_back(n);
  }

  Json invocation = {{"executionSuccessful", run.errors.empty()}, {"exitCode", context.exit_code}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  Json driver = {{"name", "infralint"},
                 {"version", INFRALINT_VERSION},
                 {"semanticVersion", INFRALINT_VERSION},
                 {"informationUri", INFRALINT_HOMEPAGE},
                 {"rules", descriptors}};
  Json sarif_run = {
      {"tool", {{"driver", driver}}},
      {"automationDetails", {{"id", "infralint/"}}},
      {"originalUriBaseIds",
       {{kSourceRoot, {{"uri", directory_uri(context.working_directory)}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"invocations", Json::array({invocation})},
      {"results", kStreamedArray}};
  Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({sarif_run})}};
  std::map<const Document*, std::vector<std::string>> fingerprints;
  RelatedDocuments documents(run);
  dump_streaming(out, log, all.size(), [&](std::size_t i) {
    const auto& [doc, f] = all[i];
    auto [it, inserted] = fingerprints.try_emplace(doc);
    if (inserted && doc->skipped_reason().empty()) it->second = line_fingerprints(doc->text());
    return result(*doc, *f, rule_index.at(f->rule_id), it->second, context, documents);
  });
}

}  // namespace infralint
