#pragma once
// Running policies on a text without the Registry, for the policy tests.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.hpp"

namespace infralint::testing {

// One finding as the tests compare it: "line:col-line:col rule: message".
std::vector<std::string> run_policies(std::string_view policy_yaml, const std::string& file_name,
                                      const std::string& text);

// The errors of loading `policy_yaml` as "line:col: message".
std::vector<std::string> policy_errors(std::string_view policy_yaml);

}  // namespace infralint::testing

namespace doctest {
// Failed comparisons of finding lists print the lists.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const auto& l : lines) out += "\n  \"" + l + "\"";
    return (out + "}").c_str();
  }
};
}  // namespace doctest
