// Checks a compose document against the key catalogue of the Compose Specification.
#include "model/compose_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <tuple>

#include "core/pieces.hpp"
#include "core/spelling.hpp"
#include "model/compose_keys_table.hpp"
#include "model/compose_interpolation.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

// Rows of kComposeKeysTable, viewing the static text, sorted for binary search: the maps this
// used to build were a fifth of a one-file run, for the few paths a file visits.
struct ObjectRow {
  std::string_view path;
  bool closed = false;
  bool extensions = false;
};

struct KeyRow {
  std::string_view path;
  std::string_view key;
  std::string_view types;  // JSON types, comma-separated; empty: any
};

// Calls `each(fields, count)` for every line of the table, split at tabs (four fields kept).
template <typename Each>
constexpr void for_each_line(std::string_view table, Each each) {
  for_each_piece(table, '\n', [&](std::string_view line) {
    std::string_view f[4];
    std::size_t n = 0;
    for_each_piece(line, '\t', [&](std::string_view field) {
      if (n < 4) f[n] = field;
      ++n;
    });
    if (n >= 2) each(f, n);
  });
}

constexpr std::string_view path_field(std::string_view field) {
  return field == "." ? std::string_view() : field;
}

template <typename Row>
constexpr std::size_t count_lines(Row row) {
  std::size_t n = 0;
  for_each_line(kComposeKeysTable, [&](const std::string_view* f, std::size_t count) {
    n += row(f, count);
  });
  return n;
}

constexpr bool object_line(const std::string_view* f, std::size_t n) {
  return f[0] == "object" && n == 4;
}
constexpr bool key_line(const std::string_view* f, std::size_t n) { return f[0] == "key" && n == 4; }
constexpr bool map_line(const std::string_view* f, std::size_t) { return f[0] == "map"; }

// The catalogue is read from the table by the compiler, and the generator's order checked
// there: reading and sorting it at start-up was a twentieth of a one-file compose run.
constexpr auto kObjects = [] {
  std::array<ObjectRow, count_lines(object_line)> rows{};
  std::size_t i = 0;
  for_each_line(kComposeKeysTable, [&](const std::string_view* f, std::size_t n) {
    if (object_line(f, n)) rows[i++] = {path_field(f[1]), f[2] == "1", f[3] == "1"};
  });
  return rows;
}();

constexpr auto kKeys = [] {
  std::array<KeyRow, count_lines(key_line)> rows{};
  std::size_t i = 0;
  for_each_line(kComposeKeysTable, [&](const std::string_view* f, std::size_t n) {
    if (key_line(f, n)) rows[i++] = {path_field(f[1]), f[2], f[3]};
  });
  return rows;
}();

constexpr auto kMaps = [] {
  std::array<std::string_view, count_lines(map_line)> rows{};
  std::size_t i = 0;
  for_each_line(kComposeKeysTable, [&](const std::string_view* f, std::size_t n) {
    if (map_line(f, n)) rows[i++] = path_field(f[1]);
  });
  return rows;
}();

static_assert(std::is_sorted(kObjects.begin(), kObjects.end(),
                             [](const ObjectRow& a, const ObjectRow& b) { return a.path < b.path; }),
              "compose key table: object rows must be sorted by path");
static_assert(std::is_sorted(kKeys.begin(), kKeys.end(),
                             [](const KeyRow& a, const KeyRow& b) {
                               return a.path < b.path || (a.path == b.path && a.key < b.key);
                             }),
              "compose key table: key rows must be sorted by path, then key");
static_assert(std::is_sorted(kMaps.begin(), kMaps.end()),
              "compose key table: map rows must be sorted");

struct Catalogue {
  std::span<const ObjectRow> objects = kObjects;
  std::span<const KeyRow> keys = kKeys;
  std::span<const std::string_view> maps = kMaps;

  const ObjectRow* object(std::string_view path) const {
    auto it = std::lower_bound(objects.begin(), objects.end(), path,
                               [](const ObjectRow& r, std::string_view p) { return r.path < p; });
    return it != objects.end() && it->path == path ? &*it : nullptr;
  }
  // The keys of the object at `path`, in key order.
  std::span<const KeyRow> keys_of(std::string_view path) const {
    auto [first, last] = std::equal_range(
        keys.begin(), keys.end(), KeyRow{path, {}, {}},
        [](const KeyRow& a, const KeyRow& b) { return a.path < b.path; });
    return {first, last};
  }
  bool is_map(std::string_view path) const {
    return std::binary_search(maps.begin(), maps.end(), path);
  }
};

const KeyRow* find_key(std::span<const KeyRow> keys, std::string_view key) {
  auto it = std::lower_bound(keys.begin(), keys.end(), key,
                             [](const KeyRow& r, std::string_view k) { return r.key < k; });
  return it != keys.end() && it->key == key ? &*it : nullptr;
}

const Catalogue& catalogue() {
  static constexpr Catalogue kCatalogue{};
  return kCatalogue;
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

bool accepts(std::string_view types, const yaml::Node& n) {
  // Empty values: Compose treats most as absent, and interpolation may leave them empty.
  if (types.empty() || n.is_null()) return true;
  if (!n.tag.empty() && !n.tag.starts_with("!!")) return true;  // !reset, !override
  if (n.is_scalar() && has_interpolation(n.value)) return true;
  std::string_view t = json_type(n);
  bool accepted = false;
  for_each_piece(types, ',', [&](std::string_view want) {
    accepted = accepted || want == t || (want == "number" && t == "integer");
  });
  return accepted;
}

std::string describe_types(std::string_view types) {
  std::vector<std::string> words;
  for_each_piece(types, ',', [&](std::string_view t) {
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
  });
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
  std::string suggest(std::span<const KeyRow> keys, std::string_view key) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(1, key.size() / 4) + 1;
    for (const KeyRow& row : keys) {
      std::string_view known = row.key;
      std::size_t d = edit_distance_at_most(key, known, best_distance - 1);
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
      if (const ObjectRow* spec = cat.object(path)) {
        std::span<const KeyRow> keys = cat.keys_of(path);
        for (const yaml::Pair& p : node.pairs) {
          auto key = scalar_text(p.key);
          if (!key) continue;
          if (key->starts_with("x-") && (spec->extensions || path.empty())) continue;
          const KeyRow* known = find_key(keys, *key);
          if (!known) {
            if (spec->closed)
              report({ComposeSchemaProblem::Kind::unknown_key, &p, describe_path(path, names),
                      suggest(keys, *key), ""});
            continue;
          }
          if (!accepts(known->types, *p.value)) {
            report({ComposeSchemaProblem::Kind::wrong_type, &p, describe_path(path, names), "",
                    describe_types(known->types)});
            continue;
          }
          if (is_collection(*p.value)) walk(*p.value, path.empty() ? *key : path + "." + *key);
        }
        return;
      }
      if (cat.is_map(path)) {
        for (const yaml::Pair& p : node.pairs) {
          auto key = scalar_text(p.key);
          if (!key || key->starts_with("x-")) continue;
          bool top_entry =
              path.find('.') == std::string::npos && path.find('[') == std::string::npos;
          if (!is_collection(*p.value)) continue;
          if (top_entry) names.push_back(*key);
          walk(*p.value, path + ".*");
          if (top_entry) names.pop_back();
        }
      }
      return;
    }
    if (node.is_sequence()) {
      const std::string item_path = path + "[]";
      for (const yaml::Node* item : node.items)
        if (is_collection(*item)) walk(*item, item_path);
    }
  }

  // Only collections have keys to check: a scalar is judged by the pair that holds it, so the
  // walk does not build a path for every leaf.
  static bool is_collection(const yaml::Node& node) {
    return node.is_mapping() || node.is_sequence();
  }
};

}  // namespace

std::vector<ComposeSchemaProblem> compose_schema_problems(const ComposeFile& file) {
  Walker w;
  w.walk(file.root, "");
  return std::move(w.out);
}

}  // namespace infralint
