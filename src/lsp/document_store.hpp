#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/kind.hpp"
#include "lsp/positions.hpp"

namespace infralint::lsp {

// One buffer the client has open: the text as the editor has it, not as it is on disk.
struct OpenDocument {
  std::string uri;
  std::string path;  // "" for an unsaved buffer (untitled:)
  std::string language_id;
  long long version = 0;
  std::string text;
  // The path linting uses: the file's, else a name telling the kind from the language id.
  std::string lint_path() const;
  Kind kind() const;
};

// The open documents, with full and incremental text sync.
class DocumentStore {
 public:
  void open(const std::string& uri, std::string language_id, long long version, std::string text);
  // Applies `contentChanges` of didChange in order: a change with a range splices it (in the
  // negotiated encoding), one without replaces the whole text. False when a range was malformed.
  bool change(const std::string& uri, long long version, const nlohmann::json& changes,
              Encoding encoding);
  void close(const std::string& uri);
  const OpenDocument* find(const std::string& uri) const;
  // Every open buffer: stack rules read these instead of the files on disk (WorkspaceStack).
  std::vector<const OpenDocument*> all() const;

 private:
  std::map<std::string, OpenDocument> documents_;
};

}  // namespace infralint::lsp
