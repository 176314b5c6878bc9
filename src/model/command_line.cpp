#include "model/command_line.hpp"

namespace infralint {

bool has_option(const shell::Command& cmd, std::initializer_list<std::string_view> long_names,
                std::string_view short_letters) {
  for (const shell::Word& w : cmd.args) {
    std::string_view a = w.value;
    if (a == "--") break;
    if (a.starts_with("--")) {
      std::string_view name = a.substr(2, a.find('=') == std::string_view::npos
                                              ? std::string_view::npos
                                              : a.find('=') - 2);
      for (std::string_view n : long_names)
        if (name == n) return true;
    } else if (a.size() > 1 && a[0] == '-') {
      for (char c : a.substr(1))
        if (short_letters.find(c) != std::string_view::npos) return true;
    }
  }
  return false;
}

const shell::Word* first_operand(const shell::Command& cmd, std::string_view value_options) {
  bool skip_next = false;
  for (const shell::Word& w : cmd.args) {
    std::string_view a = w.value;
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (a.size() == 2 && a[0] == '-' && value_options.find(a[1]) != std::string_view::npos) {
      skip_next = true;
      continue;
    }
    if (!a.starts_with("-")) return &w;
  }
  return nullptr;
}

int short_option_count(const shell::Command& cmd, char letter) {
  int n = 0;
  for (const shell::Word& w : cmd.args) {
    std::string_view a = w.value;
    if (a.size() > 1 && a[0] == '-' && a[1] != '-')
      for (char c : a.substr(1)) n += c == letter;
  }
  return n;
}

}  // namespace infralint
