#include "policy/views.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/container_rule.hpp"
#include "engine/prometheus_rule.hpp"
#include "model/entities.hpp"
#include "model/yaml_values.hpp"
#include "policy/entity_fields.hpp"
#include "policy/paths.hpp"

namespace infralint::policy {
namespace {

// What to underline for a sequence item: a mapping's `name`, else its first key; else itself.
Span item_span(const yaml::Node& item) {
  if (!item.is_mapping() || item.pairs.empty()) return item.span;
  if (const yaml::Node* name = item.get("name"); name && name->is_scalar()) return name->span;
  return item.pairs.front().key->span;
}

Cursor yaml_cursor(const yaml::Node& node, Span key_span, std::string path) {
  Cursor c;
  c.mode = Cursor::Mode::yaml;
  c.node = &node;
  c.span = node.span.empty() ? key_span : node.span;
  c.key_span = key_span;
  c.path = std::move(path);
  return c;
}

Cursor field_cursor(const Field& field, std::string path) {
  Cursor c;
  c.mode = Cursor::Mode::field;
  c.field = &field;
  c.span = field.span;
  c.key_span = field.key_span;
  c.path = std::move(path);
  return c;
}

Cursor directive_cursor(const nginx::Directive& d, nginx::Context context,
                        std::shared_ptr<const NginxChain> chain, std::string path,
                        const WalkContext& walk) {
  Cursor c;
  c.mode = Cursor::Mode::directive;
  c.directive = &d;
  c.context = context;
  c.chain = std::move(chain);
  c.span = c.key_span = d.file ? walk.anchor : d.name_span;
  c.path = std::move(path);
  return c;
}

Cursor missing_after(const Cursor& from, std::string path) {
  Cursor c;
  c.mode = Cursor::Mode::missing;
  c.span = c.key_span = from.missing() ? from.span : from.key_span;
  c.path = std::move(path);
  return c;
}

std::string step_path(const std::string& path, const PathStep& step) {
  switch (step.type) {
    case PathStep::Type::key:
      return append_key(path, step.key);
    case PathStep::Type::index:
      return append_index(path, step.index);
    case PathStep::Type::every:
      return path + "[*]";
  }
  return path;
}

void step_yaml(const Cursor& from, const PathStep& step, std::vector<Cursor>& out) {
  const yaml::Node& node = *from.node;
  if (step.type == PathStep::Type::key) {
    if (node.is_mapping())
      if (const yaml::Pair* p = node.pair(step.key))
        return out.push_back(yaml_cursor(*p->value, p->key->span, append_key(from.path, step.key)));
  } else if (step.type == PathStep::Type::index) {
    if (node.is_sequence() && step.index < node.items.size()) {
      const yaml::Node& item = *node.items[step.index];
      return out.push_back(yaml_cursor(item, item_span(item), append_index(from.path, step.index)));
    }
  } else {
    if (node.is_sequence())
      for (std::size_t i = 0; i < node.items.size(); ++i)
        out.push_back(
            yaml_cursor(*node.items[i], item_span(*node.items[i]), append_index(from.path, i)));
    if (node.is_mapping())
      for (const yaml::Pair& p : node.pairs)
        out.push_back(yaml_cursor(*p.value, p.key->span, append_key(from.path, p.key->value)));
    return;
  }
  out.push_back(missing_after(from, step_path(from.path, step)));
}

void step_field(const Cursor& from, const PathStep& step, std::vector<Cursor>& out) {
  const Field& field = *from.field;
  if (step.type == PathStep::Type::key) {
    for (const auto& [name, child] : field.fields)
      if (name == step.key) return out.push_back(field_cursor(child, append_key(from.path, name)));
  } else if (step.type == PathStep::Type::index) {
    if (step.index < field.items.size())
      return out.push_back(
          field_cursor(field.items[step.index], append_index(from.path, step.index)));
  } else {
    for (std::size_t i = 0; i < field.items.size(); ++i)
      out.push_back(field_cursor(field.items[i], append_index(from.path, i)));
    for (const auto& [name, child] : field.fields)
      out.push_back(field_cursor(child, append_key(from.path, name)));
    return;
  }
  out.push_back(missing_after(from, step_path(from.path, step)));
}

Cursor arg_cursor(const Cursor& directive, std::size_t i, const WalkContext& walk) {
  Cursor c;
  c.mode = Cursor::Mode::arg;
  c.arg = &directive.directive->args[i];
  c.span = c.key_span = directive.directive->file ? walk.anchor : c.arg->span;
  c.path = append_index(directive.path, i);
  return c;
}

// A directive's `name`, `args`, `context`, `parent` and `children.<name>`.
void step_nginx(const Cursor& from, const PathStep& step, const WalkContext& walk,
                std::vector<Cursor>& out) {
  const nginx::Directive& d = *from.directive;
  if (from.mode == Cursor::Mode::args) {
    if (step.type == PathStep::Type::index && step.index < d.args.size())
      return out.push_back(arg_cursor(from, step.index, walk));
    if (step.type == PathStep::Type::every) {
      for (std::size_t i = 0; i < d.args.size(); ++i) out.push_back(arg_cursor(from, i, walk));
      return;
    }
    return out.push_back(missing_after(from, step_path(from.path, step)));
  }
  if (from.mode == Cursor::Mode::children) {
    if (!walk.nginx) return;
    auto chain = std::make_shared<NginxChain>(*from.chain);
    chain->emplace_back(&d, from.context);
    nginx::Context inner = nginx::child_context(from.context, d);
    std::size_t n = 0;
    for (const nginx::Directive* child : nginx::children_of(*walk.nginx, &d))
      if (step.type == PathStep::Type::every || child->name == step.key)
        out.push_back(
            directive_cursor(*child, inner, chain, append_key(from.path, child->name), walk)),
            ++n;
    if (n == 0 && step.type == PathStep::Type::key)
      out.push_back(missing_after(from, step_path(from.path, step)));
    return;
  }
  if (step.type != PathStep::Type::key)
    return out.push_back(missing_after(from, step_path(from.path, step)));
  std::string path = append_key(from.path, step.key);
  Cursor c = from;
  c.path = path;
  if (step.key == "name") {
    c.mode = Cursor::Mode::arg;  // a single value: the name
    c.arg = nullptr;
    return out.push_back(c);
  }
  if (step.key == "context") {
    c.mode = Cursor::Mode::field;
    c.field = nullptr;
    return out.push_back(c);
  }
  if (step.key == "args") {
    c.mode = Cursor::Mode::args;
    if (!d.args.empty() && !d.file) c.span = d.args.front().span.cover(d.args.back().span);
    return out.push_back(c);
  }
  if (step.key == "children" && d.block) {
    c.mode = Cursor::Mode::children;
    return out.push_back(c);
  }
  if (step.key == "parent" && from.chain && !from.chain->empty()) {
    auto chain = std::make_shared<NginxChain>(from.chain->begin(), from.chain->end() - 1);
    auto [parent, context] = from.chain->back();
    return out.push_back(directive_cursor(*parent, context, chain, path, walk));
  }
  out.push_back(missing_after(from, path));
}

std::string context_name(nginx::Context c) {
  switch (c) {
    case nginx::Context::if_in_server:
    case nginx::Context::if_in_location:
      return "if";
    case nginx::Context::mail_server:
      return "mail";
    case nginx::Context::stream_server:
    case nginx::Context::stream_upstream:
      return "stream";
    default:
      return std::string(nginx::to_string(c));
  }
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

bool wanted(const std::vector<Kind>& formats, Kind kind) {
  return formats.empty() || std::find(formats.begin(), formats.end(), kind) != formats.end();
}

void kubernetes_objects(const yaml::Node* object, const Target& target, int depth,
                        const std::function<void(const yaml::Node&)>& visit) {
  if (!object || !object->is_mapping() || depth > 4) return;
  std::string kind = scalar_text(object->get("kind")).value_or("");
  if (kind.ends_with("List"))
    if (const yaml::Node* items = object->get("items"); items && items->is_sequence()) {
      for (const yaml::Node* item : items->items)
        kubernetes_objects(item, target, depth + 1, visit);
      if (target.kinds.empty()) return;  // a List is matched only when named
    }
  if (!listed(target.kinds, kind)) return;
  if (!listed(target.api_versions, scalar_text(object->get("apiVersion")).value_or(""))) return;
  if (!listed(target.names, scalar_text(at_path(object, {"metadata", "name"})).value_or("")))
    return;
  visit(*object);
}

// The object's anchor when a path is missing from its root: its `kind`, else its first key.
Span root_anchor(const yaml::Node& node, std::string_view preferred) {
  if (const yaml::Pair* p = node.pair(preferred)) return p->key->span;
  return node.is_mapping() && !node.pairs.empty() ? node.pairs.front().key->span : node.span;
}

}  // namespace

std::optional<std::string> Cursor::text() const {
  switch (mode) {
    case Mode::yaml:
      if (node->is_scalar()) return node->value;
      return std::nullopt;
    case Mode::field:
      if (!field) return context_name(context);
      if (field->has_text) return field->text;
      return std::nullopt;
    case Mode::arg:
      return arg ? arg->value : std::string(directive->name);
    default:
      return std::nullopt;
  }
}

Literal::Type Cursor::type() const {
  if (mode == Mode::yaml && node->is_scalar()) {
    switch (node->type) {
      case yaml::ScalarType::integer:
      case yaml::ScalarType::floating:
        return Literal::Type::number;
      case yaml::ScalarType::boolean:
        return Literal::Type::boolean;
      case yaml::ScalarType::null:
        return Literal::Type::null;
      case yaml::ScalarType::string:
        return Literal::Type::string;
    }
  }
  if (mode == Mode::field && field) return field->type;
  return Literal::Type::string;
}

std::string_view Cursor::shape() const {
  switch (mode) {
    case Mode::yaml:
      return node->is_mapping() ? "a mapping" : node->is_sequence() ? "a list" : "a value";
    case Mode::field:
      return field && field->sequence    ? "a list"
             : field && !field->has_text ? "a mapping"
                                         : "a value";
    case Mode::directive:
      return "a directive";
    case Mode::args:
      return "a list of arguments";
    case Mode::children:
      return "a block";
    case Mode::arg:
      return "a value";
    case Mode::missing:
      return "missing";
  }
  return "a value";
}

std::vector<Cursor> resolve(const Cursor& from, const Path& path, const WalkContext& context) {
  std::vector<Cursor> frontier{from};
  for (const PathStep& step : path.steps) {
    std::vector<Cursor> next;
    for (const Cursor& c : frontier) {
      switch (c.mode) {
        case Cursor::Mode::missing:
          // Every item of nothing is nothing: a condition through `[*]` then holds vacuously.
          if (step.type != PathStep::Type::every)
            next.push_back(missing_after(c, step_path(c.path, step)));
          break;
        case Cursor::Mode::yaml:
          step_yaml(c, step, next);
          break;
        case Cursor::Mode::field:
          if (c.field)
            step_field(c, step, next);
          else
            next.push_back(missing_after(c, step_path(c.path, step)));
          break;
        case Cursor::Mode::arg:
          next.push_back(missing_after(c, step_path(c.path, step)));
          break;
        case Cursor::Mode::directive:
        case Cursor::Mode::args:
        case Cursor::Mode::children:
          step_nginx(c, step, context, next);
          break;
      }
    }
    frontier = std::move(next);
  }
  return frontier;
}

void for_each_object(const Document& doc, const Target& target, const WalkContext& base,
                     const std::function<void(const MatchedObject&, const WalkContext&)>& visit) {
  const auto* stream = doc.tree<yaml::Stream>();
  const auto* model = doc.model<Model>();
  auto yaml_object = [&](const yaml::Node& node, Span anchor, std::string description) {
    MatchedObject object{yaml_cursor(node, anchor, ""), std::move(description)};
    object.root.span = anchor;
    WalkContext context = base;
    context.anchor = anchor;
    visit(object, context);
  };
  switch (target.type) {
    case TargetType::document:
      if (!stream || !wanted(target.formats, doc.kind())) return;
      for (const auto& d : stream->documents)
        if (d.root) yaml_object(*d.root, root_anchor(*d.root, ""), "the document");
      return;
    case TargetType::kubernetes:
      if (!stream || doc.kind() != Kind::kubernetes) return;
      for (const auto& d : stream->documents)
        kubernetes_objects(d.root, target, 0, [&](const yaml::Node& object) {
          std::string kind = scalar_text(object.get("kind")).value_or("object");
          std::string name = scalar_text(at_path(&object, {"metadata", "name"})).value_or("");
          yaml_object(object, root_anchor(object, "kind"), name.empty() ? kind : kind + "/" + name);
        });
      return;
    case TargetType::compose_service: {
      if (!stream || doc.kind() != Kind::compose) return;
      for (const auto& d : stream->documents) {
        const yaml::Node* services = d.root ? at_path(d.root, {"services"}) : nullptr;
        if (!services || !services->is_mapping()) continue;
        for (const yaml::Pair& p : services->pairs)
          if (listed(target.names, p.key->value))
            yaml_object(*p.value, p.key->span, fmt::format("service `{}`", p.key->value));
      }
      return;
    }
    case TargetType::container:
      if (!model || !wanted(target.formats, doc.kind())) return;
      for (const Container& c : model->containers) {
        if (!listed(target.names, c.name)) continue;
        Field fields = container_fields(doc, c);
        WalkContext context = base;
        context.anchor = c.span;
        visit(MatchedObject{field_cursor(fields, ""), describe(c)}, context);
      }
      return;
    case TargetType::image:
      if (!model || !wanted(target.formats, doc.kind())) return;
      for (const Image& image : model->images) {
        bool built = std::any_of(
            model->containers.begin(), model->containers.end(), [&](const Container& c) {
              return c.has_build && c.image.present() && c.image.span == image.span;
            });
        Field fields = image_fields(doc, image, built);
        WalkContext context = base;
        context.anchor = image.span;
        visit(MatchedObject{field_cursor(fields, ""),
                            fmt::format("image `{}` ({})", image.reference, image.used_by)},
              context);
      }
      return;
    case TargetType::nginx_directive: {
      const auto* config = doc.tree<nginx::Config>();
      if (!config) return;
      WalkContext context = base;
      context.nginx = config;
      nginx::Context root = nginx::file_context(doc, *config);
      nginx::walk(*config, root, [&](const nginx::Visit& v) {
        if (!v.in_document() || !listed(target.names, v.directive.name)) return;
        if (!listed(target.contexts, context_name(v.context))) return;
        // The contexts of the blocks around it, outermost first.
        auto chain = std::make_shared<NginxChain>();
        nginx::Context c = root;
        for (const nginx::Directive* parent : v.parents) {
          chain->emplace_back(parent, c);
          c = nginx::child_context(c, *parent);
        }
        context.anchor = v.directive.name_span;
        visit(MatchedObject{directive_cursor(v.directive, v.context, chain, "", context),
                            fmt::format("`{}`", v.directive.name)},
              context);
      });
      return;
    }
    case TargetType::prometheus_rule: {
      const PrometheusModel* prometheus = prometheus_model(doc);
      if (!prometheus) return;
      for (const PrometheusRule& r : prometheus->rules) {
        if (!r.node || r.type == PrometheusRule::Type::invalid) continue;
        if (target.alerting && *target.alerting != r.alerting()) continue;
        if (!listed(target.names, r.name)) continue;
        Span anchor = r.name_span.empty() ? root_anchor(*r.node, "") : r.name_span;
        if (const yaml::Pair* p = r.node->pair(r.alerting() ? "alert" : "record"))
          anchor = p->key->span;
        yaml_object(*r.node, anchor,
                    fmt::format("{} `{}`", r.alerting() ? "alert" : "recording rule", r.name));
      }
      return;
    }
    case TargetType::scrape_job: {
      const PrometheusModel* prometheus = prometheus_model(doc);
      if (!prometheus) return;
      for (const ScrapeJob& job : prometheus->scrape_jobs)
        if (job.node && listed(target.names, job.name))
          yaml_object(*job.node, root_anchor(*job.node, "job_name"),
                      fmt::format("scrape job `{}`", job.name));
      return;
    }
  }
}

std::vector<Kind> kinds_of(const Target& target) {
  auto or_all = [&](std::vector<Kind> all) {
    return target.formats.empty() ? all : target.formats;
  };
  switch (target.type) {
    case TargetType::document:
      return or_all(
          {Kind::compose, Kind::kubernetes, Kind::prometheus_rules, Kind::prometheus_config});
    case TargetType::kubernetes:
      return {Kind::kubernetes};
    case TargetType::compose_service:
      return {Kind::compose};
    case TargetType::container:
      return or_all({Kind::dockerfile, Kind::compose, Kind::kubernetes, Kind::railway});
    case TargetType::image:
      return or_all({Kind::dockerfile, Kind::compose, Kind::kubernetes});
    case TargetType::nginx_directive:
      return {Kind::nginx};
    case TargetType::prometheus_rule:
      return {Kind::prometheus_rules, Kind::kubernetes};
    case TargetType::scrape_job:
      return {Kind::prometheus_config};
  }
  return {};
}

}  // namespace infralint::policy
