#pragma once
#include <string_view>

namespace infralint {

// Whether a USER instruction or compose `user:` names root: `root` or `0`, with or without a
// group (`0:0`, `root:staff`).
inline bool is_root_user(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

}  // namespace infralint
