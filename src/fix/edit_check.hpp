#pragma once
#include <string_view>
#include <vector>

#include "core/span.hpp"

namespace infralint {

// Whether `after` is `before` with only the bytes inside `spans` replaced: the text between the
// (merged) spans appears in `after` unchanged and in order. The fix invariant "no byte changes
// outside the reported edits", checked by the tests and the pipeline fuzzer.
bool changes_within(std::string_view before, std::string_view after, std::vector<Span> spans);

}  // namespace infralint
