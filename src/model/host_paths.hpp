#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace infralint {

// What a host path mounted into a container gives access to. Paths are compared after
// collapsing repeated slashes and dropping trailing ones (`//var/run/docker.sock`, `/etc/`).

// The path with repeated and trailing slashes removed ("/" stays "/").
std::string normalize_host_path(std::string_view path);

// Whether the path is a container runtime's API socket (docker.sock, podman.sock,
// containerd.sock, crio.sock): whoever can write to it controls the runtime, and so the host.
bool is_runtime_socket(std::string_view host_path);

// The sensitive host directory the path is or lies under ("/etc" for "/etc/shadow"; "/" only
// for the root itself), or nullopt.
std::optional<std::string_view> sensitive_host_directory(std::string_view host_path);

}  // namespace infralint
