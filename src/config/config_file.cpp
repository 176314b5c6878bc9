#include "config/config_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/spelling.hpp"
#include "engine/rule.hpp"
#include "model/label_schema.hpp"
#include "policy/measures.hpp"

namespace infralint {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string_view> kTopLevelKeys{
    "extends",          "profile", "select", "extend-select", "ignore",  "severity",
    "per-file-ignores", "fail-on", "rules",  "settings",      "policies"};

// Settings every rule may read through FindingSink::settings().
const std::vector<std::string_view> kSettingKeys{
    "kubernetes-version", "nginx-version",    "nginx-prefix",  "label-schema",
    "max-file-size",      "external-services", "default-requests", "default-limits"};

class Reader {
 public:
  Reader(std::string path, std::vector<ConfigError>& errors)
      : path_(std::move(path)), errors_(errors) {}

  void error(const YAML::Node& at, std::string message) {
    const YAML::Mark mark = at.Mark();
    error_at(mark.is_null() ? 1 : mark.line + 1, mark.is_null() ? 1 : mark.column + 1,
             std::move(message));
  }
  void error_at(std::size_t line, std::size_t column, std::string message) {
    errors_.push_back({path_, line, column, std::move(message)});
  }

  std::optional<std::string> scalar(const YAML::Node& n, std::string_view what) {
    if (n.IsScalar()) return n.Scalar();
    error(n, fmt::format("{} must be a string", what));
    return std::nullopt;
  }

  // A string or a list of strings.
  std::vector<std::string> strings(const YAML::Node& n, std::string_view what) {
    std::vector<std::string> out;
    if (n.IsNull()) return out;
    if (n.IsScalar()) return {n.Scalar()};
    if (!n.IsSequence()) {
      error(n, fmt::format("{} must be a list of strings", what));
      return out;
    }
    for (const YAML::Node& item : n)
      if (auto s = scalar(item, fmt::format("each entry of {}", what))) out.push_back(*s);
    return out;
  }

  std::string absolute(const std::string& relative) const {
    fs::path p(relative);
    if (p.is_relative()) p = fs::path(path_).parent_path() / p;
    return p.lexically_normal().string();
  }

  // A selector must match a rule, a profile-independent group or a peer id.
  bool check_selector(const YAML::Node& at, const std::string& selector) {
    for (const auto& r : Registry::instance().rules())
      if (selector_matches(selector, r->meta())) return true;
    std::vector<std::string_view> known{"all"};
    std::set<std::string_view> domains;
    for (const auto& r : Registry::instance().rules()) {
      const RuleMeta& m = r->meta();
      known.push_back(m.id);
      domains.insert(m.id.substr(0, m.id.find('/')));
      for (std::string_view a : m.aliases) known.push_back(a.substr(a.find(':') + 1));
    }
    known.insert(known.end(), domains.begin(), domains.end());
    auto near = closest_spelling(selector, known, 3);
    error(at, fmt::format("`{}` matches no rule, domain, category, compliance tag or peer id{}",
                          selector, near ? fmt::format("; did you mean `{}`?", *near) : ""));
    return false;
  }

  Selectors selectors(const YAML::Node& n, std::string_view key) {
    Selectors out;
    out.set = true;
    if (n.IsSequence()) {
      for (const YAML::Node& item : n) {
        auto s = scalar(item, fmt::format("each entry of `{}`", key));
        if (s && check_selector(item, *s)) out.values.push_back(*s);
      }
    } else if (auto s = scalar(n, fmt::format("`{}`", key)); s && check_selector(n, *s)) {
      out.values.push_back(*s);
    }
    return out;
  }

  std::optional<Severity> severity(const YAML::Node& n, std::string_view what) {
    auto s = scalar(n, what);
    if (!s) return std::nullopt;
    auto sev = parse_severity(*s);
    if (!sev) error(n, fmt::format("{} must be error, warning or info, not `{}`", what, *s));
    return sev;
  }

  std::optional<RuleOptions::Value> option_value(const YAML::Node& n, const OptionSpec& spec) {
    std::string what = fmt::format("option `{}` ({})", spec.name, to_string(spec.type));
    try {
      switch (spec.type) {
        case OptionType::flag:
          if (n.IsScalar()) return n.as<bool>();
          break;
        case OptionType::number:
          if (n.IsScalar()) return n.as<double>();
          break;
        case OptionType::string:
          if (!n.IsScalar()) break;
          if (spec.has_form && !spec.has_form(n.Scalar())) {
            error(n, fmt::format("{} must be {}, not `{}`", what, spec.form, n.Scalar()));
            return std::nullopt;
          }
          return n.Scalar();
        case OptionType::strings:
          if (n.IsScalar() || n.IsSequence()) return strings(n, what);
          break;
        case OptionType::table:
          if (n.IsMap()) {
            RuleOptions::Table table;
            for (const auto& kv : n)
              if (auto v = scalar(kv.second, what)) table[kv.first.Scalar()] = *v;
            return table;
          }
          break;
      }
    } catch (const YAML::Exception&) {
    }
    error(n, fmt::format("{} must be a {}", what, to_string(spec.type)));
    return std::nullopt;
  }

  void rule_options(const YAML::Node& n, ConfigFile& out) {
    if (!n.IsMap()) return error(n, "`rules` must map rule ids to their options");
    for (const auto& entry : n) {
      const std::string id = entry.first.Scalar();
      auto found = Registry::instance().resolve(id);
      if (found.empty()) {
        check_selector(entry.first, id);
        continue;
      }
      if (!entry.second.IsMap()) {
        error(entry.second, fmt::format("the options of `{}` must be a mapping", id));
        continue;
      }
      for (const Rule* rule : found) {
        const RuleMeta& meta = rule->meta();
        RuleOptions& options = out.rule_options[std::string(meta.id)];
        for (const auto& option : entry.second) {
          const std::string name = option.first.Scalar();
          const OptionSpec* spec = nullptr;
          std::vector<std::string_view> names;
          for (const OptionSpec& s : meta.options) {
            names.push_back(s.name);
            if (s.name == name) spec = &s;
          }
          if (!spec) {
            if (names.empty()) {
              error(option.first, fmt::format("rule `{}` has no options", meta.id));
            } else {
              auto near = closest_spelling(name, names, 3);
              error(option.first,
                    fmt::format("rule `{}` has no option `{}`{}; its options: {}", meta.id, name,
                                near ? fmt::format(" (did you mean `{}`?)", *near) : "",
                                fmt::join(names, ", ")));
            }
            continue;
          }
          if (auto v = option_value(option.second, *spec)) options.set(name, std::move(*v));
        }
      }
    }
  }

  void settings(const YAML::Node& n, ConfigFile& out) {
    if (!n.IsMap()) return error(n, "`settings` must be a mapping");
    for (const auto& entry : n) {
      const std::string key = entry.first.Scalar();
      if (std::find(kSettingKeys.begin(), kSettingKeys.end(), key) == kSettingKeys.end()) {
        auto near = closest_spelling(key, kSettingKeys, 3);
        error(entry.first, fmt::format("unknown setting `{}`{}", key,
                                       near ? fmt::format("; did you mean `{}`?", *near) : ""));
        continue;
      }
      if (key == "label-schema") {
        label_schema(entry.second, out);
        continue;
      }
      if (key == "max-file-size") {
        max_file_size(entry.second, out);
        continue;
      }
      if (key == "default-requests" || key == "default-limits") {
        resource_defaults(key, entry.second, out);
        continue;
      }
      if (key == "external-services") {  // targets of stack rules living outside the repository
        out.settings.set(key, strings(entry.second, "setting `external-services`"));
        continue;
      }
      if (key == "nginx-prefix") {  // relative: to the configuration file's directory
        if (auto v = scalar(entry.second, "setting `nginx-prefix`"))
          out.settings.set(key, (fs::path(path_).parent_path() / *v).lexically_normal().string());
        continue;
      }
      if (auto v = scalar(entry.second, fmt::format("setting `{}`", key))) {
        if (!is_version_text(*v)) {
          error(entry.second,
                fmt::format("setting `{}` must be a version such as \"1.31\", not `{}`", key, *v));
          continue;
        }
        out.settings.set(key, *v);
      }
    }
  }

  // `{cpu: 250m, memory: 256Mi}`: what the unsafe resource fixes write instead of placeholders.
  void resource_defaults(const std::string& key, const YAML::Node& n, ConfigFile& out) {
    if (!n.IsMap()) return error(n, fmt::format("setting `{}` must map cpu and memory to "
                                                "Kubernetes quantities such as 250m and 256Mi",
                                                key));
    RuleOptions::Table table;
    for (const auto& kv : n) {
      auto value = scalar(kv.second, fmt::format("`{}.{}`", key, kv.first.Scalar()));
      if (!value) continue;
      std::string problem = resource_default_problem(kv.first.Scalar(), *value);
      if (!problem.empty()) {
        error(kv.first, fmt::format("setting `{}`: {}", key, problem));
        continue;
      }
      table[kv.first.Scalar()] = *value;
    }
    out.settings.set(key, std::move(table));
  }

  // Bytes, or a number with a unit: 500k, 20MB, 1.5MiB (k/M/G are powers of 1024, as
  // --max-file-size's messages print them).
  void max_file_size(const YAML::Node& n, ConfigFile& out) {
    auto v = scalar(n, "setting `max-file-size`");
    if (!v) return;
    std::string text = *v;
    std::size_t used = 0;
    double number = 0;
    try {
      number = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    std::string unit = text.substr(used);
    std::erase(unit, ' ');
    std::transform(unit.begin(), unit.end(), unit.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    double scale = unit.empty() || unit == "b"                    ? 1
                   : unit == "k" || unit == "kb" || unit == "kib" ? 1024.0
                   : unit == "m" || unit == "mb" || unit == "mib" ? 1024.0 * 1024
                   : unit == "g" || unit == "gb" || unit == "gib" ? 1024.0 * 1024 * 1024
                                                                  : 0;
    if (used == 0 || scale == 0 || !(number > 0)) {
      error(n, fmt::format("setting `max-file-size` must be a size in bytes such as 10485760 or "
                           "\"10MiB\", not `{}`",
                           text));
      return;
    }
    out.settings.set("max-file-size", number * scale);
  }

  // hadolint's label schema: `{label: type}` with the types of LabelType.
  void label_schema(const YAML::Node& n, ConfigFile& out) {
    if (!n.IsMap()) return error(n, "`label-schema` must map label names to a type");
    RuleOptions::Table table;
    std::vector<std::string_view> types{"text",    "url",  "semver", "hash",
                                        "rfc3339", "spdx", "email"};
    for (const auto& kv : n) {
      auto type = scalar(kv.second, "a label type");
      if (!type) continue;
      if (!parse_label_type(*type)) {
        auto near = closest_spelling(*type, types, 2);
        error(kv.second, fmt::format("unknown label type `{}`{}; types: {}", *type,
                                     near ? fmt::format(" (did you mean `{}`?)", *near) : "",
                                     fmt::join(types, ", ")));
        continue;
      }
      table[kv.first.Scalar()] = *type;
    }
    out.settings.set("label-schema", std::move(table));
  }

  void read(const YAML::Node& root, ConfigFile& out) {
    if (root.IsNull()) return;  // an empty file: the defaults
    if (!root.IsMap()) return error(root, "a configuration file must be a mapping of settings");
    std::set<std::string> seen;
    for (const auto& entry : root) {
      const YAML::Node& key_node = entry.first;
      const YAML::Node& value = entry.second;
      const std::string key = key_node.Scalar();
      if (!seen.insert(key).second) {
        error(key_node, fmt::format("`{}` is set twice; the second replaces the first", key));
      }
      if (key == "extends") {
        for (const std::string& p : strings(value, "`extends`")) out.extends.push_back(absolute(p));
      } else if (key == "profile") {
        auto p = scalar(value, "`profile`");
        if (p && is_profile(*p)) {
          out.profile = *p;
        } else if (p) {
          auto near = closest_spelling(*p, profile_names(), 3);
          error(value, fmt::format("unknown profile `{}`{}; profiles: {}", *p,
                                   near ? fmt::format(" (did you mean `{}`?)", *near) : "",
                                   fmt::join(profile_names(), ", ")));
        }
      } else if (key == "select") {
        out.select = selectors(value, key);
      } else if (key == "extend-select") {
        out.extend_select = selectors(value, key);
      } else if (key == "ignore") {
        out.ignore = selectors(value, key);
      } else if (key == "severity") {
        if (!value.IsMap()) {
          error(value, "`severity` must map rules (ids, domains, categories) to a severity");
          continue;
        }
        for (const auto& kv : value) {
          const std::string selector = kv.first.Scalar();
          if (!check_selector(kv.first, selector)) continue;
          if (auto sev = severity(kv.second, fmt::format("the severity of `{}`", selector)))
            out.severities.push_back({selector, *sev});
        }
      } else if (key == "per-file-ignores") {
        if (!value.IsMap()) {
          error(value, "`per-file-ignores` must map path globs to lists of rules");
          continue;
        }
        for (const auto& kv : value) {
          PathIgnore ignore{kv.first.Scalar(), selectors(kv.second, "per-file-ignores").values,
                            fs::path(path_).parent_path().lexically_normal().string()};
          if (!ignore.selectors.empty()) out.path_ignores.push_back(std::move(ignore));
        }
      } else if (key == "fail-on") {
        out.fail_on = severity(value, "`fail-on`");
      } else if (key == "rules") {
        rule_options(value, out);
      } else if (key == "settings") {
        settings(value, out);
      } else if (key == "policies") {
        // Paths to policy files, or policies written in place (read by src/policy).
        if (!value.IsSequence()) {
          error(value, "`policies` must be a list of policy files or policies");
          continue;
        }
        for (const YAML::Node& item : value) {
          if (item.IsScalar()) out.policies.push_back(absolute(item.Scalar()));
          else if (item.IsMap()) out.inline_policies = true;
          else error(item, "each entry of `policies` must be a file path or a policy");
        }
      } else {
        auto near = closest_spelling(key, kTopLevelKeys, 3);
        error(key_node,
              fmt::format("unknown key `{}`{}", key,
                          near ? fmt::format("; did you mean `{}`?", *near)
                               : fmt::format("; keys: {}", fmt::join(kTopLevelKeys, ", "))));
      }
    }
  }

 private:
  std::string path_;
  std::vector<ConfigError>& errors_;
};

}  // namespace

std::string ConfigError::to_string() const {
  return fmt::format("{}:{}:{}: error: {}", path, line, column, message);
}

bool is_version_text(std::string_view v) {
  if (v.starts_with('v')) v.remove_prefix(1);
  if (v.empty() || !std::isdigit(static_cast<unsigned char>(v.front()))) return false;
  return v.find_first_not_of("0123456789.") == std::string_view::npos;
}

std::string resource_default_problem(std::string_view resource, std::string_view value) {
  if (resource != "cpu" && resource != "memory")
    return fmt::format("unknown resource `{}`; resources: cpu, memory", resource);
  auto amount = policy::parse_quantity(value);
  if (!amount || !(*amount > 0))
    return fmt::format("{} `{}` is not a positive Kubernetes quantity such as {}", resource,
                       value, resource == "cpu" ? "250m or 1" : "256Mi or 1Gi");
  return "";
}

std::string parse_resource_defaults(std::string_view text, RuleOptions::Table& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view item = text.substr(start, comma == std::string_view::npos ? text.npos
                                                                                : comma - start);
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos)
      return fmt::format("`{}` is not RESOURCE=QUANTITY (for example cpu=250m,memory=256Mi)", item);
    std::string_view resource = item.substr(0, eq), value = item.substr(eq + 1);
    std::string problem = resource_default_problem(resource, value);
    if (!problem.empty()) return problem;
    out[std::string(resource)] = std::string(value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return "";
}

const std::vector<std::string>& config_file_names() {
  static const std::vector<std::string> names{".infralint.yaml", ".infralint.yml"};
  return names;
}

ConfigFile parse_config_text(const std::string& path, const std::string& text,
                             std::vector<ConfigError>& errors) {
  ConfigFile out;
  out.path = path;
  Reader reader(path, errors);
  try {
    reader.read(YAML::Load(text), out);
  } catch (const YAML::Exception& e) {
    reader.error_at(e.mark.is_null() ? 1 : e.mark.line + 1,
                    e.mark.is_null() ? 1 : e.mark.column + 1,
                    fmt::format("not valid YAML: {}", e.msg));
  }
  return out;
}

ConfigFile read_config_file(const std::string& path, std::vector<ConfigError>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({path, 1, 1, "cannot read the configuration file"});
    ConfigFile out;
    out.path = path;
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config_text(path, text.str(), errors);
}

void apply_config_file(const ConfigFile& file, LintConfig& config) {
  if (file.profile) config.selection.profile = *file.profile;
  if (file.select.set) config.selection.select = file.select.values;
  if (file.extend_select.set) config.selection.extend_select = file.extend_select.values;
  if (file.ignore.set) config.selection.ignore = file.ignore.values;
  config.severities.insert(config.severities.end(), file.severities.begin(), file.severities.end());
  config.path_ignores.insert(config.path_ignores.end(), file.path_ignores.begin(),
                             file.path_ignores.end());
  if (file.fail_on) config.fail_on = file.fail_on;
  for (const auto& [id, options] : file.rule_options) config.rule_options[id].merge_from(options);
  config.settings.merge_from(file.settings);
  config.source = file.path;
}

}  // namespace infralint
