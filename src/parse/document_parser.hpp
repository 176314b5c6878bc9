#pragma once
#include "core/document.hpp"

namespace infralint {

// Whether infralint can parse (and so lint) documents of this kind yet.
bool is_supported(Kind kind);

// Parses the document with its format's parser, storing the tree and parse errors in it.
void parse_document(Document& doc);

}  // namespace infralint
