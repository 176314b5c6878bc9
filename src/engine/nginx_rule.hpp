#pragma once
#include "engine/rule.hpp"
#include "model/nginx_config.hpp"
#include "parse/nginx/ast.hpp"

namespace infralint {

// Base of rules that read an nginx configuration. `context` is the context the file is
// written for (main for nginx.conf, http or server for conf.d snippets).
class NginxRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    // The model decides the context once per file (weighing every top-level directive
    // against the catalogue was 40 % of an nginx corpus run when each rule did it).
    if (const auto* config = doc.tree<nginx::Config>())
      check(doc, *config, nginx::file_context(doc, *config), sink);
  }

 protected:
  virtual void check(const Document& doc, const nginx::Config& config, nginx::Context context,
                     FindingSink& sink) const = 0;
};

}  // namespace infralint
