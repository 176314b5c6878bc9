#pragma once
#include "core/document.hpp"
#include "model/entities.hpp"
#include "policy/views.hpp"

namespace infralint::policy {

// The fields of a container, as policies name them: `name`, `image` (with `image.registry`,
// `.repository`, `.tag`, `.digest`), `user`, `privileged`, `ports[*].host-port`, `env.NAME`, ...
Field container_fields(const Document& doc, const Container& container);
// The fields of an image reference: `reference`, `registry`, `repository`, `tag`, `digest`,
// `used-by`, `final`, `format`, and `build` (a compose service builds it and `image` names the
// result, so it is not pulled).
Field image_fields(const Document& doc, const Image& image, bool built);

// What the container's format is called in policies (`format:`).
std::string_view format_of(ContainerSource source);

}  // namespace infralint::policy
