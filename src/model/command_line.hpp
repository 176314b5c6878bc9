#pragma once
#include <initializer_list>
#include <optional>
#include <string_view>

#include "parse/shell/shell.hpp"

namespace infralint {

// Reading a command's arguments the way getopt-style tools do: `-y`, clustered `-qy`, `--yes`,
// `--opt=value`.

// True when the command has one of the long options (without "--", with or without "=value"),
// or one of the short option letters alone or in a cluster (`-qy` has 'y').
bool has_option(const shell::Command& cmd, std::initializer_list<std::string_view> long_names,
                std::string_view short_letters = "");

// The first argument that is not an option: the subcommand of apt-get, apk, pip, npm.
// `value_options` are short options whose value is the next argument (apt-get's `-o X=Y`).
const shell::Word* first_operand(const shell::Command& cmd, std::string_view value_options = "");

// Counts short option `letter` occurrences, for `-qq` (quiet level 2).
int short_option_count(const shell::Command& cmd, char letter);

}  // namespace infralint
