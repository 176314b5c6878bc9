#include "model/image_ref.hpp"

namespace infralint {

std::optional<ImageRef> parse_image_ref(std::string_view ref) {
  if (ref.empty() || ref.find_first_of(" \t\n") != std::string_view::npos) return std::nullopt;
  ImageRef out;
  if (auto at = ref.find('@'); at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    ref = ref.substr(0, at);
    if (out.digest.empty()) return std::nullopt;
  }
  auto slash = ref.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = ref.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      out.registry = std::string(first);
      ref = ref.substr(slash + 1);
    }
  }
  auto last_slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    out.tag = std::string(ref.substr(colon + 1));
    ref = ref.substr(0, colon);
    if (out.tag.empty()) return std::nullopt;
  }
  if (ref.empty()) return std::nullopt;
  out.repository = std::string(ref);
  return out;
}

}  // namespace infralint
