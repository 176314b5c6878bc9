#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/kind.hpp"

namespace infralint::audit {

// How far infralint can judge a control from configuration files.
enum class Coverage { automated, partial, manual };
std::string_view to_string(Coverage c);

// The entities a control is about; a control with none of them in the run is not applicable.
enum class Scope {
  image,       // a Dockerfile stage
  runtime,     // a container run by compose, Kubernetes or Railway
  pod,         // a Kubernetes container (pod template)
  kubernetes,  // any Kubernetes object
  nginx,       // an nginx configuration
  any,         // any linted file
};
std::string_view to_string(Scope s);

struct Control {
  std::string id;
  std::string title;
  Coverage coverage = Coverage::manual;
  std::vector<Scope> scopes;
  std::vector<std::string> rules;  // ids of the rules that check it, sorted
};

// One framework's control table (src/report/audit/controls/<framework>.tsv, embedded).
struct Framework {
  std::string id;         // cis-docker
  std::string name;       // for people
  std::string tag;        // the compliance-reference prefix in rule metadata: CIS-Docker-1.6
  std::string reference;  // where the framework is published
  std::vector<Control> controls;
};

// Parses control tables. A control's rules are those whose compliance references name it
// (`<tag>:<id>`) plus the ones its row lists: rule ids, or `<framework>:<control>` for all the
// rules of a control of an earlier table. Mistakes (unknown rule or control, bad coverage or
// scope) go to `errors` and the item is skipped.
std::vector<Framework> parse_catalogue(const std::vector<std::string_view>& tables,
                                       std::vector<std::string>& errors);

// The embedded tables, parsed once against the rule registry.
const std::vector<Framework>& catalogue();
// The mistakes found while parsing the embedded tables (a test asserts there are none).
const std::vector<std::string>& catalogue_errors();

}  // namespace infralint::audit
