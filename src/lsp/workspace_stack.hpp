#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "engine/lint_config.hpp"
#include "lsp/document_store.hpp"
#include "model/stack/stack.hpp"

namespace infralint::lsp {

// The other documents of the workspace as stack rules see them: open buffers as the editor has
// them, the other files as they are on disk. Facts are kept per file and recomputed only when
// the buffer's version or the file's size and modification time change, so a keystroke reads
// nothing but the buffer it changed.
class WorkspaceStack {
 public:
  // Directories of the workspace (from `initialize`). Without any, a document's neighbours are
  // the files of its own directory: an editor opened on one file does not walk the disk.
  void set_roots(std::vector<std::string> roots);
  // Files were created, deleted or saved: list the workspace again before the next use, and
  // look at each file's size and modification time again (between rescans a lint stats
  // nothing, so a keystroke costs the same in a workspace of 5 000 files as in one of 5).
  void rescan() {
    listed_.reset();
    directory_files_.clear();
    ++generation_;
  }

  // The configuration changed: documents are parsed again (their nginx includes may resolve
  // elsewhere), not only listed again.
  void forget_documents() {
    rescan();
    cache_.clear();
  }

  // Every other supported document of `path`'s workspace, with its facts, for a stack build;
  // each parsed as its configuration in `configs` says (where nginx includes resolve).
  std::vector<stack::StackDocument> neighbours(const std::string& path, const DocumentStore& open,
                                               const ConfigProvider& configs);

  // Bounds a workspace walk: beyond this many files, the rest is not seen by stack rules.
  static constexpr std::size_t kMaxFiles = 5000;

 private:
  struct Entry {
    long long version = -1;  // the buffer's, when it came from an open buffer
    std::filesystem::file_time_type mtime{};
    std::uintmax_t size = 0;
    unsigned generation = 0;  // of the last look at the file on disk
    std::unique_ptr<Document> doc;
    stack::DocumentFacts facts;
  };

  const std::vector<std::string>& files_near(const std::string& path);
  const Entry* from_buffer(const OpenDocument& buffer, const ConfigProvider& configs);
  const Entry* from_disk(const std::string& path, const ConfigProvider& configs);

  std::vector<std::string> roots_;
  std::optional<std::vector<std::string>> listed_;  // files under the roots
  std::map<std::string, std::vector<std::string>> directory_files_;  // without roots
  std::map<std::string, Entry> cache_;  // by file system path
  unsigned generation_ = 1;
};

}  // namespace infralint::lsp
