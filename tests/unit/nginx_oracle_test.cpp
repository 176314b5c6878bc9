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
#include "oracle_support.hpp"
#include "model/nginx_config.hpp"
#include "parse/detect.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using namespace infralint::testing::nginx_oracle;

namespace {

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
  // Fixed for the nginx the oracle runs (Debian's 1.22): `http2 on;` would be unknown to it.
  FixOptions options{true, {}};
  options.config.settings.set("nginx-version", std::string(kOracleNginxVersion));
  FixOutcome outcome = fix_text("nginx.conf", Kind::nginx, infralint::testing::read_file(seed),
                                options);
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
