// The real docker-compose (Debian's, `docker-compose config -q`) judges compose files: every
// compose fixture that claims to be valid (good* and fixed*) passes it, and so does every file
// of the shared corpus after `infralint fix --unsafe-fixes`. Each check runs on a copy of the
// file's directory in a temp dir, so env_files, secrets and build contexts beside the file
// resolve as they would for a user, and the fix never writes into the repository or the corpus.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fixture_support.hpp"
#include "oracle_support.hpp"
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
  fs::create_directories(into.parent_path());
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

}  // namespace

TEST_SUITE("interfaces") {
  TEST_CASE("compose oracle: good and fixed compose fixtures pass `docker-compose config`") {
    REQUIRE_MESSAGE(infralint::testing::have_docker_compose(),
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
    REQUIRE_MESSAGE(infralint::testing::have_docker_compose(),
                    "docker-compose is not installed (scripts/setup.sh installs it)");
    // A file the fix leaves as it was keeps its verdict: only changed files go to the oracle,
    // and the unfixed copy only when the fixed one fails (to tell our breakage from newer
    // syntax docker-compose 1.29 never accepted).
    TempDir work;
    {  // The batch oracle can say no: an unknown service key is rejected, a valid file is not.
      fs::create_directories(work.path / "probe");
      std::ofstream(work.path / "probe" / "bad.yml") << "services:\n  web:\n    imagee: nginx\n";
      std::ofstream(work.path / "probe" / "good.yml") << "services:\n  web:\n    image: nginx\n";
      auto probe = infralint::testing::compose_batch_verdicts({work.path / "probe" / "bad.yml", work.path / "probe" / "good.yml"});
      REQUIRE_MESSAGE(!probe[(work.path / "probe" / "bad.yml").string()].empty(), "oracle accepts anything");
      REQUIRE_MESSAGE(probe[(work.path / "probe" / "good.yml").string()].empty(),
                      probe[(work.path / "probe" / "good.yml").string()]);
    }
    std::vector<fs::path> copies;
    std::map<std::string, std::pair<std::string, std::string>> originals;  // copy → source, text
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / "compose")) {
      if (!entry.is_regular_file() || !is_compose(entry.path())) continue;
      fs::path copy = copy_beside(entry.path(), work.path / std::to_string(n++) / "project");
      std::string before = read_file(copy);
      run_shell(shell_quote(INFRALINT_BINARY) + " fix --isolated --unsafe-fixes " +
                shell_quote(copy.string()) + " >/dev/null 2>&1");
      if (read_file(copy) == before) continue;
      copies.push_back(copy);
      originals[copy.string()] = {entry.path().string(), before};
    }
    auto after = infralint::testing::compose_batch_verdicts(copies);
    std::vector<fs::path> failed;
    for (const fs::path& copy : copies)
      if (!after[copy.string()].empty()) {
        failed.push_back(copy);
        std::ofstream(copy, std::ios::binary | std::ios::trunc) << originals[copy.string()].second;
      }
    auto before = infralint::testing::compose_batch_verdicts(failed);
    std::size_t passed = 0, changed = copies.size();
    std::vector<std::string> rejected_before;
    for (const fs::path& copy : copies) {
      const auto& [source, text] = originals[copy.string()];
      if (after[copy.string()].empty()) {
        ++passed;
      } else if (!before[copy.string()].empty()) {
        rejected_before.push_back(source);
      } else {
        FAIL_CHECK("docker-compose rejects the fixed " << source << ": " << after[copy.string()]);
      }
    }
    std::string skipped;
    for (const std::string& p : rejected_before) skipped += "\n  " + p;
    MESSAGE("corpus: " << changed << " files changed by the fixes, " << passed
                       << " of them pass docker-compose; rejected before fixing as well: "
                       << rejected_before.size() << skipped);
    CHECK(passed > 0);
  }
}
