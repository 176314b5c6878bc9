// Checks a compose document against the key catalogue of the Compose Specification.
#include "model/compose_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/spelling.hpp"
#include "model/compose_interpolation.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

struct ObjectSpec {
  bool closed = false;
  bool extensions = false;
  std::map<std::string_view, std::vector<std::string_view>, std::less<>> keys;  // key → JSON types
};

// Views of kComposeKeysTable (static text): building it copied every key and path, a fifth of
// a one-file run.
struct Catalogue {
  std::map<std::string_view, ObjectSpec, std::less<>> objects;
  std::set<std::string_view, std::less<>> maps;
};

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    auto end = line.find(sep, start);
    out.push_back(line.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

const Catalogue& catalogue() {
  static const Catalogue c = [] {
    Catalogue out;
    for (std::string_view line : split(kComposeKeysTable, '\n')) {
      auto f = split(line, '\t');
      if (f.size() < 2) continue;
      std::string_view path = f[1] == "." ? std::string_view() : f[1];
      if (f[0] == "object" && f.size() == 4) {
        ObjectSpec& o = out.objects[path];
        o.closed = f[2] == "1";
        o.extensions = f[3] == "1";
      } else if (f[0] == "key" && f.size() == 4) {
        auto& types = out.objects[path].keys[f[2]];
        if (!f[3].empty())
          for (std::string_view t : split(f[3], ',')) types.emplace_back(t);
      } else if (f[0] == "map") {
        out.maps.insert(path);
      }
    }
    return out;
  }();
  return c;
}

std::string_view json_type(const yaml::Node& n) {
  if (n.is_mapping()) return "object";
  if (n.is_sequence()) return "array";
  switch (n.type) {
    case yaml::ScalarType::null:
      return "null";
    case yaml::ScalarType::boolean:
      return "boolean";
    case yaml::ScalarType::integer:
      return "integer";
    case yaml::ScalarType::floating:
      return "number";
    case yaml::ScalarType::string:
      return "string";
  }
  return "string";
}

bool accepts(const std::vector<std::string_view>& types, const yaml::Node& n) {
  // Empty values: Compose treats most as absent, and interpolation may leave them empty.
  if (types.empty() || n.is_null()) return true;
  if (!n.tag.empty() && !n.tag.starts_with("!!")) return true;  // !reset, !override
  if (n.is_scalar() && has_interpolation(n.value)) return true;
  std::string_view t = json_type(n);
  for (std::string_view want : types)
    if (want == t || (want == "number" && t == "integer")) return true;
  return false;
}

std::string describe_types(const std::vector<std::string_view>& types) {
  std::vector<std::string> words;
  for (std::string_view t : types) {
    if (t == "object")
      words.push_back("a mapping");
    else if (t == "array")
      words.push_back("a list");
    else if (t == "string")
      words.push_back("a string");
    else if (t == "boolean")
      words.push_back("true/false");
    else if (t == "integer")
      words.push_back("an integer");
    else if (t == "number")
      words.push_back("a number");
    else if (t == "null")
      words.push_back("empty");
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i)
    out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  return out;
}

std::string describe_path(std::string_view path, const std::vector<std::string>& names) {
  // path "services.*.deploy.resources" with names {"web"} → "`deploy.resources` of service `web`"
  if (path.empty()) return "the top level";
  std::string rest(path);
  std::string owner;
  for (std::string_view section :
       {"services", "networks", "volumes", "secrets", "configs", "models"}) {
    std::string prefix = std::string(section) + ".*";
    if (rest.starts_with(prefix) && !names.empty()) {
      owner = fmt::format("{} `{}`", std::string(section.substr(0, section.size() - 1)), names[0]);
      rest = rest.substr(prefix.size());
      if (rest.starts_with('.')) rest = rest.substr(1);
      break;
    }
  }
  if (owner.empty()) return fmt::format("`{}`", rest);
  if (rest.empty()) return owner;
  return fmt::format("`{}` of {}", rest, owner);
}

struct Walker {
  const Catalogue& cat = catalogue();
  std::vector<ComposeSchemaProblem> out;
  std::set<std::size_t> reported;  // key offsets: merged pairs are shared
  std::vector<std::string> names;  // the user-named entries on the way (service name, ...)

  void report(ComposeSchemaProblem p) {
    if (!reported.insert(p.pair->key->span.begin).second) return;
    out.push_back(std::move(p));
  }

  // The closest known key: at most a quarter of the key's letters off (at least one), and with
  // the same first letter unless a single edit away (`pre_start` is not a typo of `restart`).
  std::string suggest(const ObjectSpec& spec, std::string_view key) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, key.size() / 4) + 1;
    for (const auto& [known, types] : spec.keys) {
      std::size_t d = edit_distance(key, known);
      if (d > 1 && (key.empty() || known.front() != key.front())) continue;
      if (d < best_distance) {
        best_distance = d;
        best = known;
      }
    }
    return best;
  }

  void walk(const yaml::Node& node, const std::string& path) {
    if (node.is_mapping()) {
      auto it = cat.objects.find(path);
      if (it != cat.objects.end()) {
        const ObjectSpec& spec = it->second;
        for (const yaml::Pair& p : node.pairs) {
          auto key = scalar_text(p.key);
          if (!key) continue;
          if (key->starts_with("x-") && (spec.extensions || path.empty())) continue;
          auto known = spec.keys.find(*key);
          if (known == spec.keys.end()) {
            if (spec.closed)
              report({ComposeSchemaProblem::Kind::unknown_key, &p, describe_path(path, names),
                      suggest(spec, *key), ""});
            continue;
          }
          if (!accepts(known->second, *p.value)) {
            report({ComposeSchemaProblem::Kind::wrong_type, &p, describe_path(path, names), "",
                    describe_types(known->second)});
            continue;
          }
          walk(*p.value, path.empty() ? *key : path + "." + *key);
        }
        return;
      }
      if (cat.maps.contains(path)) {
        for (const yaml::Pair& p : node.pairs) {
          auto key = scalar_text(p.key);
          if (!key || key->starts_with("x-")) continue;
          bool top_entry =
              path.find('.') == std::string::npos && path.find('[') == std::string::npos;
          if (top_entry) names.push_back(*key);
          walk(*p.value, path + ".*");
          if (top_entry) names.pop_back();
        }
      }
      return;
    }
    if (node.is_sequence())
      for (const yaml::Node* item : node.items) walk(*item, path + "[]");
  }
};

}  // namespace

std::vector<ComposeSchemaProblem> compose_schema_problems(const ComposeFile& file) {
  Walker w;
  w.walk(file.root, "");
  return std::move(w.out);
}

}  // namespace infralint
