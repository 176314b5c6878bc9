#include "parse/dockerfile/ast.hpp"

namespace infralint::dockerfile {
std::unique_ptr<File> parse(std::string_view, std::vector<ParseError>&) {
  return std::make_unique<File>();
}
std::string_view to_string(Keyword) { return "UNKNOWN"; }
}  // namespace infralint::dockerfile
