#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infralint::policy {

// The name among `known` that `name` most likely misspells (a few edits away, or the same but
// for case); nullopt when none is close.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& known);

}  // namespace infralint::policy
