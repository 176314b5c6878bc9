#pragma once
// The real consumers of the formats, as oracles shared by the tests: docker-compose's loader,
// promtool and nginx -t. Each test skips, saying so, when its tool is absent.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/kind.hpp"
#include "model/nginx_config.hpp"

namespace infralint::testing {

// docker-compose (Debian's 1.29) is installed.
bool have_docker_compose();
// docker-compose's own loader (what `docker-compose config -q` runs: config.find, then
// config.load with interpolation and validation) over many files in one Python process, so
// that its start-up is paid once: path → "" when accepted, else the error.
std::map<std::string, std::string> compose_batch_verdicts(
    const std::vector<std::filesystem::path>& files);

bool have_promtool();
// `promtool check rules` (or `check config --syntax-only` for a prometheus.yml) accepts it.
bool promtool_accepts(const std::filesystem::path& file, Kind kind);

namespace nginx_oracle {

// nginx and openssl are installed.
bool tools_present();
// A self-signed pair in `tmp` (cert.pem, key.pem); returns cert.pem.
std::filesystem::path make_certificate(const std::filesystem::path& tmp);

struct Prepared {
  std::filesystem::path prefix;
  std::filesystem::path conf;
};
// A copy of the file's directory in a fresh prefix under `tmp`, with what only the deployment
// host has replaced: missing certificates and includes, unresolvable hosts, users, log paths.
Prepared prepare(const std::filesystem::path& file, const std::string& text,
                 const nginx::Config& config, const std::filesystem::path& tmp,
                 const std::filesystem::path& cert, const std::filesystem::path& key);

struct Verdict {
  bool rejected;
  std::string output;
};
Verdict nginx_t(const Prepared& p);

// nginx -t's complaint is about modules or features Debian's nginx-light lacks, not the file.
bool environment_only(const std::string& out);

// The version of that nginx (Debian 12's 1.22): files fixed for it must still pass its -t.
constexpr std::string_view kOracleNginxVersion = "1.22";

}  // namespace nginx_oracle
}  // namespace infralint::testing
