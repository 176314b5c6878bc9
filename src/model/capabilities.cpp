#include "model/capabilities.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace infralint {

std::string capability_name(std::string_view written) {
  std::string name(written);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (name.starts_with("CAP_")) name.erase(0, 4);
  return name;
}

bool in_pss_baseline(std::string_view name) {
  static constexpr std::array<std::string_view, 13> kBaseline{
      "AUDIT_WRITE",      "CHOWN",   "DAC_OVERRIDE", "FOWNER",  "FSETID", "KILL",      "MKNOD",
      "NET_BIND_SERVICE", "SETFCAP", "SETGID",       "SETPCAP", "SETUID", "SYS_CHROOT"};
  return std::find(kBaseline.begin(), kBaseline.end(), name) != kBaseline.end();
}

}  // namespace infralint
