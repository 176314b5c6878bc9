#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

// Wording shared by the Markdown and HTML forms of an audit report.
namespace infralint::audit {

inline constexpr std::string_view kStatusLegend =
    "Status: **fail**, a finding of one of the control's rules; **pass**, its rules ran on the "
    "files it applies to and found nothing (for a partial control, only the part infralint can "
    "see); **not applicable**, nothing it applies to was linted; **not checked**, no rule of it "
    "ran (not selected, none exists, the files did not parse, or it cannot be judged from "
    "files). Not checked never counts as pass.";

std::string git_text(const nlohmann::ordered_json& provenance);
std::string entities_text(const nlohmann::ordered_json& entities);
std::string counts_text(const nlohmann::ordered_json& counts);
std::string join_strings(const nlohmann::ordered_json& list);
// "F1, F2 (+3 more); 1 waived", or the rules that would check it when none ran.
std::string control_findings_text(const nlohmann::ordered_json& control);
std::string waiver_state(const nlohmann::ordered_json& waiver);
// The excerpt's lines with line numbers, each followed by carets under the marked part.
std::string excerpt_frame(const nlohmann::ordered_json& excerpt);
// Code points in a UTF-8 prefix (for caret columns).
std::size_t code_points(std::string_view s);

}  // namespace infralint::audit
