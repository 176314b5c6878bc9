#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace infralint {

// A container image reference: [registry/]repository[:tag][@digest].
struct ImageRef {
  std::string registry;  // empty for Docker Hub
  std::string repository;
  std::string tag;     // empty when absent
  std::string digest;  // "sha256:…", empty when absent

  bool has_tag() const { return !tag.empty(); }
  bool has_digest() const { return !digest.empty(); }
};

// Parses a reference the way Docker's reference grammar splits it (the first path component
// is a registry when it has a '.' or ':' or is "localhost"). Returns nullopt for an empty or
// malformed reference.
std::optional<ImageRef> parse_image_ref(std::string_view ref);

// The distribution an image is built on, as far as its name tells: what a fix may run in it.
enum class ImageFamily { alpine, debian, no_shell, unknown };
// `alpine`, `*-alpine` tags → alpine; debian, ubuntu, Debian release or `-slim` tags and the
// Debian-based official images (node, python, nginx, …) → debian; scratch, distroless and
// Chainguard images → no_shell; anything else unknown.
ImageFamily image_family(std::string_view image);

}  // namespace infralint
