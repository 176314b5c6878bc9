#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"

// Go text/template syntax, as far as template.Parse checks it: actions, pipelines, variables
// and their scopes, control structures, function names. Used for alert labels and annotations,
// which Prometheus parses as templates.
namespace infralint::gotemplate {

struct Environment {
  std::vector<std::string> variables;  // predefined, with '$': "$labels", "$value"
  std::vector<std::string> functions;  // besides Go's builtins
};

// The Prometheus environment of alert templates ($labels, $externalLabels, $externalURL,
// $value; humanize, printf, query, ...).
const Environment& prometheus_alert_environment();

// The actions of `text`: each `{{ ... }}` as the span of what lies between the delimiters,
// trim markers (`{{-`, `-}}`) and surrounding spaces excluded. Text without a closing `}}`
// ends the list (check() reports it).
std::vector<Span> actions(std::string_view text);

// Parse errors, spans local to `text`; empty when it parses.
std::vector<ParseError> check(std::string_view text, const Environment& env);

}  // namespace infralint::gotemplate
