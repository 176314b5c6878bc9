#pragma once
#include <string>
#include <string_view>

namespace infralint {

// A Linux capability as written in compose (`cap_add`, `cap_drop`) or Kubernetes
// (`capabilities.add/drop`), upper-cased and without the `CAP_` prefix, so that `sys_admin`,
// `CAP_SYS_ADMIN` and `SYS_ADMIN` compare equal (the runtimes accept all three).
std::string capability_name(std::string_view written);

// Whether the capability is in the Pod Security Standards' baseline set: Docker's defaults
// minus NET_RAW, the ones a container may add without being considered privileged.
bool in_pss_baseline(std::string_view name);

}  // namespace infralint
