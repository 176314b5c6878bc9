#include "model/stack/prometheus_links.hpp"

#include <fmt/format.h>

#include <cctype>
#include <unordered_map>


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
        e.suggestion = suggest_name(use.name, scope.names);
        if (!e.suggestion.empty()) e.suggestion_at = scope.by_name.at(e.suggestion);
      }
      s.edges.push_back(std::move(e));
    }
  }
}

namespace {

const std::vector<Exporter>& exporters() {
  static const std::vector<Exporter> table{
      {"cAdvisor (the kubelet's /metrics/cadvisor)", {"container_", "machine_"},
       {"cadvisor", "kubelet"}},
      {"node_exporter", {"node_"}, {"node-exporter", "node_exporter", "nodeexporter", "node"}},
      {"kube-state-metrics", {"kube_"}, {"kube-state-metrics", "kube_state_metrics", "ksm"}},
      {"postgres_exporter", {"pg_"}, {"postgres", "pg"}},
      {"mysqld_exporter", {"mysql_"}, {"mysql", "mariadb"}},
      {"redis_exporter", {"redis_"}, {"redis"}},
      {"nginx-prometheus-exporter", {"nginx_"}, {"nginx"}},
      {"blackbox_exporter", {"probe_"}, {"blackbox"}},
  };
  return table;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether `name` (a job name or a target host) names the exporter: contains one of its
// keywords, a short keyword such as "pg" or "node" only as a whole dash/underscore-separated
// word.
bool names_exporter(std::string_view name, const Exporter& exporter) {
  std::string text = lower(name);
  for (std::string_view keyword : exporter.keywords) {
    for (std::size_t at = text.find(keyword); at != std::string::npos;
         at = text.find(keyword, at + 1)) {
      if (keyword.size() > 4) return true;
      auto boundary = [&](std::size_t i) {
        return i >= text.size() || !std::isalnum(static_cast<unsigned char>(text[i]));
      };
      if ((at == 0 || boundary(at - 1)) && boundary(at + keyword.size())) return true;
    }
  }
  return false;
}

}  // namespace

const Exporter* exporter_of(std::string_view metric) {
  for (const Exporter& e : exporters())
    for (std::string_view prefix : e.prefixes)
      if (metric.starts_with(prefix)) return &e;
  return nullptr;
}

void link_jobless_metrics(Stack& s) {
  struct Job {
    std::string name;
    End at;
    const Exporter* exporter = nullptr;  // the exporter it scrapes, by its name or targets
  };
  struct ScopeJobs {
    bool has_config = false;
    std::vector<Job> jobs;
  };
  std::unordered_map<std::string, ScopeJobs> scopes;
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    const DocumentFacts& f = s.documents[i].facts;
    ScopeJobs& scope = scopes[s.scopes[i]];
    scope.has_config = scope.has_config || !f.scrape_intervals.empty();
    for (const NamedRef& ref : f.scrape_jobs) {
      Job job{ref.name, End{i, ref.span, fmt::format("scrape job `{}`", ref.name)}, nullptr};
      for (const Exporter& e : exporters()) {
        bool scraped = names_exporter(ref.name, e);
        for (const ScrapeTarget& t : f.scrape_targets)
          scraped = scraped || (t.job == ref.name && names_exporter(t.target.host, e));
        if (scraped) {
          job.exporter = &e;
          break;
        }
      }
      scope.jobs.push_back(std::move(job));
    }
  }
  for (std::size_t i = 0; i < s.documents.size(); ++i) {
    const ScopeJobs& scope = scopes[s.scopes[i]];
    if (!scope.has_config) continue;
    for (const NamedRef& read : s.documents[i].facts.jobless_metrics) {
      const Exporter* exporter = exporter_of(read.name);
      std::vector<const Job*> candidates;
      for (const Job& job : scope.jobs)
        if (job.exporter == exporter) candidates.push_back(&job);
      // The application's series: only an unambiguous job is a link.
      if (!exporter && candidates.size() != 1) continue;
      Edge e;
      e.kind = EdgeKind::alert_job;
      e.from = {i, read.span, fmt::format("rule `{}`", read.owner)};
      e.name = read.name;
      e.directive = read.owner;
      if (exporter) e.expected = std::string(exporter->name);
      if (candidates.empty()) {
        e.problem = Problem::unscraped;
      } else {
        e.to = candidates.front()->at;
      }
      s.edges.push_back(std::move(e));
    }
  }
}

ScrapeIntervals::ScrapeIntervals(const Stack& stack) : s_(stack) {
  for (std::size_t i = 0; i < s_.documents.size(); ++i)
    if (!s_.documents[i].facts.scrape_intervals.empty()) configs_[s_.scopes[i]].push_back(i);
}

std::optional<IntervalSource> ScrapeIntervals::for_rule(std::size_t doc,
                                                        const std::string& job) const {
  auto configs = configs_.find(s_.scopes[doc]);
  if (configs == configs_.end()) return std::nullopt;
  std::optional<IntervalSource> found;
  for (std::size_t i : configs->second) {
    const auto& intervals = s_.documents[i].facts.scrape_intervals;
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
