#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/yaml/yaml.hpp"

namespace infralint::yaml::testing {

// A parsed text kept alive with its stream, so spans can be checked against the text.
struct Parsed {
  std::string text;
  std::vector<ParseError> errors;
  std::unique_ptr<Stream> stream;

  explicit Parsed(std::string source, const Limits& limits = {})
      : text(std::move(source)), stream(parse(text, errors, limits)) {}

  const Node* root(std::size_t document = 0) const {
    return document < stream->documents.size() ? stream->documents[document].root : nullptr;
  }
  std::string_view at(Span span) const {
    return std::string_view(text).substr(span.begin, span.size());
  }
  std::string error_text() const {
    std::string out;
    for (const ParseError& e : errors)
      out += "[" + std::to_string(e.span.begin) + "," + std::to_string(e.span.end) + ") " +
             e.message + "\n";
    return out;
  }
};

// The value of a scalar at a path of mapping keys.
inline const Node* at_path(const Node* node, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (!node) return nullptr;
    node = node->get(key);
  }
  return node;
}

}  // namespace infralint::yaml::testing
