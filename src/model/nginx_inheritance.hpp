#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/nginx_config.hpp"

namespace infralint::nginx {

// nginx's all-or-nothing inheritance of array directives (add_header, proxy_set_header,
// fastcgi_param, ...): a block inherits them from the nearest enclosing level only when it
// sets none of its own.
struct Redefinition {
  const Directive* block = nullptr;    // the block that sets its own (in document)
  std::vector<const Directive*> own;   // its own directives of that name
  const Directive* parent = nullptr;   // the level they are lost from (null: top)
  std::vector<const Directive*> lost;  // inherited ones no longer sent
};

// Directives by name directly inside blocks, computed once per block: rules that ask for every
// location stay linear on configurations with thousands of servers.
class NamedIndex {
 public:
  explicit NamedIndex(const Config& config) : config_(config) {}
  const std::vector<const Directive*>& named(const Directive* block, std::string_view name);

 private:
  const Config& config_;
  std::map<std::pair<const Directive*, std::string>, std::vector<const Directive*>> cache_;
};

// The case-insensitive first argument (a header name), the key two directives share.
std::string header_key(const Directive& d);

// Every block of the document that sets `name` itself and so drops inherited ones whose key it
// does not set again. `add_header_inherit merge` (nginx 1.29.3) turns the drop off.
std::vector<Redefinition> redefinitions(const Config& config, Context root, std::string_view name);

// The directives named `name` in effect in `block` (nullptr: the top level): its own, or the
// nearest enclosing level's. `parents` are the blocks around it, outermost first.
std::vector<const Directive*> effective(const Config& config,
                                        const std::vector<const Directive*>& parents,
                                        const Directive* block, std::string_view name,
                                        NamedIndex* index = nullptr);

// Text to insert before `before` that repeats `directives` (read from their own files), one
// per line at the indentation of `before`.
std::string repeat_before(const Document& doc, const Directive& before,
                          const std::vector<const Directive*>& directives);

}  // namespace infralint::nginx
