#pragma once
#include <optional>
#include <set>
#include <string>

#include "core/span.hpp"
#include "parse/promql/ast.hpp"

// Which labels the series of a PromQL expression can carry: the label flow through
// aggregations, joins, absent() and label_replace/label_join (pint's alerts/template and
// promql/impossible need it; its users asked for label_replace awareness, pint #568/#1631).
namespace infralint::promql {

// Either every label but `names` (open: a selector may carry any label) or only `names`
// (closed: after `sum by (job)` only `job`). A label outside the set is certainly absent.
struct LabelSet {
  bool open = true;
  std::set<std::string> names;  // open: labels removed; closed: labels that may be present
  // The operation that last removed labels ("`sum by (job)`"), and where: for messages.
  std::string narrowed_by;
  Span narrowed_at;

  bool may_have(const std::string& label) const {
    return open ? names.count(label) == 0 : names.count(label) > 0;
  }
  static LabelSet any() { return {}; }
  static LabelSet none() { return {false, {}, {}, {}}; }
};

// The labels `e`'s result can carry; nullopt when `e` is a scalar or a string (no labels).
std::optional<LabelSet> output_labels(const Expr& e);

// A selector's labels fixed by `=` matchers to a non-empty value (absent() keeps only these).
std::set<std::string> equality_labels(const Expr& selector);

}  // namespace infralint::promql
