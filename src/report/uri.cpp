#include "report/uri.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace infralint {
namespace {

bool unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' ||
         c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' ||
         c == '+' || c == ',' || c == ';' || c == '=' || c == '@';
}

}  // namespace

std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && unreserved(c))
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string directory_uri(std::string_view directory) {
  std::string d(directory);
  if (d.empty() || d.back() != '/') d += '/';
  return "file://" + percent_encode_path(d);
}

Reference artifact_reference(std::string_view path, std::string_view working_directory) {
  namespace fs = std::filesystem;
  fs::path p(path);
  if (p.is_relative()) {
    fs::path normal = p.lexically_normal();
    // Outside the working directory, a relative reference is not one GitHub can resolve.
    if (!normal.empty() && *normal.begin() != "..")
      return {percent_encode_path(normal.generic_string()), true};
    p = fs::path(working_directory) / p;
  }
  fs::path normal = p.lexically_normal();
  if (!working_directory.empty()) {
    fs::path rel = normal.lexically_relative(fs::path(working_directory));
    if (!rel.empty() && *rel.begin() != "..")
      return {percent_encode_path(rel.generic_string()), true};
  }
  return {"file://" + percent_encode_path(normal.generic_string()), false};
}

}  // namespace infralint
