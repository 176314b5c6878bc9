#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/span.hpp"

namespace infralint {

// Replace the bytes of `span` with `replacement`; an empty span inserts.
struct Edit {
  Span span;
  std::string replacement;
  bool operator==(const Edit&) const = default;
};

// safe: keeps what a working deployment relies on; unsafe: may change behaviour, applied only
// with --unsafe-fixes; display_only: needs facts we lack, never applied.
enum class Applicability { safe, unsafe, display_only };

constexpr std::string_view to_string(Applicability a) {
  switch (a) {
    case Applicability::safe: return "safe";
    case Applicability::unsafe: return "unsafe";
    case Applicability::display_only: return "display-only";
  }
  return "display-only";
}

// A file a fix creates beside the one it edits (one railway.toml per service when a fix
// splits a multi-service file). `path` is relative to the edited file's directory; the file
// must not exist yet, and its directory must.
struct NewFile {
  std::string path;
  std::string text;
  bool operator==(const NewFile&) const = default;
};

struct Fix {
  std::string title;
  std::vector<Edit> edits;
  Applicability applicability = Applicability::safe;
  std::vector<NewFile> new_files;
  bool operator==(const Fix&) const = default;
};

// Applies non-overlapping edits (any order) to text. Returns false and leaves `out` untouched
// when two edits overlap.
bool apply_edits(std::string_view text, std::vector<Edit> edits, std::string& out);

}  // namespace infralint
