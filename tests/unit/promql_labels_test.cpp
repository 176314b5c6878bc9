// Label flow through PromQL (model/promql_labels): which labels a result can carry.
#include <doctest/doctest.h>

#include "model/promql_labels.hpp"

using namespace infralint;

namespace {

// "any" (minus "-x" removed labels) for an open set, the labels of a closed one ("" when
// none), "scalar" when the expression carries no labels at all.
std::string labels_of(std::string_view query) {
  auto parsed = promql::parse(query);
  REQUIRE_MESSAGE(parsed.ok(), query);
  auto labels = promql::output_labels(*parsed.expr);
  if (!labels) return "scalar";
  std::string out = labels->open ? "any" : "";
  for (const std::string& name : labels->names) {
    if (!out.empty()) out += ',';
    out += (labels->open ? "-" : "") + name;
  }
  return out;
}

}  // namespace

TEST_CASE("promql labels: selectors, aggregations and functions") {
  CHECK(labels_of("up") == "any");
  CHECK(labels_of("rate(http_requests_total[5m])") == "any");
  CHECK(labels_of("sum(up)") == "");
  CHECK(labels_of("sum by (job, instance) (up)") == "instance,job");
  CHECK(labels_of("sum without (instance) (up)") == "any,-instance");
  CHECK(labels_of("sum by (job) (sum by (instance) (up))") == "");  // job was removed first
  CHECK(labels_of("topk(3, sum by (job) (up))") == "job");          // topk keeps its input's
  CHECK(labels_of("count_values(\"version\", build_info)") == "version");
  CHECK(labels_of("histogram_quantile(0.9, rate(latency_bucket[5m]))") == "any,-le");
  CHECK(labels_of("histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))") == "job");
  CHECK(labels_of("absent(up{job=\"api\", instance=~\"db.*\"})") == "job");
  CHECK(labels_of("vector(1)") == "");
  CHECK(labels_of("1 + 2") == "scalar");
  CHECK(labels_of("label_replace(sum(up), \"owner\", \"x\", \"\", \"\")") == "owner");
  CHECK(labels_of("label_join(sum by (a) (up), \"ab\", \"-\", \"a\", \"b\")") == "a,ab");
}

TEST_CASE("promql labels: binary operators and vector matching") {
  CHECK(labels_of("sum by (job) (a) / 2") == "job");
  CHECK(labels_of("a / on(instance) b") == "instance");
  CHECK(labels_of("a / ignoring(code) b") == "any,-code");
  CHECK(labels_of("sum by (job) (a) / on(job) group_left(team) b") == "job,team");
  CHECK(labels_of("a / on(job) group_right sum by (job) (b)") == "job");
  CHECK(labels_of("sum by (job) (a) and on(job) b") == "job");  // the left side's series
  CHECK(labels_of("sum by (job) (a) or sum by (instance) (b)") == "instance,job");
  CHECK(labels_of("sum by (job) (a) or b") == "any");
  CHECK(labels_of("sum without (x) (a) or sum without (x, y) (b)") == "any,-x");
}

TEST_CASE("promql labels: the narrowing operation is named for messages") {
  auto parsed = promql::parse("histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))");
  REQUIRE(parsed.ok());
  auto labels = promql::output_labels(*parsed.expr);
  REQUIRE(labels);
  CHECK(labels->narrowed_by == "`sum by (le)`");  // not histogram_quantile: sum removed the rest
  CHECK_FALSE(labels->may_have("instance"));
}
