#pragma once
// Walking the pieces of a text between separators without copying or collecting them: the
// static tables (compose keys; nginx directives, read by the compiler) are split this way.
#include <string_view>

namespace infralint {

// Calls `each` with every piece of `text` between `sep`s (empty pieces included), in order.
template <typename Each>
constexpr void for_each_piece(std::string_view text, char sep, Each each) {
  for (;;) {
    auto at = text.find(sep);
    each(text.substr(0, at));
    if (at == std::string_view::npos) return;
    text.remove_prefix(at + 1);
  }
}

}  // namespace infralint
