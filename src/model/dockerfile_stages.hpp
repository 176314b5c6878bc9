#pragma once
#include <cstddef>
#include <vector>

#include "parse/dockerfile/ast.hpp"

namespace infralint {

// The stages whose layers end up in the final image: the last stage and the stages it is
// built FROM, transitively (final stage first).
std::vector<std::size_t> final_image_stages(const dockerfile::File& file);

}  // namespace infralint
