#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "parse/toml/toml.hpp"

namespace infralint::railway {

// What Railway's schema (https://railway.com/railway.schema.json) lets a key hold.
enum class Shape {
  string,
  integer,
  number,
  boolean,
  string_array,
  string_or_array,
  table,
  string_or_number
};

struct KeyInfo {
  std::string_view name;
  Shape shape;
  std::vector<std::string_view> values;  // an enum's values, uppercase; empty when free
  bool legacy = false;                   // Nixpacks settings, deprecated with Nixpacks
};

// The keys Railway knows under `build` or `deploy`; null for any other key or section.
const KeyInfo* find_key(std::string_view section, std::string_view key);
// Every key of a section ("build", "deploy"), or the top level ("").
std::vector<std::string_view> keys_of(std::string_view section);
// The key the author probably meant: same letters in another case, a known misnomer
// (`restartPolicy`), or a near miss in spelling; nullopt when nothing is close.
std::optional<std::string_view> suggest_key(std::string_view section, std::string_view key);
std::string_view describe(Shape shape);  // "a string", "an array of strings", ...
bool fits(Shape shape, const toml::Node& value);

// The base `build`/`deploy` tables, or one environment's override of them.
struct Section {
  std::string environment;             // empty for the base config
  const toml::Entry* entry = nullptr;  // `environments.<name>`; null for the base
  const toml::Node* build = nullptr;   // null when absent or not a table
  const toml::Node* deploy = nullptr;
};

// What a deployment of the service sees: the base config, or an environment's values over it.
// (`pr` applies to every PR environment; precedence: named env → `pr` → base.)
struct View {
  const Section* base = nullptr;
  const Section* environment = nullptr;  // null: the base config alone
  // The entry an environment sets, else the base's.
  const toml::Entry* find(std::string_view section, std::string_view key) const;
  // "the base config" or "environment `production`".
  std::string name() const;
};

struct Config {
  const Document* doc = nullptr;
  const toml::Document* tree = nullptr;
  Section base;
  std::vector<Section> environments;
  // The base view first, then one per environment.
  std::vector<View> views() const;
  bool json() const { return tree->json; }
};

// Every place `section.key` is set: in the base config, then in each environment.
struct Setting {
  const Section* section = nullptr;
  const toml::Entry* entry = nullptr;
};
std::vector<Setting> settings_of(const Config& config, std::string_view section,
                                 std::string_view key);

// The config of a parsed railway.toml/railway.json; nullopt when it did not parse.
std::optional<Config> read_config(const Document& doc);

// A 5-field crontab expression (UTC), as Railway runs it.
struct CronCheck {
  std::string error;             // empty when valid
  int shortest_gap_minutes = 0;  // between two runs within a day; 0 when not computed
};
CronCheck check_cron(std::string_view expression);

inline constexpr std::string_view kSchemaUrl = "https://railway.com/railway.schema.json";

}  // namespace infralint::railway
