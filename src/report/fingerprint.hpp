#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace infralint {

// `partialFingerprints.primaryLocationLineHash` for every line of `text`, computed exactly as
// GitHub's upload-sarif action does (github/codeql-action, src/fingerprints.ts), so that the
// value we emit matches the one GitHub would compute and alerts keep their identity when lines
// are added above them: a 64-bit rolling hash (multiplier 37) over the next 100 UTF-16 code
// units from the start of the line, spaces and tabs skipped, CR and CRLF read as LF, then
// `hex:n` where n counts earlier lines with the same hash. Index 0 is line 1.
std::vector<std::string> line_fingerprints(std::string_view text);

}  // namespace infralint
