#include "model/nginx_inheritance.hpp"

#include <algorithm>
#include <cctype>

namespace infralint::nginx {
namespace {

std::vector<const Directive*> named(const Config& config, const Directive* block,
                                    std::string_view name) {
  std::vector<const Directive*> out;
  for (const Directive* d : children_of(config, block))
    if (d->name == name && !d->block) out.push_back(d);
  return out;
}

bool merges(const Config& config, const Directive* block) {
  for (const Directive* d : children_of(config, block))
    if (d->is("add_header_inherit") && !d->args.empty() && d->args[0].value == "merge") return true;
  return false;
}

}  // namespace

const std::vector<const Directive*>& NamedIndex::named(const Directive* block,
                                                       std::string_view name) {
  auto key = std::make_pair(block, std::string(name));
  auto it = cache_.find(key);
  if (it == cache_.end())
    it = cache_.emplace(key, infralint::nginx::named(config_, block, name)).first;
  return it->second;
}

std::string header_key(const Directive& d) {
  std::string key = d.args.empty() ? std::string() : d.args[0].value;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::vector<const Directive*> effective(const Config& config,
                                        const std::vector<const Directive*>& parents,
                                        const Directive* block, std::string_view name,
                                        NamedIndex* index) {
  auto lookup = [&](const Directive* b) {
    return index ? index->named(b, name) : named(config, b, name);
  };
  auto own = lookup(block);
  if (!own.empty() || !block) return own;
  for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
    auto at = lookup(*it);
    if (!at.empty()) return at;
  }
  return lookup(nullptr);
}

std::vector<Redefinition> redefinitions(const Config& config, Context root, std::string_view name) {
  std::vector<Redefinition> out;
  NamedIndex index(config);
  walk(config, root, [&](const Visit& v) {
    const Directive& b = v.directive;
    if (!b.block || !v.in_document() || v.context == Context::opaque) return;
    Context inside = child_context(v.context, b);
    if (inside != Context::server && inside != Context::location &&
        inside != Context::if_in_location && inside != Context::if_in_server &&
        inside != Context::http && inside != Context::limit_except)
      return;
    const auto& own = index.named(&b, name);
    if (own.empty() || (name == "add_header" && merges(config, &b))) return;
    // The nearest enclosing level that sets any: that is what this block would have inherited.
    const Directive* parent = nullptr;
    std::vector<const Directive*> inherited;
    for (auto it = v.parents.rbegin(); it != v.parents.rend() && inherited.empty(); ++it) {
      inherited = index.named(*it, name);
      parent = *it;
    }
    if (inherited.empty()) {
      inherited = index.named(nullptr, name);
      parent = nullptr;
    }
    Redefinition r{&b, own, parent, {}};
    for (const Directive* d : inherited) {
      std::string key = header_key(*d);
      bool again = std::any_of(own.begin(), own.end(),
                               [&](const Directive* o) { return header_key(*o) == key; });
      if (!again) r.lost.push_back(d);
    }
    if (!r.lost.empty()) out.push_back(std::move(r));
  });
  return out;
}

std::string repeat_before(const Document& doc, const Directive& before,
                          const std::vector<const Directive*>& directives) {
  std::string indent(indentation_at(doc.text(), before.name_span.begin));
  std::string out;
  for (const Directive* d : directives) {
    std::string_view text = source_text(doc, *d);
    Span s = d->span();
    out += text.substr(s.begin, s.size());
    out += '\n';
    out += indent;
  }
  return out;
}

}  // namespace infralint::nginx
