#pragma once
#include "model/stack/stack.hpp"

namespace infralint::stack {

// Links what runs the same service in several files, once builds are linked: health check
// paths (compose healthcheck, Railway healthcheckPath, Kubernetes probes) to the path the image
// or its compose service declares, and Kubernetes container images to the compose service
// image of the same repository.
void link_runtime(Stack& stack);

// "registry.example.com/api" and "1.4.2" from "registry.example.com/api:1.4.2" (Docker Hub's
// `docker.io/` and `library/` dropped; the tag "latest" when none; the digest when pinned).
struct ImageName {
  std::string repository;
  std::string version;
};
ImageName split_image(std::string_view reference);

}  // namespace infralint::stack
