#pragma once
#include <string>
#include <vector>

#include "policy/language.hpp"
#include "policy/views.hpp"

namespace infralint::policy {

// Why a condition holds or fails at one place: the value, its path, and a sentence.
struct Evidence {
  Span span;
  std::string value;  // empty when missing
  std::string path;
  std::string reason;  // "`metadata.labels.team` is missing"
};

// Whether a condition holds, with the places that decide it: where it fails when it fails,
// where it holds when it holds (so that `not` can point at them).
struct Outcome {
  bool holds = true;
  std::vector<Evidence> evidence;
};

Outcome evaluate(const Condition& condition, const Cursor& at, const WalkContext& context);

// The policy's message for one violation: `{{ path }}` is the first value at that path of the
// object, `{{ $value }}`, `{{ $path }}`, `{{ $reason }}` and `{{ $object }}` the violation's.
std::string render_message(const Policy& policy, const MatchedObject& object,
                           const WalkContext& context, const Evidence& evidence);

}  // namespace infralint::policy
