#pragma once
#include <string>

#include "core/document.hpp"

namespace infralint {

// Whether infralint can parse (and so lint) documents of this kind yet.
bool is_supported(Kind kind);

// What parsing needs beyond the text, from the settings of the document's configuration.
struct ParseOptions {
  // The `nginx-prefix` setting (--nginx-prefix): where relative nginx includes resolve; empty:
  // the nearest directory holding nginx.conf, else the file's directory and its parents.
  std::string nginx_prefix;
};

// Parses the document with its format's parser, storing the tree and parse errors in it.
void parse_document(Document& doc, const ParseOptions& options = {});

}  // namespace infralint
