// `infralint migrate railway`: the generated .railway/railway.ts of each case under
// fixtures/railway-migrate/ against its golden expected.railway.ts; the refusal to overwrite;
// and a `tsc --noEmit --strict` of each against Railway's IaC SDK (`railway/iac`), pinned with
// TypeScript in tests/tools/ (INFRALINT_RAILWAY_IAC_DIR may name another such directory).
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <string>
#include <vector>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Result {
  int exit_code;
  std::string out;
};

Result shell(const std::string& cmd) {
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The case's config file: railway.toml or railway.json.
std::string input_of(const fs::path& dir) {
  return fs::exists(dir / "railway.toml") ? "railway.toml" : "railway.json";
}

Result migrate(const fs::path& dir, const std::string& extra = "") {
  return shell("cd " + quote(dir.string()) + " && " + quote(INFRALINT_BINARY) +
               " migrate railway " + input_of(dir) + " --project demo " + extra);
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fixtures_dir() / "railway-migrate"))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("railway migrate: each case matches its golden railway.ts") {
  auto all = cases();
  REQUIRE(all.size() >= 4);
  for (const fs::path& dir : all) {
    CAPTURE(dir.string());
    Result r = migrate(dir);
    CHECK(r.exit_code == 0);
    fs::path golden = dir / "expected.railway.ts";
    if (std::getenv("INFRALINT_UPDATE_EXPECTED")) std::ofstream(golden, std::ios::binary) << r.out;
    CHECK(r.out == read_file(golden));
  }
}

TEST_CASE("railway migrate: -o writes the file and never overwrites one") {
  std::string tmpl = (fs::temp_directory_path() / "infralint-migrate-XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()));
  fs::path tmp = tmpl;
  fs::path out = tmp / ".railway" / "railway.ts";
  fs::path dir = fixtures_dir() / "railway-migrate" / "web-toml";
  Result first = migrate(dir, "-o " + quote(out.string()) + " 2>/dev/null");
  CHECK(first.exit_code == 0);
  CHECK(read_file(out) == read_file(dir / "expected.railway.ts"));

  std::ofstream(out, std::ios::binary) << "// mine\n";
  Result second = migrate(dir, "-o " + quote(out.string()) + " 2>&1");
  CHECK(second.exit_code == 2);
  CHECK(second.out.find("already exists; not overwriting it") != std::string::npos);
  CHECK(read_file(out) == "// mine\n");

  Result bad = shell(quote(INFRALINT_BINARY) + " migrate railway " +
                     quote((tmp / "missing.toml").string()) + " 2>/dev/null");
  CHECK(bad.exit_code == 2);
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

TEST_CASE("railway migrate: the generated files compile against railway/iac's types") {
  const char* env = std::getenv("INFRALINT_RAILWAY_IAC_DIR");
  fs::path sdk = env && *env ? fs::path(env) : infralint::testing::source_dir() / "tests/tools";
  if (sdk.empty() || !fs::exists(sdk / "node_modules" / "railway" / "package.json") ||
      !fs::exists(sdk / "node_modules" / ".bin" / "tsc")) {
    FAIL("Railway's IaC SDK or TypeScript is missing from " << sdk << ": run scripts/setup.sh");
  }
  // Inside node_modules, so that module resolution finds the SDK and git ignores the files.
  fs::path work = sdk / "node_modules" / ".infralint-migrate-check";
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  std::string files;
  for (const fs::path& dir : cases()) {
    fs::path ts = work / (dir.filename().string() + ".ts");
    fs::copy_file(dir / "expected.railway.ts", ts);
    files += " " + quote(ts.string());
  }
  Result tsc = shell("cd " + quote(sdk.string()) +
                     " && node_modules/.bin/tsc --noEmit --strict --skipLibCheck "
                     "--module nodenext --moduleResolution nodenext --target es2022" +
                     files + " 2>&1");
  CAPTURE(tsc.out);
  CHECK(tsc.exit_code == 0);
  fs::remove_all(work, ec);
}
