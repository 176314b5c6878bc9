#include "report/related_documents.hpp"

namespace infralint {

RelatedDocuments::RelatedDocuments(const RunResult& run) {
  for (const FileReport& file : run.files)
    for (const Finding& f : file.findings)
      for (const RelatedSpan& r : f.related)
        if (!r.path.empty()) by_path_.emplace(r.path, nullptr);
  if (by_path_.empty()) return;
  for (const FileReport& file : run.files)
    if (auto it = by_path_.find(file.doc->path()); it != by_path_.end()) it->second = file.doc.get();
}

const Document* RelatedDocuments::of(const Document& own, const RelatedSpan& r) const {
  if (r.path.empty() || r.path == own.path()) return &own;
  auto it = by_path_.find(r.path);
  return it == by_path_.end() ? nullptr : it->second;
}

}  // namespace infralint
