#include "engine/stack_rule.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace infralint {
namespace {

bool listed(const std::vector<std::string>* names, std::string_view name) {
  return names && std::find(names->begin(), names->end(), name) != names->end();
}

}  // namespace

Finding& StackSink::report(const stack::End& at, std::string message) {
  Finding f;
  f.rule_id = rule_.id;
  f.severity = rule_.severity;
  f.message = std::move(message);
  f.span = at.span;
  out_[at.doc].push_back(std::move(f));
  return out_[at.doc].back();
}

void StackSink::relate(Finding& f, const stack::End& other, std::string message) const {
  f.related.push_back({other.span, std::move(message), stack_.path(other.doc)});
}

std::string StackSink::suggestion_hint(const stack::Edge& e, std::string_view otherwise) const {
  if (!e.suggestion_at) return std::string(otherwise);
  return fmt::format("; did you mean `{}` ({})?", e.suggestion, stack_.place(*e.suggestion_at));
}

void StackSink::relate_suggestion(Finding& f, const stack::Edge& e, std::string message) const {
  if (e.suggestion_at) relate(f, *e.suggestion_at, std::move(message));
}

bool StackSink::external(std::size_t doc, std::string_view name) const {
  const LintConfig& config = config_(doc);
  return listed(config.options_for(rule_.id).strings("external-services"), name) ||
         listed(config.settings.strings("external-services"), name);
}

bool is_stack_rule(std::string_view rule_id) {
  return dynamic_cast<const StackRule*>(Registry::instance().find(rule_id)) != nullptr;
}

void run_stack_rules(const stack::Stack& stack, std::vector<std::vector<Finding>>& per_document,
                     const StackSink::ConfigFor& config) {
  for (const auto& rule : Registry::instance().rules())
    if (const auto* stack_rule = dynamic_cast<const StackRule*>(rule.get())) {
      StackSink sink(rule->meta(), stack, per_document, config);
      stack_rule->check(stack, sink);
    }
}

}  // namespace infralint
