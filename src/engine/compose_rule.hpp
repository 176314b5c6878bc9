#pragma once
#include <string>
#include <vector>

#include "engine/rule.hpp"
#include "model/compose_file.hpp"

namespace infralint {

// Base of rules that read a compose file's own structure (what the unified model of containers
// does not carry: top-level resources, references between services, key names): called once per
// YAML document whose root is a mapping.
class ComposeRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream) return;
    for (const yaml::YamlDocument& d : stream->documents)
      if (d.root && d.root->is_mapping()) check(doc, ComposeFile{*stream, *d.root}, sink);
  }

 protected:
  virtual void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const = 0;
};

// For the ordering style rules: when the entries of `collection` (a block mapping or sequence)
// are not in the order of `sort_keys` (one per entry; a stable sort), reports `message` at the
// first entry out of place, with a safe fix sorting them when the text allows it (see
// reorder_block_entries). Returns whether it reported.
bool report_unsorted(const Document& doc, const ComposeFile& file, FindingSink& sink,
                     const yaml::Node& collection, const std::vector<std::string>& sort_keys,
                     const std::string& message);

}  // namespace infralint
