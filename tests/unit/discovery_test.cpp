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

TEST_CASE("discovery: the walk finds what std::filesystem's recursive iterator finds, in order") {
  testing::TempDir tmp;
  const fs::path root = fs::canonical(tmp.path);
  auto write = [](const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "FROM alpine:3.20\n";
  };
  write(root / "Dockerfile");
  write(root / "a" / "Dockerfile");
  write(root / "a" / "b" / "c" / "Dockerfile");
  write(root / "a" / "b" / "docker-compose.yml");
  write(root / "z" / "Dockerfile");
  write(root / "node_modules" / "pkg" / "Dockerfile");  // a skipped directory
  fs::create_directory_symlink(root / "a", root / "linked-dir");  // not followed
  fs::create_symlink(root / "z" / "Dockerfile", root / "a" / "linked.Dockerfile");
  write(tmp.path.parent_path() / (tmp.path.filename().string() + "-outside") / "Dockerfile");
  fs::create_symlink(tmp.path.parent_path() / (tmp.path.filename().string() + "-outside") /
                         "Dockerfile",
                     root / "z" / "out.Dockerfile");

  // What the recursive iterator visits, less the skipped directory's contents and the link
  // to a directory (which it does not follow either).
  std::vector<std::string> expected;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && it->path().filename() == "node_modules") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && !it->is_symlink()) expected.push_back(it->path().string());
  }
  std::sort(expected.begin(), expected.end());

  Discovery found = discover({root.string()}, DiscoveryOptions{});
  std::vector<std::string> plain, linked;
  for (const InputFile& f : found.files) {
    CAPTURE(f.fs_path);
    (f.not_a_link ? plain : linked).push_back(f.fs_path);
  }
  std::sort(plain.begin(), plain.end());
  CHECK(plain == expected);
  // The link inside the tree is its target, already found; the one leading out is listed
  // with its reason and never read.
  REQUIRE(linked.size() == 1);
  CHECK(linked[0] == (root / "z" / "out.Dockerfile").string());
  CHECK(found.errors.empty());

  // Stopping part-way keeps the files a recursive walk meets first.
  DiscoveryOptions two;
  two.max_files = 2;
  Discovery first = discover({root.string()}, two);
  CHECK(first.truncated);
  CHECK(first.files.size() == 2);
}
