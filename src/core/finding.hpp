#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/edit.hpp"
#include "core/severity.hpp"
#include "core/span.hpp"

namespace infralint {

struct RelatedSpan {
  Span span;
  std::string message;
  // The file the span lies in when it is not the finding's own (stack rules relate files);
  // empty: the finding's document.
  std::string path;
  bool operator==(const RelatedSpan&) const = default;
};

// One problem found in one document. `rule_id` views the rule's static metadata.
struct Finding {
  std::string_view rule_id;
  Severity severity = Severity::warning;
  std::string message;
  Span span;
  std::vector<RelatedSpan> related;
  std::optional<Fix> fix;
  // Set only when suppressed findings are kept (`--include-suppressed`): the suppressing
  // comment's text, reported as the justification. Suppressed findings never fail a run.
  std::optional<std::string> suppressed_by;
  bool operator==(const Finding&) const = default;
};

}  // namespace infralint
