#pragma once
#include <string>

#include "core/document.hpp"
#include "core/span.hpp"

namespace infralint {

// Where a finding is, in terms of the file's structure rather than its lines, so that it
// survives unrelated edits: `services.backend.ports[0]` (compose),
// `Deployment/web spec.template.spec.containers[0].image` (Kubernetes),
// `stage build > RUN#2` (Dockerfile), `http > server > location /api/ > proxy_pass` (nginx).
// Formats without a tree here fall back to the trimmed text of the line.
std::string structural_locator(const Document& doc, Span span);

}  // namespace infralint
