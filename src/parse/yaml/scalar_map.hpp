#pragma once
#include <string_view>

#include "core/mapped_text.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::yaml {

// The decoded value of a scalar (plain, quoted or block) with every byte mapped back to the
// file, so that an embedded language (PromQL in a rule's `expr`, a Go template in an
// annotation) reports its errors at the right line and column. Bytes that have no literal
// source (a folded line break, an escape sequence) map to the source bytes that produced them.
MappedText map_scalar(std::string_view file, const Node& scalar);

}  // namespace infralint::yaml
