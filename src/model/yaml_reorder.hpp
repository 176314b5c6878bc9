#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/edit.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {

// Reorders the entries of a block mapping or block sequence as whole lines: each entry moves
// with the comment lines directly above it and the comment at the end of its last line; blank
// lines between entries stay where they are. `order[i]` is the index of the entry to put at
// position i. Nullopt when the collection is a flow collection, holds merged pairs, anchors or
// aliases (moving them could put an alias before its anchor), or shares a line with other text.
std::optional<Edit> reorder_block_entries(std::string_view text, const yaml::Stream& stream,
                                          const yaml::Node& collection,
                                          const std::vector<std::size_t>& order);

}  // namespace infralint
