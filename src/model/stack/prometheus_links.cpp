#include "model/stack/prometheus_links.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "core/spelling.hpp"

namespace infralint::stack {

void link_recording_rules(Stack& s) {
  struct Recorded {
    std::unordered_map<std::string, End> by_name;
    std::vector<std::string> names;
  };
  std::unordered_map<std::string, Recorded> scopes;
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    Recorded& scope = scopes[s.scopes[i]];
    for (const NamedRef& r : s.documents[i].facts.recording_rules)
      if (scope.by_name.emplace(r.name, End{i, r.span, fmt::format("recording rule `{}`", r.name)})
              .second)
        scope.names.push_back(r.name);
  }
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    const Recorded& scope = scopes[s.scopes[i]];
    if (scope.names.empty()) continue;
    for (const NamedRef& use : s.documents[i].facts.recorded_metrics) {
      Edge e;
      e.kind = EdgeKind::recorded_by;
      e.from = {i, use.span, fmt::format("rule `{}`", use.owner)};
      e.name = use.name;
      e.directive = use.owner;
      if (auto it = scope.by_name.find(use.name); it != scope.by_name.end()) {
        e.to = it->second;
      } else {
        e.problem = Problem::undefined;
        std::vector<std::string_view> views(scope.names.begin(), scope.names.end());
        if (auto best = closest_spelling(use.name, views, 3)) {
          e.suggestion = std::string(*best);
          e.suggestion_at = scope.by_name.at(e.suggestion);
        }
      }
      s.edges.push_back(std::move(e));
    }
  }
}

std::optional<IntervalSource> scrape_interval_for(const Stack& s, std::size_t doc,
                                                  const std::string& job) {
  std::optional<IntervalSource> found;
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    if (s.scopes[i] != s.scopes[doc]) continue;
    const auto& intervals = s.documents[i].facts.scrape_intervals;
    if (intervals.empty()) continue;  // not a prometheus.yml
    const ScrapeInterval* pick = &intervals.front();  // the global interval
    if (!job.empty()) {
      pick = nullptr;
      for (const ScrapeInterval& si : intervals)
        if (si.job == job) pick = &si;
      if (!pick) continue;  // another configuration may scrape it
    }
    IntervalSource source{pick->ms, std::nullopt, pick->job};
    if (!pick->span.empty())
      source.at = End{i, pick->span,
                      pick->job.empty() ? std::string("global scrape_interval")
                                        : fmt::format("scrape_interval of job `{}`", pick->job)};
    if (found && found->ms != source.ms) return std::nullopt;  // configurations disagree
    if (!found) found = std::move(source);
  }
  return found;
}

}  // namespace infralint::stack
