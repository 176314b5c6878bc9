#pragma once
// What policy paths walk: raw YAML (Kubernetes objects, compose services, Prometheus rules),
// the model's entities as small field trees (containers, images), and nginx directives.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "model/nginx_config.hpp"
#include "parse/yaml/yaml.hpp"
#include "policy/language.hpp"

namespace infralint::policy {

// An entity's field, or the entity itself: a value (`text`), fields, items, or several.
struct NamedField;

struct Field {
  std::string text;
  bool has_text = false;
  Literal::Type type = Literal::Type::string;
  bool sequence = false;
  Span span;      // the value in the document
  Span key_span;  // the key that names it, or the value
  std::vector<NamedField> fields;  // a struct, not a pair: pair<string, Field> needs Field complete
  std::vector<Field> items;
};

struct NamedField {
  std::string name;
  Field value;
};

// nginx: the blocks around a directive, outermost first, each with the context it stands in.
using NginxChain = std::vector<std::pair<const nginx::Directive*, nginx::Context>>;

// A place a path reached: a value, or the absence of one.
struct Cursor {
  enum class Mode { yaml, field, directive, args, arg, children, missing };
  Mode mode = Mode::missing;
  const yaml::Node* node = nullptr;
  const Field* field = nullptr;
  const nginx::Directive* directive = nullptr;
  nginx::Context context = nginx::Context::main;
  std::shared_ptr<const NginxChain> chain;
  const nginx::Arg* arg = nullptr;
  Span span;         // the value; for a missing one, the deepest key that exists on the way
  Span key_span;     // the key that leads here
  std::string path;  // concrete, from the object: `spec.containers[1].image`

  bool missing() const { return mode == Mode::missing; }
  // The value as text when it is a single value (a scalar, an argument, a name); nullopt for
  // collections and missing values.
  std::optional<std::string> text() const;
  Literal::Type type() const;
  // "a mapping", "a list", "a directive", for messages.
  std::string_view shape() const;
};

// What a walk needs beyond the cursor.
struct WalkContext {
  const nginx::Config* nginx = nullptr;
  Span anchor;  // where to point for values read from an included file
};

// Every value `path` reaches from `from`; a missing step gives one missing cursor, a `[*]` over
// nothing gives none.
std::vector<Cursor> resolve(const Cursor& from, const Path& path, const WalkContext& context);

// One object a policy matched.
struct MatchedObject {
  Cursor root;
  std::string description;  // "Deployment/api", "service `web`", "alert `HighLatency`"
};

// Calls `visit` for each object of the document that the target selects.
void for_each_object(const Document& doc, const Target& target, const WalkContext& base,
                     const std::function<void(const MatchedObject&, const WalkContext&)>& visit);

}  // namespace infralint::policy
