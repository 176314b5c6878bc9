#pragma once
#include <string>
#include <string_view>

namespace infralint {

// A file named in a report, as SARIF and GitHub want it: relative to the working directory
// when it lies inside it (`relative`), else an absolute `file://` URI. Percent-encoded as a
// URI reference (spaces, `%`, `#`, `?` and non-ASCII bytes), `/` as the separator.
struct Reference {
  std::string uri;
  bool relative = false;
};
Reference artifact_reference(std::string_view path, std::string_view working_directory);

// `file:///abs/dir/` for a directory, with the trailing slash SARIF base URIs need.
std::string directory_uri(std::string_view directory);

std::string percent_encode_path(std::string_view path);

}  // namespace infralint
