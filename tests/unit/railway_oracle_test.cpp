// Differential test of the railway.toml / railway.json reader against Python's tomllib and
// json modules (the reference TOML 1.0 and JSON readers at hand): for every railway fixture
// and corpus file, both accept or both reject it, and when they accept, they read the same
// values. Good and fixed fixtures must be accepted: a fix never breaks the file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "parse/toml/toml.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
namespace toml = infralint::toml;

namespace {

constexpr std::string_view kReader = R"py(
import json, sys, tomllib
path = sys.argv[1]
try:
    with open(path, 'rb') as f:
        data = json.load(f) if path.endswith('.json') else tomllib.load(f)
    print(json.dumps({'ok': True, 'value': data}, default=str))
except Exception as e:
    print(json.dumps({'ok': False, 'error': str(e)}))
)py";

std::string run(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  if (!pipe) return out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe.get()))
    out.append(buffer.data(), n);
  return out;
}

json number(const std::string& text, bool floating) {
  std::string digits;
  for (char c : text)
    if (c != '_') digits += c;
  if (floating) return std::stod(digits);
  int base = 10;
  std::size_t skip = 0;
  if (digits.starts_with("0x")) base = 16, skip = 2;
  if (digits.starts_with("0o")) base = 8, skip = 2;
  if (digits.starts_with("0b")) base = 2, skip = 2;
  return std::stoll(digits.substr(skip), nullptr, base);
}

json to_json(const toml::Node& n) {
  switch (n.type) {
    case toml::Type::table: {
      json out = json::object();
      for (const toml::Entry& e : n.entries) out[e.key] = to_json(*e.value);
      return out;
    }
    case toml::Type::array: {
      json out = json::array();
      for (const toml::Node* i : n.items) out.push_back(to_json(*i));
      return out;
    }
    case toml::Type::string:
      return n.text;
    case toml::Type::integer:
      return number(n.text, false);
    case toml::Type::floating:
      return number(n.text, true);
    case toml::Type::boolean:
      return n.text == "true";
    case toml::Type::datetime:
      return n.text;  // no railway file has one
    case toml::Type::null:
      return nullptr;
  }
  return nullptr;
}

std::vector<fs::path> railway_files() {
  std::vector<fs::path> out;
  auto add_tree = [&](const fs::path& root, bool fixture) {
    if (!fs::is_directory(root)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::string name = entry.path().filename().string();
      bool config = name.ends_with(".toml") || name.ends_with(".json");
      if (!config || (fixture && name.starts_with("expected"))) continue;
      out.push_back(entry.path());
    }
  };
  add_tree(infralint::testing::fixtures_dir() / "railway", true);
  for (auto name : {"no-health-check"}) {
    for (const auto& entry :
         fs::directory_iterator(infralint::testing::fixtures_dir() / "container" / name)) {
      std::string file = entry.path().filename().string();
      if (file.find("railway") != std::string::npos && !file.starts_with("expected"))
        out.push_back(entry.path());
    }
  }
  out.push_back(infralint::testing::fixtures_dir() / "stacks" / "seed" / "railway.toml");
  if (auto shared = infralint::testing::shared_dir())
    add_tree(*shared / "corpus" / "railway", false);
  return out;
}

}  // namespace

TEST_CASE("railway oracle: the reader agrees with Python's tomllib and json") {
  if (run("python3 -c 'import tomllib' 2>&1 && echo yes").find("yes") == std::string::npos) {
    MESSAGE("skipped: python3 with tomllib is not installed");
    return;
  }
  // One script per process: test runs of several checkouts may share the temp directory.
  fs::path script = fs::temp_directory_path() /
                    ("infralint-railway-oracle-" + std::to_string(::getpid()) + ".py");
  {
    std::FILE* f = std::fopen(script.c_str(), "w");
    REQUIRE(f);
    std::fwrite(kReader.data(), 1, kReader.size(), f);
    std::fclose(f);
  }
  std::size_t agreed = 0;
  for (const fs::path& file : railway_files()) {
    CAPTURE(file);
    std::string text = infralint::testing::read_file(file);
    std::vector<infralint::ParseError> errors;
    bool is_json = file.extension() == ".json";
    auto doc = is_json ? toml::parse_json(text, errors) : toml::parse(text, errors);
    json python = json::parse(run("python3 '" + script.string() + "' '" + file.string() + "'"));
    CHECK_MESSAGE(
        python["ok"].get<bool>() == errors.empty(),
        (errors.empty() ? std::string("python rejects it: ") + python.value("error", std::string())
                        : "we reject it: " + errors.front().message));
    std::string name = file.filename().string();
    if (name.starts_with("good") || name.starts_with("fixed"))
      CHECK_MESSAGE(errors.empty(), "a good or fixed fixture does not parse");
    if (!python["ok"].get<bool>() || !errors.empty()) {
      agreed += python["ok"].get<bool>() == errors.empty();
      continue;
    }
    json ours = to_json(*doc->root);
    json theirs = python["value"];
    CHECK_MESSAGE(ours == theirs, "ours " << ours.dump() << "\npython " << theirs.dump());
    agreed += ours == theirs;
  }
  fs::remove(script);
  MESSAGE("tomllib/json agreed on " << agreed << " railway files");
  CHECK(agreed > 0);
}
