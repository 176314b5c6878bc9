#include "oracle_support.hpp"

#include <doctest/doctest.h>
#include <netdb.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/edit.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;

namespace infralint::testing {

std::map<std::string, std::string> compose_batch_verdicts(const std::vector<fs::path>& files) {
  std::map<std::string, std::string> verdicts;
  if (files.empty()) return verdicts;
  TempDir scratch;
  fs::path script = scratch.path / "oracle.py";
  std::ofstream(script) << R"py(import os, sys
from compose.config import config
from compose.config.environment import Environment
for path in sys.argv[1:]:
    base = os.path.dirname(path)
    try:
        details = config.find(base, [os.path.basename(path)], Environment.from_env_file(base))
        config.load(details)
        print("OK\t" + path)
    except Exception as e:
        print("FAIL\t" + path + "\t" + " ".join(str(e).split()))
)py";
  std::string command = "/usr/bin/python3 " + shell_quote(script.string());
  for (const fs::path& f : files) command += " " + shell_quote(f.string());
  auto result = run_shell(command + " 2>/dev/null");
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    auto second = line.find('\t', tab + 1);
    std::string path = line.substr(tab + 1, second == std::string::npos ? std::string::npos : second - tab - 1);
    verdicts[path] = line.starts_with("OK") ? "" : (second == std::string::npos ? "rejected" : line.substr(second + 1));
  }
  for (const fs::path& f : files)
    if (!verdicts.count(f.string())) verdicts[f.string()] = "no verdict (the oracle crashed)";
  return verdicts;
}


bool have_docker_compose() {
  return run_shell("command -v docker-compose >/dev/null 2>&1").exit_code == 0;
}


bool have_promtool() {
  return std::system("promtool --version >/dev/null 2>&1") == 0;
}

bool promtool_accepts(const fs::path& file, Kind kind) {
  std::string cmd = kind == Kind::prometheus_config ? "promtool check config --syntax-only "
                                                    : "promtool check rules ";
  cmd += shell_quote(file.string()) + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}


namespace nginx_oracle {

static bool resolvable(const std::string& host) {
  if (host.empty() || host.front() == '$') return true;
  addrinfo* res = nullptr;
  int rc = ::getaddrinfo(host.c_str(), nullptr, nullptr, &res);
  if (res) ::freeaddrinfo(res);
  return rc == 0;
}

// The host of `server host:port params` or `http://host:port/path`.
static std::pair<std::size_t, std::size_t> host_range(const std::string& value) {
  std::size_t begin = 0;
  auto scheme = value.find("://");
  if (scheme != std::string::npos) begin = scheme + 3;
  std::size_t end = value.find_first_of(":/", begin);
  if (end == std::string::npos) end = value.size();
  return {begin, end};
}

Prepared prepare(const fs::path& file, const std::string& text, const nginx::Config& config,
                 const fs::path& tmp, const fs::path& cert, const fs::path& key) {
  static int counter = 0;
  Prepared p;
  p.prefix = tmp / ("case" + std::to_string(counter++));
  fs::create_directories(p.prefix);
  // Copy the directory (small in fixtures and corpus) so relative includes resolve.
  for (const auto& entry : fs::directory_iterator(file.parent_path())) {
    std::error_code ec;
    fs::copy(entry.path(), p.prefix / entry.path().filename(),
             fs::copy_options::recursive | fs::copy_options::skip_symlinks, ec);
  }
  std::set<std::string> upstreams;
  nginx::walk(config, nginx::Context::main, [&](const nginx::Visit& v) {
    if (v.directive.is("upstream") && !v.directive.args.empty())
      upstreams.insert(v.directive.args[0].value);
  });
  std::vector<Edit> edits;
  auto replace_arg = [&](const nginx::Arg& a, const std::string& value) {
    edits.push_back({a.span, "\"" + value + "\""});
  };
  int stub = 0;
  nginx::walk(config, nginx::Context::main, [&](const nginx::Visit& v) {
    const nginx::Directive& d = v.directive;
    if (!v.in_document() || d.args.empty()) return;
    const nginx::Arg& a = d.args[0];
    auto exists = [&](const std::string& path) {
      return fs::exists(fs::path(path).is_absolute() ? fs::path(path) : p.prefix / path);
    };
    if (d.is("include") && a.value.find_first_of("*?[") == std::string::npos && !exists(a.value)) {
      fs::path empty = p.prefix / ("stub" + std::to_string(stub++) + ".conf");
      std::ofstream(empty).flush();
      replace_arg(a, empty.string());
    } else if ((d.is("ssl_certificate") || d.is("ssl_trusted_certificate") ||
                d.is("ssl_client_certificate") || d.is("proxy_ssl_trusted_certificate")) &&
               a.value.find('$') == std::string::npos && !exists(a.value)) {
      replace_arg(a, cert.string());
    } else if (d.is("ssl_certificate_key") && a.value.find('$') == std::string::npos &&
               !exists(a.value)) {
      replace_arg(a, key.string());
    } else if (d.is("ssl_dhparam") || d.is("ssl_stapling_file") || d.is("ssl_session_ticket_key") ||
               d.is("ssl_password_file")) {
      edits.push_back({d.span(), "#" + std::string(d.name)});
    } else if (d.is("user")) {
      edits.push_back({Span{a.span.begin, d.args.back().span.end}, "nobody nogroup"});
    } else if (d.name.ends_with("_temp_path") || d.is("proxy_cache_path") ||
               d.is("fastcgi_cache_path") || d.is("uwsgi_cache_path")) {
      replace_arg(a, (p.prefix / ("dir" + std::to_string(stub++))).string());
    } else if (d.is("pid") || d.is("error_log") || d.is("access_log")) {
      if (a.value != "off" && a.value != "stderr" && !a.value.starts_with("syslog:") &&
          a.value.find('$') == std::string::npos)
        replace_arg(a, (p.prefix / ("log" + std::to_string(stub++))).string());
    } else if ((d.is("server") && v.context == nginx::Context::upstream) || d.is("proxy_pass") ||
               d.is("fastcgi_pass") || d.is("uwsgi_pass") || d.is("grpc_pass")) {
      if (a.value.starts_with("unix:") || a.value.find("://unix:") != std::string::npos) return;
      auto [b, e] = host_range(a.value);
      std::string host = a.value.substr(b, e - b);
      bool upstream_name = !d.is("server") && upstreams.count(host);
      if (!upstream_name && !resolvable(host) && host.find('$') == std::string::npos) {
        std::string value = a.value;
        value.replace(b, e - b, "127.0.0.1");
        replace_arg(a, value);
      }
    }
  });
  std::string out;
  REQUIRE(apply_edits(text, edits, out));
  p.conf = p.prefix / "nginx.conf.oracle";
  std::ofstream(p.conf) << out;
  return p;
}

Verdict nginx_t(const Prepared& p) {
  fs::path log = p.prefix / "nginx-t.out";
  std::string cmd = "nginx -t -q -p '" + p.prefix.string() + "/' -c '" + p.conf.string() +
                    "' -g 'error_log stderr;' >'" + log.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  return {rc != 0, read_file(log)};
}

bool environment_only(const std::string& out) {
  for (const char* pattern : {"_by_lua",
                              "lua_",
                              "more_set_headers",
                              "more_clear_headers",
                              "brotli",
                              "geoip2",
                              "js_",
                              "\"http2\" directive",
                              "unknown directive \"http2\"",  // `http2 on;` is nginx 1.25.1+
                              "ssl_reject_handshake",
                              "ssl_conf_command",
                              "keepalive_time",
                              "add_header_inherit",
                              "could not build optimal",
                              "open() \"",
                              "BIO_new_file",
                              "cannot load certificate",
                              "host not found",
                              "no \"events\" section",
                              "invalid parameter \"resolve\"",
                              "invalid event type",
                              "perl_",
                              "unknown directive \"mail\"",
                              "unknown directive \"stream\"",
                              "image_filter",
                              "xslt_"})
    if (out.find(pattern) != std::string::npos) return true;
  return false;
}


bool tools_present() {
  return std::system("command -v nginx >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1") == 0;
}

fs::path make_certificate(const fs::path& tmp) {
  std::string gen =
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout '" +
      (tmp / "key.pem").string() + "' -out '" + (tmp / "cert.pem").string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(gen.c_str()) == 0);
  return tmp / "cert.pem";
}


}  // namespace nginx_oracle
}  // namespace infralint::testing
