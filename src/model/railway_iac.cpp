#include "model/railway_iac.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "parse/toml/toml.hpp"

namespace infralint::railway {
namespace {

// What a value must be in the `railway` package's types (railway/iac: IntentServiceConfig,
// BuildConfig, DeployConfig).
enum class Want { string, number, boolean, string_array, string_or_array, any };

struct Target {
  std::string_view group;  // "" for the service's own keys, else "build" or "deploy"
  std::string_view key;    // the key in railway/iac
  Want want;
  bool upper = false;  // an enum the types spell in uppercase
};

// Config as Code key -> railway/iac key. The intent keys (`start`, `healthcheck`, ...) are
// the ones the IaC reference documents; the rest go into `build`/`deploy`, whose types mirror
// Config as Code's sections.
const std::map<std::string_view, Target>& build_targets() {
  static const std::map<std::string_view, Target> m{
      {"builder", {"build", "builder", Want::string, true}},
      {"buildCommand", {"build", "buildCommand", Want::string}},
      {"dockerfilePath", {"build", "dockerfilePath", Want::string}},
      {"watchPatterns", {"build", "watchPatterns", Want::string_array}},
      {"railpackVersion", {"build", "railpackVersion", Want::string}},
      {"nixpacksConfigPath", {"build", "nixpacksConfigPath", Want::string}},
      {"nixpacksPlan", {"build", "nixpacksPlan", Want::any}},
      {"nixpacksVersion", {"build", "nixpacksVersion", Want::string}},
      {"buildEnvironment", {"build", "buildEnvironment", Want::string, true}},
  };
  return m;
}

const std::map<std::string_view, Target>& deploy_targets() {
  static const std::map<std::string_view, Target> m{
      {"startCommand", {"", "start", Want::string}},
      {"healthcheckPath", {"", "healthcheck", Want::string}},
      {"healthcheckTimeout", {"", "healthcheckTimeout", Want::number}},
      {"preDeployCommand", {"", "preDeploy", Want::string_or_array}},
      {"numReplicas", {"", "replicas", Want::number}},
      {"sleepApplication", {"deploy", "sleepApplication", Want::boolean}},
      {"restartPolicyType", {"deploy", "restartPolicyType", Want::string, true}},
      {"restartPolicyMaxRetries", {"deploy", "restartPolicyMaxRetries", Want::number}},
      {"cronSchedule", {"deploy", "cronSchedule", Want::string}},
      {"region", {"deploy", "region", Want::string}},
      {"runtime", {"deploy", "runtime", Want::string}},
      {"requiredMountPath", {"deploy", "requiredMountPath", Want::string}},
      {"overlapSeconds", {"deploy", "overlapSeconds", Want::number}},
      {"drainingSeconds", {"deploy", "drainingSeconds", Want::number}},
      {"limitOverride", {"deploy", "limitOverride", Want::any}},
      {"registryCredentials", {"deploy", "registryCredentials", Want::any}},
      {"useLegacyStacker", {"deploy", "useLegacyStacker", Want::boolean}},
      {"ipv6EgressEnabled", {"deploy", "ipv6EgressEnabled", Want::boolean}},
  };
  return m;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

bool is_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '$';
  });
}

std::string property(std::string_view key) {
  return is_identifier(key) ? std::string(key) : quote(key);
}

// A TypeScript literal for a value; `upper` uppercases a string (schema enums).
std::string render(const toml::Node& n, bool upper = false, int depth = 0) {
  if (depth > 32) return "null";
  switch (n.type) {
    case toml::Type::string: {
      std::string s = n.text;
      if (upper)
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return quote(s);
    }
    case toml::Type::integer:
    case toml::Type::floating: {
      std::string t = n.text;
      t.erase(std::remove(t.begin(), t.end(), '_'), t.end());  // TOML 1_000
      if (t.rfind("+", 0) == 0) t.erase(0, 1);
      // TOML 0x1F, 0o17, 0b101: TypeScript spells octal and others the same but for 0o/0b
      // case, so write them in decimal.
      if (n.type == toml::Type::integer && t.size() > 2 && t[0] == '0' &&
          (t[1] == 'x' || t[1] == 'o' || t[1] == 'b')) {
        int base = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
        try {
          return std::to_string(std::stoull(t.substr(2), nullptr, base));
        } catch (...) {
          return t;
        }
      }
      return t;
    }
    case toml::Type::boolean: return n.text;
    case toml::Type::null: return "null";
    case toml::Type::datetime: return quote(n.text);
    case toml::Type::array: {
      std::string out = "[";
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        out += render(*n.items[i], upper, depth + 1);
      }
      return out + "]";
    }
    case toml::Type::table: {
      if (n.entries.empty()) return "{}";
      std::string out = "{ ";
      for (size_t i = 0; i < n.entries.size(); ++i) {
        if (i) out += ", ";
        out += property(n.entries[i].key) + ": " + render(*n.entries[i].value, false, depth + 1);
      }
      return out + " }";
    }
  }
  return "null";
}

// The value as a TypeScript literal of the wanted type, or an empty string when it is not one.
// A numeric string ("60") becomes a number where the types want one.
std::string convert(const toml::Node& n, const Target& t) {
  if (n.type == toml::Type::null) return "null";
  switch (t.want) {
    case Want::string:
      return n.type == toml::Type::string ? render(n, t.upper) : "";
    case Want::number:
      if (n.type == toml::Type::integer || n.type == toml::Type::floating) return render(n);
      if (n.type == toml::Type::string && !n.text.empty() &&
          std::all_of(n.text.begin(), n.text.end(),
                      [](unsigned char c) { return std::isdigit(c); }) &&
          n.text.size() < 10)
        return std::to_string(std::stol(n.text));
      return "";
    case Want::boolean:
      return n.type == toml::Type::boolean ? render(n) : "";
    case Want::string_array:
    case Want::string_or_array:
      if (n.type == toml::Type::string && t.want == Want::string_or_array) return render(n);
      if (n.type != toml::Type::array) return "";
      for (const toml::Node* item : n.items)
        if (item->type != toml::Type::string) return "";
      return render(n);
    case Want::any: return render(n);
  }
  return "";
}

struct Field {
  std::string group, key;
  std::vector<std::pair<std::string, std::string>> values;  // (environment, literal)
};

struct Service {
  std::string display_path, name, variable;
  std::vector<Field> fields;
  std::vector<std::string> not_expressible;

  void set(std::string_view group, std::string_view key, const std::string& env,
           std::string literal) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) {
      return f.group == group && f.key == key;
    });
    if (it == fields.end()) {
      fields.push_back({std::string(group), std::string(key), {}});
      it = fields.end() - 1;
    }
    for (auto& v : it->values)
      if (v.first == env) {
        v.second = std::move(literal);
        return;
      }
    it->values.emplace_back(env, std::move(literal));
  }
  void lost(const std::string& env, std::string_view path, const toml::Node* value,
            std::string_view why) {
    std::string where = env.empty() ? std::string(path) : fmt::format("environments.{}.{}", env, path);
    std::string v = value ? render(*value) : "";
    if (v.size() > 200) v = v.substr(0, 200) + "...";
    not_expressible.push_back(value ? fmt::format("{} = {} ({})", where, v, why)
                                    : fmt::format("{} ({})", where, why));
  }
};

void read_section(Service& s, const std::string& env, std::string_view section,
                  const toml::Node* node) {
  if (!node) return;
  if (!node->is_table()) {
    s.lost(env, section, node, "not a table");
    return;
  }
  const auto& targets = section == "build" ? build_targets() : deploy_targets();
  bool has_regions = section == "deploy" && node->get("multiRegionConfig") &&
                     node->get("multiRegionConfig")->is_table();
  for (const toml::Entry& e : node->entries) {
    std::string path = fmt::format("{}.{}", section, e.key);
    if (section == "deploy" && e.key == "multiRegionConfig") {
      if (e.value->type == toml::Type::null) {
        s.set("", "replicas", env, "undefined");
        continue;
      }
      if (!e.value->is_table()) {
        s.lost(env, path, e.value, "not a table of regions");
        continue;
      }
      // railway/iac: `replicas: { "<region>": <count> }`
      std::string out = "{ ";
      bool first = true, ok = true;
      for (const toml::Entry& r : e.value->entries) {
        const toml::Node* n = r.value->is_table() ? r.value->get("numReplicas") : nullptr;
        if (!n || n->type != toml::Type::integer) {
          ok = false;
          break;
        }
        if (!first) out += ", ";
        first = false;
        out += quote(r.key) + ": " + render(*n);
      }
      if (!ok) {
        s.lost(env, path, e.value, "a region without an integer `numReplicas`");
        continue;
      }
      s.set("", "replicas", env, out + " }");
      continue;
    }
    if (has_regions && e.key == "numReplicas") {
      s.lost(env, path, e.value,
             "`multiRegionConfig` sets the replicas per region; railway/iac has one `replicas`");
      continue;
    }
    auto t = targets.find(e.key);
    if (t == targets.end()) {
      s.lost(env, path, e.value, "no equivalent in railway/iac");
      continue;
    }
    std::string literal = convert(*e.value, t->second);
    if (literal.empty()) {
      s.lost(env, path, e.value,
             fmt::format("{} where railway/iac wants {}", toml::to_string(e.value->type),
                         t->second.want == Want::number    ? "a number"
                         : t->second.want == Want::boolean ? "a boolean"
                         : t->second.want == Want::string  ? "a string"
                                                           : "an array of strings"));
      continue;
    }
    s.set(t->second.group, t->second.key, env, std::move(literal));
  }
}

std::string identifier_for(const std::string& name, std::set<std::string>& used) {
  std::string id;
  bool upper_next = false;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      id += upper_next && !id.empty() ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
      upper_next = false;
    } else {
      upper_next = true;
    }
  }
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "service" + id;
  static const std::set<std::string> reserved{
      "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
      "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
      "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
      "true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield",
      "await", "ctx", "project", "service", "defineRailway", "undefined"};
  if (reserved.count(id)) id += "Service";
  std::string base = id;
  for (int i = 2; used.count(id); ++i) id = base + std::to_string(i);
  used.insert(id);
  return id;
}

// `ctx.isEnvironment("a") ? x : base` for the values an environment sets.
std::string expression(const Field& f) {
  std::string base = "undefined";
  for (const auto& [env, v] : f.values)
    if (env.empty()) base = v;
  std::string out;
  for (const auto& [env, v] : f.values)
    if (!env.empty()) out += fmt::format("ctx.isEnvironment({}) ? {} : ", quote(env), v);
  return out + base;
}

bool any_environment(const Field& f) {
  return std::any_of(f.values.begin(), f.values.end(),
                     [](const auto& v) { return !v.first.empty(); });
}

}  // namespace

MigrateResult migrate_to_iac(const std::vector<MigrateInput>& inputs,
                             const std::string& project_name) {
  MigrateResult result;
  std::vector<Service> services;
  std::set<std::string> used_ids, used_names;
  bool uses_ctx = project_name.empty();
  for (const MigrateInput& in : inputs) {
    std::vector<ParseError> errors;
    std::unique_ptr<toml::Document> tree =
        in.json ? toml::parse_json(in.text, errors) : toml::parse(in.text, errors);
    if (!errors.empty()) {
      result.errors.push_back(
          fmt::format("{}: does not parse: {}", in.display_path, errors.front().message));
      continue;
    }
    Service s;
    s.display_path = in.display_path;
    s.name = in.service_name;
    for (int i = 2; used_names.count(s.name); ++i) s.name = fmt::format("{}-{}", in.service_name, i);
    used_names.insert(s.name);
    s.variable = identifier_for(s.name, used_ids);
    const toml::Node& root = *tree->root;
    for (const toml::Entry& e : root.entries) {
      if (e.key == "$schema") continue;
      if (e.key == "build" || e.key == "deploy") {
        read_section(s, "", e.key, e.value);
      } else if (e.key == "environments") {
        if (!e.value->is_table()) {
          s.lost("", "environments", e.value, "not a table");
          continue;
        }
        for (const toml::Entry& env : e.value->entries) {
          if (!env.value->is_table()) {
            s.lost("", "environments." + env.key, env.value, "not a table");
            continue;
          }
          if (env.key == "pr") {
            // No documented context test tells a PR environment from a named one.
            for (const toml::Entry& sec : env.value->entries)
              s.lost("pr", sec.key, sec.value,
                     "applies to every PR environment; the railway/iac context has no test "
                     "for a PR environment");
            continue;
          }
          for (const toml::Entry& sec : env.value->entries) {
            if (sec.key == "build" || sec.key == "deploy")
              read_section(s, env.key, sec.key, sec.value);
            else
              s.lost(env.key, sec.key, sec.value, "not a Config as Code section");
          }
        }
      } else {
        s.lost("", e.key, e.value, "not a Config as Code section");
      }
    }
    for (const Field& f : s.fields)
      if (any_environment(f)) uses_ctx = true;
    services.push_back(std::move(s));
  }
  if (!result.errors.empty()) return result;

  std::string out;
  out += "// Generated by `infralint migrate railway` from ";
  for (size_t i = 0; i < services.size(); ++i)
    out += (i ? ", " : "") + services[i].display_path;
  out +=
      ".\n// Review it, then run `railway config plan`. A service cannot be managed by both this "
      "file\n// and railway.toml/railway.json: delete those once this file manages the "
      "service.\n";
  out += "import { defineRailway, project, service } from \"railway/iac\";\n\n";
  out += fmt::format("export default defineRailway(({}) => {{\n", uses_ctx ? "ctx" : "");
  for (const Service& s : services) {
    out += fmt::format("  // {}: no `source` (Config as Code does not name the repository or "
                       "image;\n  // add `source: github(\"owner/repo\")` to manage it here).\n",
                       s.display_path);
    for (const std::string& n : s.not_expressible) out += "  // not expressible: " + n + "\n";
    out += fmt::format("  const {} = service({}", s.variable, quote(s.name));
    if (s.fields.empty()) {
      out += ");\n\n";
      continue;
    }
    out += ", {\n";
    // `build: "<command>"` when the command is the only build setting.
    bool build_is_command = true, has_build = false;
    for (const Field& f : s.fields)
      if (f.group == "build") {
        has_build = true;
        if (f.key != "buildCommand") build_is_command = false;
      }
    for (const std::string_view group : {"build", "", "deploy"}) {
      if (group == "build" && has_build && build_is_command) {
        for (const Field& f : s.fields)
          if (f.group == "build") out += "    build: " + expression(f) + ",\n";
        continue;
      }
      bool open = false;
      for (const Field& f : s.fields) {
        if (f.group != group) continue;
        if (group.empty()) {
          out += fmt::format("    {}: {},\n", f.key, expression(f));
          continue;
        }
        if (!open) out += fmt::format("    {}: {{\n", group);
        open = true;
        out += fmt::format("      {}: {},\n", f.key, expression(f));
      }
      if (open) out += "    },\n";
    }
    out += "  });\n\n";
  }
  std::string name = project_name.empty() ? "ctx.projectName ?? \"app\"" : quote(project_name);
  out += fmt::format("  return project({}, {{\n    resources: [", name);
  for (size_t i = 0; i < services.size(); ++i) out += (i ? ", " : "") + services[i].variable;
  out += "],\n  });\n});\n";
  result.typescript = std::move(out);
  return result;
}

}  // namespace infralint::railway
