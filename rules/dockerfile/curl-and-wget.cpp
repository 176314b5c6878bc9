#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A stage whose RUN instructions use both `curl` and `wget`. Each command of the tool the stage
uses second is reported, pointing at the first use of the other. Installing both packages is
not reported, only running them.

## Why it matters
Both download files; keeping two tools in an image (and two sets of flags in mind) adds size
and attack surface for nothing. Pick one per stage.

## Example
```dockerfile
RUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz
RUN wget -q https://example.com/b.tar.gz
```

## Fixed
```dockerfile
RUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz
RUN curl -fsSLO https://example.com/b.tar.gz
```

There is no automatic fix: the two tools' options differ.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/curl-and-wget",
    .title = "Both curl and wget used in a stage",
    .severity = Severity::warning,
    .categories = {Category::performance},
    .aliases = {"hadolint:DL4001", "trivy:DS-0014", "kics:Run Using 'wget' and 'curl'"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class CurlAndWget final : public DockerfileRule {
 public:
  CurlAndWget() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      std::vector<const shell::Command*> curl, wget;
      for (std::size_t i = stage.first; i < stage.last && i < file.instructions.size(); ++i) {
        const auto& run = file.instructions[i];
        if (run.keyword != dockerfile::Keyword::run) continue;
        for (const auto& script : run.scripts)
          for (const auto& cmd : script.commands) {
            if (!cmd.name.literal) continue;
            if (cmd.name.value == "curl") curl.push_back(&cmd);
            if (cmd.name.value == "wget") wget.push_back(&cmd);
          }
      }
      if (curl.empty() || wget.empty()) continue;
      bool curl_first = curl.front()->span.begin < wget.front()->span.begin;
      const auto& later = curl_first ? wget : curl;
      const shell::Command* first = curl_first ? curl.front() : wget.front();
      std::string_view used = first->name.value, other = later.front()->name.value;
      for (const shell::Command* cmd : later) {
        Finding& f = sink.report(
            cmd->name.span, fmt::format("{} used in a stage that already uses {}; one download "
                                        "tool is enough, use {} here",
                                        other, used, used));
        f.related.push_back({first->name.span, fmt::format("{} first used here", used)});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CurlAndWget);

}  // namespace
}  // namespace infralint
