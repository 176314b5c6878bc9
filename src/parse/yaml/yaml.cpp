#include "parse/yaml/yaml.hpp"

namespace infralint::yaml {

const Pair* Node::pair(std::string_view key) const {
  for (const Pair& p : pairs)
    if (p.key && p.key->is_scalar() && p.key->value == key) return &p;
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Pair* p = pair(key);
  return p ? p->value : nullptr;
}

}  // namespace infralint::yaml
