#include "parse/document_parser.hpp"

#include "parse/dockerfile/ast.hpp"
#include "parse/nginx/ast.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {

bool is_supported(Kind kind) {
  return kind == Kind::dockerfile || kind == Kind::compose || kind == Kind::kubernetes ||
         kind == Kind::prometheus_rules || kind == Kind::prometheus_config || kind == Kind::nginx;
}

void parse_document(Document& doc) {
  switch (doc.kind()) {
    case Kind::dockerfile: {
      std::vector<ParseError> errors;
      doc.set_tree(dockerfile::parse(doc.text(), errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    case Kind::compose:
    case Kind::kubernetes:
    case Kind::prometheus_rules:
    case Kind::prometheus_config: {
      std::vector<ParseError> errors;
      doc.set_tree(yaml::parse(doc.text(), errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    case Kind::nginx: {
      std::vector<ParseError> errors;
      doc.set_tree(nginx::parse(doc.path(), doc.text(), errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    default:
      break;
  }
}

}  // namespace infralint
