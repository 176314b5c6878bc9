#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/edit.hpp"
#include "model/entities.hpp"

namespace infralint {

// Hardening steps a rule can ask for without knowing the container's syntax. Each format's
// editor turns them into edits of its own text.
enum class Hardening {
  run_as_non_root,         // compose `user:`, Kubernetes runAsNonRoot/runAsUser, Dockerfile USER
  not_privileged,          // remove privileged / set it false
  no_privilege_escalation,  // compose no-new-privileges, Kubernetes allowPrivilegeEscalation
  drop_all_capabilities,   // cap_drop: [ALL] / capabilities.drop: [ALL]
  read_only_root_filesystem,
};

// The non-root identity fixes give a container: numeric, so it needs no user database and
// works in scratch and distroless images; above 10000, out of the range of host accounts.
inline constexpr std::int64_t kNonRootUid = 10001;

class ContainerEditor {
 public:
  virtual ~ContainerEditor() = default;
  // The edits that apply `step` to `container`, or nullopt when they cannot be made safely
  // (the setting sits behind a YAML alias, the file is too unusual).
  virtual std::optional<std::vector<Edit>> harden(const Document& doc, const Container& container,
                                                  Hardening step) const = 0;
  // Rebinds a published port to one interface (127.0.0.1): compose only.
  virtual std::optional<std::vector<Edit>> bind_port(const Document& doc,
                                                     const Container& container,
                                                     const PortBinding& port,
                                                     const std::string& host_ip) const;
  // Makes a mount read-only (compose `:ro` / `read_only: true`, Kubernetes `readOnly: true`).
  virtual std::optional<std::vector<Edit>> mount_read_only(const Document& doc,
                                                           const Container& container,
                                                           const Mount& mount) const;
};

}  // namespace infralint
