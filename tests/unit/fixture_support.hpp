#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace infralint::testing {

std::filesystem::path source_dir();
std::filesystem::path fixtures_dir();
// ../shared next to the repository, when present (the corpus is optional).
std::optional<std::filesystem::path> shared_dir();
std::string read_file(const std::filesystem::path& p);

}  // namespace infralint::testing
