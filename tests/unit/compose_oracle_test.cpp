// The real docker-compose (Debian's, `docker-compose config -q`) judges compose files: every
// compose fixture that claims to be valid (good* and fixed*) passes it, and so does every file
// of the shared corpus after `infralint fix --unsafe-fixes`. Each check runs on a copy of the
// file's directory in a temp dir, so env_files, secrets and build contexts beside the file
// resolve as they would for a user, and the fix never writes into the repository or the corpus.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fixture_support.hpp"
#include "parse/detect.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

bool is_compose(const fs::path& file) {
  std::string name = file.filename().string();
  return infralint::detect_kind(name, read_file(file)) == infralint::Kind::compose;
}

// Copies the file's directory (with what lies below it) into `into`; returns the copy's path.
fs::path copy_beside(const fs::path& file, const fs::path& into) {
  fs::copy(file.parent_path(), into,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  return into / file.filename();
}

infralint::testing::ShellResult oracle(const fs::path& file) {
  return run_shell("cd " + shell_quote(file.parent_path().string()) + " && docker-compose -f " +
                   shell_quote(file.filename().string()) + " config -q 2>&1");
}

// A fixture valid only for newer Compose than Debian's 1.29 (top-level `name`), or one whose
// fixed form keeps a problem without a fix, says so on its first line.
bool oracle_skip(const std::string& text) {
  return text.starts_with("# oracle-skip:");
}

bool have_oracle() {
  return run_shell("command -v docker-compose >/dev/null 2>&1").exit_code == 0;
}

}  // namespace

TEST_SUITE("interfaces") {
  TEST_CASE("compose oracle: good and fixed compose fixtures pass `docker-compose config`") {
    REQUIRE_MESSAGE(have_oracle(),
                    "docker-compose is not installed (scripts/setup.sh installs it)");
    std::size_t checked = 0;
    std::string skipped;
    for (const auto& entry : fs::recursive_directory_iterator(infralint::testing::fixtures_dir())) {
      if (!entry.is_regular_file()) continue;
      std::string name = entry.path().filename().string();
      if (!name.starts_with("good") && !name.starts_with("fixed")) continue;
      if (!is_compose(entry.path())) continue;
      if (oracle_skip(read_file(entry.path()))) {
        skipped += "\n  " + entry.path().string();
        continue;
      }
      TempDir dir;
      fs::path copy = copy_beside(entry.path(), dir.path / "project");
      auto result = oracle(copy);
      CAPTURE(entry.path());
      CHECK_MESSAGE(result.exit_code == 0, "docker-compose rejects " << entry.path() << ":\n"
                                                                     << result.out);
      ++checked;
    }
    MESSAGE("docker-compose accepted " << checked
                                       << " compose fixtures; skipped (# oracle-skip):" << skipped);
    CHECK(checked > 0);
  }

  TEST_CASE("compose oracle: the corpus still passes `docker-compose config` after unsafe fixes") {
    auto shared = infralint::testing::shared_dir();
    if (!shared || !fs::exists(*shared / "corpus" / "compose")) {
      MESSAGE("skipped: ../shared/corpus/compose is absent");
      return;
    }
    REQUIRE_MESSAGE(have_oracle(),
                    "docker-compose is not installed (scripts/setup.sh installs it)");
    std::size_t passed = 0, changed = 0;
    std::vector<std::string> rejected_before;
    for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / "compose")) {
      if (!entry.is_regular_file() || !is_compose(entry.path())) continue;
      CAPTURE(entry.path());
      TempDir dir;
      fs::path copy = copy_beside(entry.path(), dir.path / "project");
      if (oracle(copy).exit_code != 0) {
        rejected_before.push_back(entry.path().string());
        continue;
      }
      std::string before = read_file(copy);
      run_shell(shell_quote(INFRALINT_BINARY) + " fix --unsafe-fixes " +
                shell_quote(copy.string()) + " >/dev/null 2>&1");
      changed += read_file(copy) != before;
      auto after = oracle(copy);
      CHECK_MESSAGE(after.exit_code == 0, "docker-compose rejects the fixed " << entry.path()
                                                                              << ":\n"
                                                                              << after.out);
      passed += after.exit_code == 0;
    }
    std::string skipped;
    for (const std::string& p : rejected_before) skipped += "\n  " + p;
    MESSAGE("corpus: " << passed << " files pass docker-compose after fixing (" << changed
                       << " changed); skipped, rejected before fixing: " << rejected_before.size()
                       << skipped);
    CHECK(passed > 0);
  }
}
