#include "lsp/workspace_stack.hpp"

#include <algorithm>
#include <system_error>

#include "engine/discovery.hpp"
#include "engine/runner.hpp"
#include "model/adapters.hpp"
#include "model/stack/facts.hpp"
#include "parse/document_parser.hpp"

namespace infralint::lsp {
namespace fs = std::filesystem;
namespace {

std::string normal(const std::string& path) { return fs::path(path).lexically_normal().string(); }

// The files among `paths` that may be supported (directories walked, .gitignore honoured), at most
// WorkspaceStack::kMaxFiles of them: the walk itself stops there.
std::vector<std::string> supported_files(const std::vector<std::string>& paths) {
  DiscoveryOptions options;
  options.ignore_unknown = true;
  options.max_files = WorkspaceStack::kMaxFiles;
  std::vector<std::string> out;
  for (const InputFile& input : discover(paths, options).files) {
    if (out.size() == WorkspaceStack::kMaxFiles) break;
    // Unknown by name: YAML and JSON whose content tells (the loader decides).
    if (input.kind == Kind::unknown || is_supported(input.kind)) out.push_back(normal(fs::absolute(input.fs_path).string()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

stack::DocumentFacts facts_of(Document& doc, const ConfigProvider& configs) {
  if (doc.skipped_reason().empty()) {
    parse_document(doc, configs.for_path(doc.path()).parse_options());
    build_model(doc);
  }
  stack::DocumentFacts facts = stack::extract_facts(doc);
  doc.release_analysis();
  return facts;
}

}  // namespace

void WorkspaceStack::set_roots(std::vector<std::string> roots) {
  roots_.clear();
  for (std::string& root : roots)
    if (!root.empty()) roots_.push_back(normal(root));
  listed_.reset();
  directory_files_.clear();
}

const std::vector<std::string>& WorkspaceStack::files_near(const std::string& path) {
  std::string dir = fs::path(path).parent_path().string();
  bool under_root = false;
  for (const std::string& root : roots_)
    if (dir == root || dir.starts_with(root + "/")) under_root = true;
  if (under_root) {
    if (!listed_) listed_ = supported_files(roots_);
    return *listed_;
  }
  auto [it, fresh] = directory_files_.try_emplace(dir);
  if (fresh) {
    // Only the directory itself: its files, not its subdirectories.
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.is_regular_file(ec)) names.push_back(entry.path().string());
    it->second = supported_files(names);
  }
  return it->second;
}

const WorkspaceStack::Entry* WorkspaceStack::from_buffer(const OpenDocument& buffer,
                                                         const ConfigProvider& configs) {
  Entry& entry = cache_[buffer.path];
  if (entry.doc && entry.version == buffer.version) return &entry;
  Kind kind = buffer.kind();
  if (!is_supported(kind)) return nullptr;
  entry = Entry{};
  entry.version = buffer.version;
  entry.doc = std::make_unique<Document>(buffer.path, buffer.text, kind);
  entry.facts = facts_of(*entry.doc, configs);
  return &entry;
}

const WorkspaceStack::Entry* WorkspaceStack::from_disk(const std::string& path,
                                                       const ConfigProvider& configs) {
  if (auto it = cache_.find(path);
      it != cache_.end() && it->second.version < 0 && it->second.generation == generation_)
    return it->second.doc ? &it->second : nullptr;  // looked at since the last rescan
  std::error_code ec;
  auto mtime = fs::last_write_time(path, ec);
  if (ec) return nullptr;  // deleted since the listing
  auto size = fs::file_size(path, ec);
  if (ec) return nullptr;
  auto [it, fresh] = cache_.try_emplace(path);
  Entry& entry = it->second;
  // A file that is not ours is remembered as such (no document) until it changes.
  if (!fresh && entry.version < 0 && entry.mtime == mtime && entry.size == size) {
    entry.generation = generation_;
    return entry.doc ? &entry : nullptr;
  }
  entry = Entry{};
  entry.mtime = mtime;
  entry.size = size;
  entry.generation = generation_;
  InputFile input;
  input.path = path;
  input.fs_path = path;
  std::vector<InputError> errors;
  entry.doc = load_document(input, kDefaultMaxFileSize, errors);
  if (entry.doc && !is_supported(entry.doc->kind())) entry.doc.reset();
  if (!entry.doc) return nullptr;
  entry.facts = facts_of(*entry.doc, configs);
  return &entry;
}

std::vector<stack::StackDocument> WorkspaceStack::neighbours(const std::string& path,
                                                             const DocumentStore& open,
                                                             const ConfigProvider& configs) {
  std::string self = normal(path);
  std::map<std::string, const OpenDocument*> buffers;
  for (const OpenDocument* buffer : open.all())
    if (!buffer->path.empty()) buffers[normal(buffer->path)] = buffer;

  std::vector<stack::StackDocument> out;
  auto add = [&](const std::string& file) {
    if (file == self) return;
    auto buffer = buffers.find(file);
    const Entry* entry = buffer != buffers.end() ? from_buffer(*buffer->second, configs)
                                                    : from_disk(file, configs);
    if (entry) out.push_back({entry->doc.get(), file, entry->facts});
  };
  const std::vector<std::string>& files = files_near(self);
  for (const std::string& file : files) add(file);
  // Open buffers the listing does not have (new, unsaved files), unless the listing had them.
  for (const auto& [file, buffer] : buffers)
    if (!std::binary_search(files.begin(), files.end(), file)) add(file);
  return out;
}

}  // namespace infralint::lsp
