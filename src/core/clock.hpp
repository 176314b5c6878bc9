#pragma once
#include <string>
#include <string_view>

namespace infralint {

// Today's date as YYYY-MM-DD (UTC), for rules that compare against dates (end of life).
// INFRALINT_TODAY=YYYY-MM-DD overrides it, so that tests and reports are reproducible; a
// malformed value is ignored.
// A cached analysis that asked is reused only on the same date (core/consulted.hpp).
std::string today();
// The same, not recorded as a consultation.
std::string current_date();

// True when `date` has the shape YYYY-MM-DD (digits and dashes), so that dates compare as text.
bool is_iso_date(std::string_view date);

}  // namespace infralint
