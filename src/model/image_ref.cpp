#include "model/image_ref.hpp"

#include <cctype>

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

namespace {

bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    bool starts = at == 0 || text[at - 1] == '-' || text[at - 1] == '.' || text[at - 1] == '_';
    std::size_t end = at + word.size();
    bool ends = end == text.size() || text[end] == '-' || text[end] == '.' || text[end] == '_' ||
                std::isdigit(static_cast<unsigned char>(text[end]));
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

ImageFamily image_family(std::string_view image) {
  if (image == "scratch") return ImageFamily::no_shell;
  auto ref = parse_image_ref(image);
  if (!ref) return ImageFamily::unknown;
  std::string_view repo = ref->repository;
  std::string_view name = repo.substr(repo.rfind('/') == std::string_view::npos ? 0 : repo.rfind('/') + 1);
  if (repo.find("distroless") != std::string_view::npos || ref->registry == "cgr.dev")
    return ImageFamily::no_shell;
  if (name == "alpine" || has_word(ref->tag, "alpine")) return ImageFamily::alpine;
  if (name == "debian" || name == "ubuntu") return ImageFamily::debian;
  for (std::string_view release : {"bookworm", "bullseye", "buster", "trixie", "jammy", "noble",
                                   "focal", "slim"})
    if (has_word(ref->tag, release)) return ImageFamily::debian;
  bool official = ref->registry.empty() || ref->registry == "docker.io";
  if (official && (repo == name || repo == "library/" + std::string(name)))
    for (std::string_view debian_based :
         {"node", "python", "ruby", "golang", "php", "openjdk", "nginx", "postgres", "redis",
          "httpd", "rust", "perl", "buildpack-deps", "elixir", "erlang", "gcc", "haproxy"})
      if (name == debian_based) return ImageFamily::debian;
  return ImageFamily::unknown;
}

}  // namespace infralint
