#pragma once
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace infralint {

// Edit distance (insertions, deletions, substitutions, swaps of neighbours), byte-wise.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The same when it is at most `limit`, else limit + 1 (found without finishing the table).
std::size_t edit_distance_at_most(std::string_view a, std::string_view b, std::size_t limit);

// The candidate a misspelt `name` most likely meant: an exact case-insensitive match, else the
// nearest within `max_distance` edits (ties: the first). Nothing when none is close.
std::optional<std::string_view> closest_spelling(std::string_view name,
                                                 const std::vector<std::string_view>& candidates,
                                                 std::size_t max_distance = 2);

}  // namespace infralint
