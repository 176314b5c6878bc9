#include "model/railway_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <set>

#include "core/spelling.hpp"

namespace infralint::railway {
namespace {

// Merged from Railway's docs, the CLI's GraphQL ServiceInstanceUpdateInput and the published
// schema's key list (../shared/peers/railway.md §3), including keys Railway's rendered config
// sets itself, so that a config copied from the dashboard is not reported.
const std::vector<KeyInfo>& build_keys() {
  static const std::vector<KeyInfo> keys{
      {"builder", Shape::string, {"RAILPACK", "DOCKERFILE", "NIXPACKS", "HEROKU", "PAKETO"}},
      {"buildCommand", Shape::string, {}},
      {"dockerfilePath", Shape::string, {}},
      {"watchPatterns", Shape::string_array, {}},
      {"railpackVersion", Shape::string, {}},
      {"nixpacksConfigPath", Shape::string, {}, true},
      {"nixpacksPlan", Shape::table, {}, true},
      {"nixpacksVersion", Shape::string, {}, true},
      {"buildEnvironment", Shape::string, {}},
  };
  return keys;
}

const std::vector<KeyInfo>& deploy_keys() {
  static const std::vector<KeyInfo> keys{
      {"startCommand", Shape::string, {}},
      {"preDeployCommand", Shape::string_or_array, {}},
      {"preDeployTimeoutSeconds", Shape::number, {}},
      {"numReplicas", Shape::integer, {}},
      {"multiRegionConfig", Shape::table, {}},
      {"region", Shape::string, {}},
      {"healthcheckPath", Shape::string, {}},
      {"healthcheckTimeout", Shape::integer, {}},
      {"restartPolicyType", Shape::string, {"ON_FAILURE", "ALWAYS", "NEVER"}},
      {"restartPolicyMaxRetries", Shape::integer, {}},
      {"cronSchedule", Shape::string, {}},
      {"sleepApplication", Shape::boolean, {}},
      {"overlapSeconds", Shape::string_or_number, {}},
      {"drainingSeconds", Shape::string_or_number, {}},
      {"runtime", Shape::string, {}},
      {"limitOverride", Shape::table, {}},
      {"requiredMountPath", Shape::string, {}},
      {"registryCredentials", Shape::table, {}},
      {"ipv6EgressEnabled", Shape::boolean, {}},
      {"useLegacyStacker", Shape::boolean, {}},
  };
  return keys;
}

// Names people write for a key that exists under another name.
struct Misnomer {
  std::string_view section, written, meant;
};
constexpr std::array kMisnomers{
    Misnomer{"deploy", "restartPolicy", "restartPolicyType"},
    Misnomer{"deploy", "restartPolicyRetries", "restartPolicyMaxRetries"},
    Misnomer{"deploy", "maxRetries", "restartPolicyMaxRetries"},
    Misnomer{"deploy", "healthcheck", "healthcheckPath"},
    Misnomer{"deploy", "healthCheck", "healthcheckPath"},
    Misnomer{"deploy", "replicas", "numReplicas"},
    Misnomer{"deploy", "command", "startCommand"},
    Misnomer{"deploy", "start", "startCommand"},
    Misnomer{"deploy", "cron", "cronSchedule"},
    Misnomer{"deploy", "preDeploy", "preDeployCommand"},
    Misnomer{"deploy", "releaseCommand", "preDeployCommand"},
    Misnomer{"deploy", "schedule", "cronSchedule"},
    Misnomer{"build", "dockerfile", "dockerfilePath"},
    Misnomer{"build", "command", "buildCommand"},
    Misnomer{"", "$schema", "$schema"},
    Misnomer{"", "schema", "$schema"},
    Misnomer{"", "environment", "environments"},
    Misnomer{"", "env", "environments"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const toml::Node* table_at(const toml::Node* table, std::string_view key) {
  if (!table || !table->is_table()) return nullptr;
  const toml::Node* v = table->get(key);
  return v && v->is_table() ? v : nullptr;
}

Section section_of(const toml::Node* table, std::string environment, const toml::Entry* entry) {
  return {std::move(environment), entry, table_at(table, "build"), table_at(table, "deploy")};
}

// A cron field's values, or an error. Names (JAN, MON) are accepted where cron accepts them.
struct Field {
  int min, max;
  std::string_view name;
  std::vector<std::string_view> names;  // index = value - min (days of the week from 0)
};

std::optional<int> field_number(const Field& f, std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  std::string up;
  for (char c : text) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < f.names.size(); ++i)
    if (f.names[i] == up) return f.min + static_cast<int>(i);
  return std::nullopt;
}

std::string expand_field(const Field& f, std::string_view text, std::set<int>& out) {
  if (text.empty()) return fmt::format("the {} field is empty", f.name);
  while (!text.empty()) {
    std::string_view item = text.substr(0, text.find(','));
    text.remove_prefix(std::min(text.size(), item.size() + 1));
    if (item.empty()) return fmt::format("the {} field has an empty list item", f.name);
    int step = 1;
    if (auto slash = item.find('/'); slash != std::string_view::npos) {
      auto n = field_number({0, 0, "", {}}, item.substr(slash + 1));
      if (!n || *n <= 0) return fmt::format("`{}` in the {} field has no valid step", item, f.name);
      step = *n;
      item = item.substr(0, slash);
    }
    int lo = f.min, hi = f.max;
    if (item != "*") {
      auto dash = item.find('-');
      auto a = field_number(f, item.substr(0, dash));
      auto b = dash == std::string_view::npos ? a : field_number(f, item.substr(dash + 1));
      if (!a || !b) return fmt::format("`{}` is not a value of the {} field", item, f.name);
      if (*a < f.min || *a > f.max || *b < f.min || *b > f.max)
        return fmt::format("`{}` is outside the {} field's range {}-{}", item, f.name, f.min,
                           f.max);
      if (*a > *b)
        return fmt::format("the range `{}` in the {} field runs backwards", item, f.name);
      lo = *a;
      hi = dash == std::string_view::npos && step == 1
               ? *a
               : (dash == std::string_view::npos ? f.max : *b);
    }
    for (int v = lo; v <= hi; v += step) out.insert(v);
  }
  return {};
}

}  // namespace

const KeyInfo* find_key(std::string_view section, std::string_view key) {
  const auto& keys = section == "build" ? build_keys() : deploy_keys();
  if (section != "build" && section != "deploy") return nullptr;
  for (const KeyInfo& k : keys)
    if (k.name == key) return &k;
  return nullptr;
}

std::vector<std::string_view> keys_of(std::string_view section) {
  if (section.empty()) return {"$schema", "build", "deploy", "environments"};
  std::vector<std::string_view> out;
  if (section != "build" && section != "deploy") return out;
  for (const KeyInfo& k : section == "build" ? build_keys() : deploy_keys()) out.push_back(k.name);
  return out;
}

std::optional<std::string_view> suggest_key(std::string_view section, std::string_view key) {
  auto known = keys_of(section);
  std::string key_lower = lower(key);
  for (std::string_view k : known)
    if (lower(k) == key_lower) return k;
  for (const Misnomer& m : kMisnomers)
    if (m.section == section && lower(m.written) == key_lower) return m.meant;
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(1, std::min<std::size_t>(3, key.size() / 4));
  for (std::string_view k : known) {
    std::size_t d = edit_distance(key_lower, lower(k));
    if (d <= best_distance && (!best || d < best_distance)) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

std::string_view describe(Shape shape) {
  switch (shape) {
    case Shape::string:
      return "a string";
    case Shape::integer:
      return "an integer";
    case Shape::number:
      return "a number";
    case Shape::boolean:
      return "a boolean";
    case Shape::string_array:
      return "an array of strings";
    case Shape::string_or_array:
      return "a string or an array of strings";
    case Shape::table:
      return "a table";
    case Shape::string_or_number:
      return "a string or a number";
  }
  return "a value";
}

bool fits(Shape shape, const toml::Node& v) {
  using toml::Type;
  if (v.type == Type::null) return shape != Shape::string_array;  // the schema allows null
  auto string_array = [&] {
    return v.is_array() && std::all_of(v.items.begin(), v.items.end(),
                                       [](const toml::Node* i) { return i->type == Type::string; });
  };
  switch (shape) {
    case Shape::string:
      return v.type == Type::string;
    case Shape::integer:
      return v.type == Type::integer;
    case Shape::number:
      return v.type == Type::integer || v.type == Type::floating;
    case Shape::boolean:
      return v.type == Type::boolean;
    case Shape::string_array:
      return string_array();
    case Shape::string_or_array:
      return v.type == Type::string || string_array();
    case Shape::table:
      return v.is_table();
    case Shape::string_or_number:
      return v.type == Type::string || v.type == Type::integer || v.type == Type::floating;
  }
  return false;
}

const toml::Entry* View::find(std::string_view section, std::string_view key) const {
  auto in = [&](const Section* s) -> const toml::Entry* {
    if (!s) return nullptr;
    const toml::Node* table = section == "build" ? s->build : s->deploy;
    return table ? table->entry(key) : nullptr;
  };
  if (const toml::Entry* e = in(environment)) return e;
  return in(base);
}

std::string View::name() const {
  return environment ? fmt::format("environment `{}`", environment->environment)
                     : std::string("the base config");
}

std::vector<View> Config::views() const {
  std::vector<View> out{{&base, nullptr}};
  for (const Section& env : environments) out.push_back({&base, &env});
  return out;
}

std::vector<Setting> settings_of(const Config& config, std::string_view section,
                                 std::string_view key) {
  std::vector<Setting> out;
  auto add = [&](const Section& s) {
    const toml::Node* table = section == "build" ? s.build : s.deploy;
    if (const toml::Entry* e = table ? table->entry(key) : nullptr) out.push_back({&s, e});
  };
  add(config.base);
  for (const Section& env : config.environments) add(env);
  return out;
}

std::optional<Config> read_config(const Document& doc) {
  const auto* tree = doc.tree<toml::Document>();
  if (!tree || !tree->root || !doc.errors().empty()) return std::nullopt;
  Config config;
  config.doc = &doc;
  config.tree = tree;
  config.base = section_of(tree->root, "", nullptr);
  if (const toml::Node* envs = table_at(tree->root, "environments"))
    for (const toml::Entry& e : envs->entries)
      if (e.value->is_table()) config.environments.push_back(section_of(e.value, e.key, &e));
  return config;
}

CronCheck check_cron(std::string_view expression) {
  static const std::vector<Field> fields{
      {0, 59, "minute", {}},
      {0, 23, "hour", {}},
      {1, 31, "day-of-month", {}},
      {1,
       12,
       "month",
       {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
      {0, 7, "day-of-week", {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
  };
  std::vector<std::string_view> parts;
  std::string_view rest = expression;
  while (!rest.empty()) {
    auto begin = rest.find_first_not_of(" \t");
    if (begin == std::string_view::npos) break;
    rest.remove_prefix(begin);
    auto end = rest.find_first_of(" \t");
    parts.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  }
  CronCheck out;
  if (parts.size() != 5) {
    out.error = fmt::format(
        "has {} field{} where Railway expects 5 (minute hour day-of-month "
        "month day-of-week)",
        parts.size(), parts.size() == 1 ? "" : "s");
    return out;
  }
  std::vector<std::set<int>> values(5);
  for (std::size_t i = 0; i < 5; ++i) {
    out.error = expand_field(fields[i], parts[i], values[i]);
    if (!out.error.empty()) return out;
  }
  std::vector<int> times;
  for (int h : values[1])
    for (int m : values[0]) times.push_back(h * 60 + m);
  std::sort(times.begin(), times.end());
  int gap = 24 * 60;
  for (std::size_t i = 1; i < times.size(); ++i) gap = std::min(gap, times[i] - times[i - 1]);
  if (times.size() > 1 && parts[2] == "*" && parts[4] == "*")
    gap = std::min(gap, times.front() + 24 * 60 - times.back());
  out.shortest_gap_minutes = gap;
  return out;
}

}  // namespace infralint::railway
