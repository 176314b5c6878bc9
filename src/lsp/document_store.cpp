#include "lsp/document_store.hpp"

#include <nlohmann/json.hpp>

#include "core/line_index.hpp"
#include "parse/detect.hpp"

namespace infralint::lsp {
namespace {

// Language ids the editors use for formats whose file names do not always tell them.
std::optional<Kind> kind_of_language(std::string_view id) {
  if (id == "dockerfile") return Kind::dockerfile;
  if (id == "nginx") return Kind::nginx;
  if (id == "dockercompose") return Kind::compose;
  return std::nullopt;
}

}  // namespace

std::string OpenDocument::lint_path() const {
  if (!path.empty()) return path;
  if (language_id == "dockerfile") return "Dockerfile";
  if (language_id == "dockercompose") return "compose.yaml";
  if (language_id == "nginx") return "nginx.conf";
  return "untitled.yaml";
}

Kind OpenDocument::kind() const {
  Kind k = detect_kind(lint_path(), text);
  if (k != Kind::unknown) return k;
  return kind_of_language(language_id).value_or(Kind::unknown);
}

void DocumentStore::open(const std::string& uri, std::string language_id, long long version,
                         std::string text) {
  documents_[uri] = {uri, uri_to_path(uri), std::move(language_id), version, std::move(text)};
}

bool DocumentStore::change(const std::string& uri, long long version,
                           const nlohmann::json& changes, Encoding encoding) {
  auto it = documents_.find(uri);
  if (it == documents_.end() || !changes.is_array()) return false;
  OpenDocument& doc = it->second;
  bool ok = true;
  for (const auto& change : changes) {
    if (!change.is_object() || !change.contains("text") || !change["text"].is_string()) {
      ok = false;
      continue;
    }
    const std::string& text = change["text"].get_ref<const std::string&>();
    if (!change.contains("range")) {
      doc.text = text;
      continue;
    }
    LineIndex lines(doc.text);
    Span s = PositionMapper(doc.text, lines, encoding).span(change["range"]);
    doc.text.replace(s.begin, s.size(), text);
  }
  doc.version = version;
  return ok;
}

void DocumentStore::close(const std::string& uri) { documents_.erase(uri); }

const OpenDocument* DocumentStore::find(const std::string& uri) const {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

std::vector<const OpenDocument*> DocumentStore::all() const {
  std::vector<const OpenDocument*> out;
  for (const auto& [uri, doc] : documents_) out.push_back(&doc);
  return out;
}

}  // namespace infralint::lsp
