// Every compose fixture that claims to be valid (good-* and fixed-*) is accepted by the real
// docker-compose: a fix must never turn a working compose file into one compose rejects.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "fixture_support.hpp"
#include "parse/detect.hpp"

namespace fs = std::filesystem;

TEST_CASE("compose oracle: good and fixed compose fixtures pass `docker-compose config`") {
  REQUIRE_MESSAGE(std::system("command -v docker-compose >/dev/null 2>&1") == 0,
                  "docker-compose is not installed (scripts/setup.sh installs it)");
  std::size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(infralint::testing::fixtures_dir())) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (!name.starts_with("good") && !name.starts_with("fixed")) continue;
    std::string text = infralint::testing::read_file(entry.path());
    if (infralint::detect_kind(name, text) != infralint::Kind::compose) continue;
    std::string cmd = "cd '" + entry.path().parent_path().string() +
                      "' && docker-compose -f '" + name + "' config -q 2>&1";
    CAPTURE(entry.path());
    CHECK_MESSAGE(std::system(cmd.c_str()) == 0, "docker-compose rejects " << entry.path());
    ++checked;
  }
  MESSAGE("docker-compose accepted " << checked << " compose fixtures");
  CHECK(checked > 0);
}
