#include "parse/document_parser.hpp"

#include "parse/dockerfile/ast.hpp"
#include "parse/nginx/ast.hpp"
#include "parse/toml/toml.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {

bool is_supported(Kind kind) {
  return kind == Kind::dockerfile || kind == Kind::compose || kind == Kind::kubernetes ||
         kind == Kind::prometheus_rules || kind == Kind::prometheus_config || kind == Kind::nginx ||
         kind == Kind::railway;
}

void parse_document(Document& doc, const ParseOptions& options) {
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
      if (auto* memo = doc.parse_memo_slot())
        doc.set_tree(yaml::parse(doc.text(), errors, {}, *memo));
      else
        doc.set_tree(yaml::parse(doc.text(), errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    case Kind::nginx: {
      std::vector<ParseError> errors;
      doc.set_tree(nginx::parse(doc.path(), doc.text(), errors, {.prefix = options.nginx_prefix}));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    case Kind::railway: {
      // railway.json or railway.toml: TOML never starts with `{`, JSON here always does.
      std::vector<ParseError> errors;
      std::string_view text = doc.text();
      auto first = text.find_first_not_of(" \t\r\n");
      bool json = doc.path().ends_with(".json") ||
                  (first != std::string_view::npos && text[first] == '{');
      doc.set_tree(json ? toml::parse_json(text, errors) : toml::parse(text, errors));
      for (auto& e : errors) doc.add_error(e.span, std::move(e.message));
      break;
    }
    default:
      break;
  }
}

}  // namespace infralint
