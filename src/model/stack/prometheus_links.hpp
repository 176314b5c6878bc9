#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/stack/stack.hpp"

namespace infralint::stack {

// Links each `level:metric:operation` series a rule reads to the recording rule of the same
// scope that records it (`recorded-by`); a series no recording rule records is a broken edge,
// judged only in scopes that define recording rules (else they all live elsewhere).
void link_recording_rules(Stack& stack);

// A well-known exporter, known by its metrics' prefix; a scrape job provides it when the job's
// name or one of its targets contains one of its keywords.
struct Exporter {
  std::string_view name;  // "cAdvisor"
  std::vector<std::string_view> prefixes;
  std::vector<std::string_view> keywords;
};
// The exporter a metric comes from, or null (application metrics have no known source).
const Exporter* exporter_of(std::string_view metric);

// Links the series a rule reads without naming a job to the scrape job they rely on
// (`alert-job` edges), in scopes holding a prometheus.yml: an exporter's series to a job that
// scrapes that exporter (none: a broken edge, Problem::unscraped); the application's own
// series to the one job that scrapes no known exporter, when there is exactly one.
void link_jobless_metrics(Stack& stack);

// The scrape interval a rule's rate range is judged against: the job's when the selector names
// a scrape job of the scope's prometheus.yml, else the global one. The prometheus.yml files are
// indexed by scope once, so a lookup costs the files of its own scope only.
struct IntervalSource {
  std::int64_t ms = 0;
  std::optional<End> at;  // where it is written (none: Prometheus' default)
  std::string job;        // empty: the global interval
};
class ScrapeIntervals {
 public:
  explicit ScrapeIntervals(const Stack& stack);
  // nullopt when the scope has no prometheus.yml, its files disagree, or the job is unknown.
  std::optional<IntervalSource> for_rule(std::size_t doc, const std::string& job) const;

 private:
  const Stack& s_;
  std::unordered_map<std::string, std::vector<std::size_t>> configs_;  // scope → prometheus.yml
};

}  // namespace infralint::stack
