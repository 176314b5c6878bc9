#pragma once
#include <set>

#include "engine/rule.hpp"
#include "model/railway_config.hpp"

namespace infralint {

// Base of rules on a railway.toml / railway.json: called once per document that parsed, with
// its config (base `build`/`deploy` and each environment's override).
class RailwayRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    if (auto config = railway::read_config(doc)) check(doc, *config, sink);
  }

 protected:
  virtual void check(const Document& doc, const railway::Config& config,
                     FindingSink& sink) const = 0;
};

// Reports a span once, when rules judge each view (base, then each environment) and several
// views see the same entry.
class ReportedSpans {
 public:
  bool first_time(Span span) { return seen_.insert({span.begin, span.end}).second; }

 private:
  std::set<std::pair<std::size_t, std::size_t>> seen_;
};

}  // namespace infralint
