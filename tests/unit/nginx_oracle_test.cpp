// The real `nginx -t` (Debian's nginx-light, installed by scripts/setup.sh) is the oracle: on
// every complete nginx configuration among the fixtures (bad, good and fixed files) and in
// ../shared/corpus/nginx, infralint reports an error-severity finding exactly when nginx -t
// rejects the file.
//
// Each file is checked in a temporary prefix holding a copy of its directory, with what only
// the deployment host has replaced in the copy: missing certificates by a generated self-signed
// pair, missing included files by empty ones, host names nginx cannot resolve here (upstreams,
// proxy_pass) by 127.0.0.1, unknown system users by nobody, and log/pid paths by files in the
// prefix. infralint lints the original file.
//
// Documented exceptions (counted, not failed): directives of modules nginx-light lacks (lua,
// brotli, geoip2, headers-more, njs, and the mail, stream, perl, xslt and image_filter modules
// Debian ships as separate packages), which infralint either knows (lua, headers-more: an
// OpenResty build accepts them) or reports as unknown; and NGINX features newer than Debian's
// 1.22 (`http2 on`, `ssl_reject_handshake`, ...), which the catalogue accepts.
#include <doctest/doctest.h>
#include <netdb.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/edit.hpp"
#include "engine/runner.hpp"
#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "model/nginx_config.hpp"
#include "parse/detect.hpp"

namespace fs = std::filesystem;
using namespace infralint;

namespace {

bool resolvable(const std::string& host) {
  if (host.empty() || host.front() == '$') return true;
  addrinfo* res = nullptr;
  int rc = ::getaddrinfo(host.c_str(), nullptr, nullptr, &res);
  if (res) ::freeaddrinfo(res);
  return rc == 0;
}

// The host of `server host:port params` or `http://host:port/path`.
std::pair<std::size_t, std::size_t> host_range(const std::string& value) {
  std::size_t begin = 0;
  auto scheme = value.find("://");
  if (scheme != std::string::npos) begin = scheme + 3;
  std::size_t end = value.find_first_of(":/", begin);
  if (end == std::string::npos) end = value.size();
  return {begin, end};
}

struct Prepared {
  fs::path prefix;
  fs::path conf;
};

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

struct Verdict {
  bool rejected;
  std::string output;
};

Verdict nginx_t(const Prepared& p) {
  fs::path log = p.prefix / "nginx-t.out";
  std::string cmd = "nginx -t -q -p '" + p.prefix.string() + "/' -c '" + p.conf.string() +
                    "' -g 'error_log stderr;' >'" + log.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  return {rc != 0, infralint::testing::read_file(log)};
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

// What nginx -t checks that infralint does not model yet (counted and listed, not failed):
// references to variables no module defines, and `is duplicate` for single-valued directives.
bool known_gap(const std::string& out) {
  return (out.find("unknown \"") != std::string::npos &&
          out.find("\" variable") != std::string::npos) ||
         out.find("is duplicate") != std::string::npos;
}

struct Tally {
  std::size_t agree = 0, disagree = 0, exceptions = 0, gaps = 0, rejected = 0;
};

void check_file(const fs::path& file, const fs::path& tmp, const fs::path& cert,
                const fs::path& key, Tally& tally) {
  std::string text = infralint::testing::read_file(file);
  InputFile input;
  input.fs_path = file.string();
  input.path = file.string();
  input.kind = Kind::nginx;
  input.named_explicitly = true;
  std::vector<InputError> errors;
  auto doc = load_document(input, 16 * 1024 * 1024, errors);
  if (!doc || !doc->skipped_reason().empty()) return;
  auto findings = lint_document(*doc, RuleSelection{});
  const auto* config = doc->tree<nginx::Config>();
  if (!config) return;
  bool complete = false;
  for (const auto& d : config->directives) complete |= d.is("events");
  if (!complete) return;
  bool ours = false;
  std::string first;
  for (const Finding& f : findings)
    if (f.severity == Severity::error) {
      ours = true;
      if (first.empty()) first = std::string(f.rule_id) + ": " + f.message;
    }
  Prepared p = prepare(file, text, *config, tmp, cert, key);
  Verdict v = nginx_t(p);
  tally.rejected += v.rejected;
  if (ours == v.rejected) {
    ++tally.agree;
    return;
  }
  if (!ours && known_gap(v.output)) {
    ++tally.gaps;
    MESSAGE("known gap " << file << ": " << v.output);
    return;
  }
  if (environment_only(v.output)) {
    ++tally.exceptions;
    MESSAGE("exception (environment) " << file << ": " << v.output);
    return;
  }
  ++tally.disagree;
  CHECK_MESSAGE(ours == v.rejected,
                file << ": nginx -t " << (v.rejected ? "rejects" : "accepts") << " it, infralint "
                     << (ours ? "reports an error: " + first : std::string("reports no error"))
                     << "\nnginx -t: " << v.output);
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

}  // namespace

TEST_CASE(
    "nginx oracle: `fix --unsafe-fixes` turns the seed stack's nginx.conf into one nginx -t "
    "accepts") {
  if (!tools_present()) {
    MESSAGE("nginx or openssl is not installed (scripts/setup.sh installs nginx-light): skipped");
    return;
  }
  fs::path tmp = fs::temp_directory_path() / ("infralint-nginx-seed-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "src");
  make_certificate(tmp);
  fs::path seed = infralint::testing::fixtures_dir() / "stacks/seed/nginx/nginx.conf";
  FixOutcome outcome = fix_text("nginx.conf", Kind::nginx, infralint::testing::read_file(seed),
                                FixOptions{true, {}});
  CHECK(outcome.problems.empty());
  fs::path fixed = tmp / "src" / "nginx.conf";
  std::ofstream(fixed) << outcome.text;
  Tally tally;
  check_file(seed, tmp, tmp / "cert.pem", tmp / "key.pem", tally);
  CHECK_MESSAGE(tally.rejected == 1, "nginx -t should reject the seed as written");
  Tally after;
  check_file(fixed, tmp, tmp / "cert.pem", tmp / "key.pem", after);
  CHECK_MESSAGE(after.rejected == 0, "nginx -t rejects the fixed seed nginx.conf");
  CHECK(after.agree == 1);
  fs::remove_all(tmp);
}

TEST_CASE("nginx oracle: infralint reports an error exactly when nginx -t rejects") {
  if (!tools_present()) {
    MESSAGE("nginx or openssl is not installed (scripts/setup.sh installs nginx-light): skipped");
    return;
  }
  fs::path tmp =
      fs::temp_directory_path() / ("infralint-nginx-oracle-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  fs::path cert = make_certificate(tmp), key = tmp / "key.pem";

  std::vector<fs::path> files;
  for (const auto& entry :
       fs::recursive_directory_iterator(infralint::testing::fixtures_dir() / "nginx"))
    if (entry.is_regular_file() && entry.path().extension() == ".conf")
      files.push_back(entry.path());
  files.push_back(infralint::testing::fixtures_dir() / "stacks/seed/nginx/nginx.conf");
  std::sort(files.begin(), files.end());
  Tally fixtures;
  for (const auto& f : files) check_file(f, tmp, cert, key, fixtures);
  MESSAGE("nginx -t on fixtures: " << fixtures.agree << " agree (" << fixtures.rejected
                                   << " rejected by nginx), " << fixtures.disagree << " disagree, "
                                   << fixtures.exceptions << " exceptions, " << fixtures.gaps
                                   << " known gaps");
  CHECK(fixtures.agree > 10);

  if (auto shared = infralint::testing::shared_dir()) {
    fs::path corpus = *shared / "corpus/nginx";
    if (fs::is_directory(corpus)) {
      std::vector<fs::path> corpus_files;
      for (const auto& entry : fs::recursive_directory_iterator(corpus))
        if (entry.is_regular_file() &&
            detect_kind(entry.path().string(), infralint::testing::read_file(entry.path())) ==
                Kind::nginx)
          corpus_files.push_back(entry.path());
      std::sort(corpus_files.begin(), corpus_files.end());
      Tally tally;
      for (const auto& f : corpus_files) check_file(f, tmp, cert, key, tally);
      MESSAGE("nginx -t on corpus: " << tally.agree << " agree (" << tally.rejected
                                     << " rejected by nginx), " << tally.disagree << " disagree, "
                                     << tally.exceptions << " exceptions, " << tally.gaps
                                     << " known gaps");
    }
  }
  fs::remove_all(tmp);
}
