#include "parse/document_parser.hpp"

#include "parse/dockerfile/ast.hpp"

namespace infralint {

bool is_supported(Kind kind) { return kind == Kind::dockerfile; }

void parse_document(Document& doc) {
  switch (doc.kind()) {
    case Kind::dockerfile: {
      std::vector<ParseError> errors;
      doc.set_tree(dockerfile::parse(doc.text(), errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    default:
      break;
  }
}

}  // namespace infralint
