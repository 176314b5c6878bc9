// Discovery's walk limit: an editor opening a huge workspace stops walking at max_files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "engine/discovery.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using namespace infralint;

TEST_CASE("discovery: the walk stops at max_files and says so") {
  testing::TempDir tmp;
  for (int d = 0; d < 6; ++d)
    for (int f = 0; f < 5; ++f) {
      fs::path dir = tmp.path / ("service-" + std::to_string(d));
      fs::create_directories(dir);
      std::ofstream(dir / ("Dockerfile." + std::to_string(f))) << "FROM alpine:3.20\n";
    }
  DiscoveryOptions options;
  Discovery all = discover({tmp.path.string()}, options);
  CHECK(all.files.size() == 30);
  CHECK_FALSE(all.truncated);

  options.max_files = 10;
  Discovery some = discover({tmp.path.string()}, options);
  CHECK(some.files.size() == 10);
  CHECK(some.truncated);
  CHECK(std::is_sorted(some.files.begin(), some.files.end(),
                       [](const InputFile& a, const InputFile& b) { return a.path < b.path; }));
}
