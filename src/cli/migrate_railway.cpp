#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "model/railway_iac.hpp"

namespace infralint::cli {

namespace fs = std::filesystem;

namespace {

bool is_json(const fs::path& p) { return p.extension() == ".json"; }

// The service a config file configures: the name of the directory holding it.
std::string service_name_of(const fs::path& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(file, ec).parent_path();
  std::string name = dir.filename().string();
  return name.empty() ? "app" : name;
}

}  // namespace

int run_migrate_railway_command(const MigrateOptions& options) {
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(".");
  std::vector<railway::MigrateInput> inputs;
  for (const std::string& p : paths) {
    fs::path path(p);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      fs::path toml = path / "railway.toml", json = path / "railway.json";
      bool has_toml = fs::is_regular_file(toml, ec), has_json = fs::is_regular_file(json, ec);
      if (has_toml && has_json) {
        std::cerr << "infralint: " << p
                  << " holds both railway.toml and railway.json; name the one the service uses\n";
        return 2;
      }
      if (!has_toml && !has_json) {
        std::cerr << "infralint: no railway.toml or railway.json in " << p << '\n';
        return 2;
      }
      path = has_toml ? toml : json;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "infralint: cannot read " << path.string() << ": " << std::strerror(errno)
                << '\n';
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    inputs.push_back({path.lexically_normal().string(), text.str(), is_json(path),
                      service_name_of(path)});
  }
  railway::MigrateResult result = railway::migrate_to_iac(inputs, options.project);
  if (!result.errors.empty()) {
    for (const std::string& e : result.errors) std::cerr << "infralint: " << e << '\n';
    return 2;
  }
  if (options.output.empty()) {
    std::cout << result.typescript;
    return 0;
  }
  fs::path out(options.output);
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  // "x": fail if the file exists, atomically, so an existing railway.ts is never replaced.
  std::FILE* f = std::fopen(out.c_str(), "wx");
  if (!f) {
    if (errno == EEXIST)
      std::cerr << "infralint: " << options.output
                << " already exists; not overwriting it (remove it or choose another -o)\n";
    else
      std::cerr << "infralint: cannot write " << options.output << ": " << std::strerror(errno)
                << '\n';
    return 2;
  }
  bool ok = std::fwrite(result.typescript.data(), 1, result.typescript.size(), f) ==
            result.typescript.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::cerr << "infralint: cannot write " << options.output << '\n';
    return 2;
  }
  std::cerr << "infralint: wrote " << options.output << '\n';
  return 0;
}

}  // namespace infralint::cli
