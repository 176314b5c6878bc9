#include "model/promql_labels.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace infralint::promql {
namespace {

bool keeps_input_labels(std::string_view aggregation) {
  return aggregation == "topk" || aggregation == "bottomk" || aggregation == "limitk" ||
         aggregation == "limit_ratio";
}

std::string describe_aggregation(const Expr& e) {
  if (!e.has_grouping) return fmt::format("`{}` without `by`", e.aggregation);
  return fmt::format("`{} {} ({})`", e.aggregation, e.without ? "without" : "by",
                     fmt::join(e.grouping, ", "));
}

void narrow(LabelSet& set, std::string by, Span at) {
  set.narrowed_by = std::move(by);
  set.narrowed_at = at;
}

// `set` with `label` possibly present (label_replace's destination, count_values' label).
void add_label(LabelSet& set, const std::string& label) {
  if (set.open) {
    set.names.erase(label);
  } else {
    set.names.insert(label);
  }
}

void remove_label(LabelSet& set, const std::string& label) {
  if (set.open) {
    set.names.insert(label);
  } else {
    set.names.erase(label);
  }
}

std::optional<LabelSet> aggregate_labels(const Expr& e) {
  const Expr* inner = e.child(0);
  std::optional<LabelSet> in = inner ? output_labels(*inner) : std::nullopt;
  if (keeps_input_labels(e.aggregation)) return in;
  LabelSet out;
  if (!e.has_grouping || !e.without) {
    out = LabelSet::none();
    for (const std::string& g : e.grouping)
      if (!in || in->may_have(g)) out.names.insert(g);
  } else {
    out = in.value_or(LabelSet::none());
    for (const std::string& g : e.grouping) remove_label(out, g);
  }
  if (e.aggregation == "count_values" && e.param && e.param->kind == ExprKind::string)
    add_label(out, e.param->text);
  narrow(out, describe_aggregation(e), e.span);
  return out;
}

std::optional<LabelSet> call_labels(const Expr& e) {
  std::string_view name = e.func ? e.func->name : std::string_view();
  if (!e.func || e.func->return_type != ValueType::vector) return std::nullopt;
  if (name == "absent" || name == "absent_over_time") {
    LabelSet out = LabelSet::none();
    const Expr* arg = e.child(0);
    while (arg && (arg->kind == ExprKind::matrix_selector || arg->kind == ExprKind::paren))
      arg = arg->child(0);
    if (arg && arg->kind == ExprKind::vector_selector) out.names = equality_labels(*arg);
    narrow(out, fmt::format("`{}()`", name), e.span);
    return out;
  }
  if (name == "vector" || name == "time" || name == "pi") return LabelSet::none();
  // The first vector argument carries the labels (rate(x[5m]), histogram_quantile(0.9, x)).
  std::optional<LabelSet> out;
  for (const auto& arg : e.children) {
    if (!arg) continue;
    ValueType t = arg->type();
    if (t == ValueType::vector || t == ValueType::matrix) {
      out = output_labels(*arg);
      break;
    }
  }
  if (!out) return LabelSet::none();
  if (name == "histogram_quantile") {
    bool was_open = out->open;
    remove_label(*out, "le");
    if (was_open) narrow(*out, "`histogram_quantile()`", e.span);  // else the aggregation did
  }
  if ((name == "label_replace" || name == "label_join") && e.child(1) &&
      e.child(1)->kind == ExprKind::string)
    add_label(*out, e.child(1)->text);
  return out;
}

std::optional<LabelSet> binary_labels(const Expr& e) {
  const Expr* lhs = e.child(0);
  const Expr* rhs = e.child(1);
  if (!lhs || !rhs) return std::nullopt;
  std::optional<LabelSet> l = output_labels(*lhs), r = output_labels(*rhs);
  if (!l && !r) return std::nullopt;
  if (!l) return r;
  if (!r) return l;
  if (e.op == BinaryOp::lor) {
    if (l->open || r->open) {
      LabelSet out = LabelSet::any();
      for (const LabelSet* side : {&*l, &*r})
        if (side->open)
          for (const std::string& n : side->names)
            if ((side == &*l ? *r : *l).may_have(n) == false) out.names.insert(n);
      return out;
    }
    LabelSet out = *l;
    out.names.insert(r->names.begin(), r->names.end());
    return out;
  }
  if (is_set_operator(e.op)) return l;  // and, unless: the left side's series
  const VectorMatching* m = e.matching ? &*e.matching : nullptr;
  bool many_to_one = m && (m->card == Cardinality::many_to_one || m->card == Cardinality::one_to_many);
  LabelSet out = m && m->card == Cardinality::one_to_many ? *r : *l;
  if (many_to_one) {
    for (const std::string& label : m->include) add_label(out, label);
    return out;
  }
  if (m && m->explicit_labels) {
    if (m->on) {
      LabelSet kept = LabelSet::none();
      for (const std::string& label : m->labels)
        if (out.may_have(label)) kept.names.insert(label);
      narrow(kept, fmt::format("`on({})`", fmt::join(m->labels, ", ")), m->span);
      return kept;
    }
    for (const std::string& label : m->labels) remove_label(out, label);
    narrow(out, fmt::format("`ignoring({})`", fmt::join(m->labels, ", ")), m->span);
  }
  return out;
}

}  // namespace

std::set<std::string> equality_labels(const Expr& selector) {
  std::set<std::string> out;
  for (const Matcher& m : selector.matchers)
    if (m.op == MatchOp::equal && !m.value.empty() && m.name != "__name__") out.insert(m.name);
  return out;
}

std::optional<LabelSet> output_labels(const Expr& e) {
  switch (e.kind) {
    case ExprKind::number:
    case ExprKind::string:
      return std::nullopt;
    case ExprKind::vector_selector:
      return LabelSet::any();
    case ExprKind::matrix_selector:
    case ExprKind::subquery:
    case ExprKind::paren:
    case ExprKind::unary:
      return e.child(0) ? output_labels(*e.child(0)) : std::nullopt;
    case ExprKind::aggregate:
      return aggregate_labels(e);
    case ExprKind::call:
      return call_labels(e);
    case ExprKind::binary:
      return binary_labels(e);
  }
  return std::nullopt;
}

}  // namespace infralint::promql
