#pragma once
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace infralint {

// The value to put where an array is to be streamed.
inline constexpr std::string_view kStreamedArray = "@@infralint:streamed-array@@";

// Writes `document` exactly as `dump(2)` would, except that the one value equal to
// kStreamedArray is written as an array of `count` items produced one at a time by `item`: a
// report of 100 000 findings never holds them all as JSON values at once.
void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item);

}  // namespace infralint
