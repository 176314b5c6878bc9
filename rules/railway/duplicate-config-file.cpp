#include <fmt/format.h>

#include <filesystem>

#include "core/consulted.hpp"
#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A railway.toml and a railway.json in the same directory (reported on each of them).

## Why it matters
Railway reads one config file per service, and its docs do not say which one wins when both
exist. Half of the settings you see in the repository are not applied, and which half may
change.

## Example
```
backend/railway.toml
backend/railway.json
```

## Fixed
Merge the settings into one of them and delete the other.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "railway/duplicate-config-file",
    .title = "Both railway.toml and railway.json in one directory",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class DuplicateConfigFile final : public RailwayRule {
 public:
  DuplicateConfigFile() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    namespace fs = std::filesystem;
    fs::path self(doc.path());
    if (!consulted::is_regular_file(self)) return;  // standard input
    std::string_view other_name = config.json() ? "railway.toml" : "railway.json";
    fs::path other = self.parent_path() / other_name;
    if (!consulted::is_regular_file(other) ||
        consulted::canonical(self) == consulted::canonical(other))
      return;
    sink.report(doc.lines().line_span(1),
                fmt::format("`{}` is in the same directory: Railway reads only one config file, "
                            "and does not document which; merge them into one file",
                            other_name));
  }
};

INFRALINT_REGISTER_RULE(DuplicateConfigFile);

}  // namespace
}  // namespace infralint
