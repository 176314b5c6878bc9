#pragma once
#include <string>
#include <unordered_map>

#include "engine/runner.hpp"

namespace infralint {

// The documents related spans lie in: a stack rule's finding relates spans of OTHER files,
// whose positions come from their own line index.
class RelatedDocuments {
 public:
  explicit RelatedDocuments(const RunResult& run);
  // The document of `r`: `own` when its path is empty or own's path; null when that file is
  // not part of the run.
  const Document* of(const Document& own, const RelatedSpan& r) const;

 private:
  std::unordered_map<std::string, const Document*> by_path_;
};

}  // namespace infralint
