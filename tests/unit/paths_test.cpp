// core/paths: the shortcuts must give std::filesystem's answers for every spelling.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/paths.hpp"

namespace fs = std::filesystem;
using namespace infralint;

TEST_CASE("paths: absolute_normal and parent_of agree with std::filesystem") {
  const std::string cwd = fs::current_path().string();
  const char* spellings[] = {"/",        "/a",       "/a/b",     "/a/b/",  "/a//b",  "/a/./b",
                             "/a/../b",  "/..",      "/a/.",     "a",      "a/b",    "./a",
                             "a/../../b", "a//b",    "..",       ".",      "a/",     "/a/b.c",
                             "/a/.b/..c", "/a/...",  "a/.hidden"};
  for (const char* written : spellings) {
    CAPTURE(written);
    std::string expected = fs::absolute(written).lexically_normal().string();
    std::string got = paths::absolute_normal(written, cwd);
    CHECK(got == expected);
    CHECK(paths::parent_of(got) == fs::path(got).parent_path().string());
    CHECK(paths::parent_of(written) == fs::path(written).parent_path().string());
  }
  CHECK(paths::is_absolute_normal("/a/b"));
  CHECK(paths::is_absolute_normal("/"));
  CHECK_FALSE(paths::is_absolute_normal("/a/"));
  CHECK_FALSE(paths::is_absolute_normal("/a/./b"));
  CHECK_FALSE(paths::is_absolute_normal("a/b"));
  // Without a working directory a relative path is still made absolute the slow way.
  CHECK(paths::absolute_normal("a/b", "") == fs::absolute("a/b").lexically_normal().string());
}

TEST_CASE("paths: canonical_directory resolves links as std::filesystem::canonical does") {
  fs::path base = fs::temp_directory_path() / ("infralint-paths-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "real/inner");
  fs::create_directory_symlink(base / "real", base / "link");
  fs::create_directory_symlink("real/inner", base / "relative-link");
  for (fs::path dir : {base / "real", base / "link", base / "link/inner", base / "relative-link",
                       base / "link/../real/./inner"}) {
    CAPTURE(dir);
    auto got = paths::canonical_directory(dir.string());
    REQUIRE(got.has_value());
    CHECK(*got == fs::canonical(dir).string());
  }
  CHECK_FALSE(paths::canonical_directory((base / "missing").string()).has_value());
  std::ofstream(base / "file") << "x";
  CHECK_FALSE(paths::canonical_directory((base / "file").string()).has_value());  // not a directory
  fs::remove_all(base);
}

TEST_CASE("paths: is_normal is what lexically_normal leaves unchanged") {
  for (const char* p : {"a", "a/b", "/a/b", "/", "a/", "./a", "a/./b", "a/../b", "a//b", "",
                        ".", "..", "../a", ".a/b..", "/a/.b"}) {
    CAPTURE(p);
    if (paths::is_normal(p)) CHECK(fs::path(p).lexically_normal().string() == p);
  }
  CHECK(paths::is_normal("a/b"));
  CHECK(paths::is_normal(".a/b.."));
  CHECK_FALSE(paths::is_normal("a/./b"));
  CHECK_FALSE(paths::is_normal(""));
}

#include "engine/discovery.hpp"

TEST_CASE("paths: reports name files relative to the working directory when below it") {
  const std::string cwd = "/w/x";
  CHECK(display_path("/w/x/a/b", cwd) == "a/b");
  CHECK(display_path("/w/x/./a", cwd) == "a");
  CHECK(display_path("/w/xy/a", cwd) == "/w/xy/a");
  CHECK(display_path("/w/a", cwd) == "/w/a");
  CHECK(display_path("/w/x/../a", cwd) == "/w/a");
  CHECK(display_path("a/./b", cwd) == "a/b");
  CHECK(display_path("a/b", cwd) == "a/b");
  CHECK(display_path("/", cwd) == "/");
  CHECK(display_path("/a/b", "/") == "a/b");
  CHECK(display_path("/a/b", "") == "/a/b");
  CHECK(display_path("/w/x", cwd) == ".");
  CHECK(display_path("/w/x/", cwd) == ".");
  CHECK(display_path("/w", cwd) == "/w");
  CHECK(display_path("/v/x/a", cwd) == "/v/x/a");
}

#include "core/consulted.hpp"
#include "fixture_support.hpp"

TEST_CASE("paths: a consulted canonical path is what std::filesystem's weakly_canonical gives") {
  infralint::testing::TempDir tmp;
  const fs::path root = fs::canonical(tmp.path);
  fs::create_directories(root / "conf" / "sites");
  std::ofstream(root / "conf" / "nginx.conf") << "events {}\n";
  std::ofstream(root / "conf" / "sites" / "a.conf") << "server {}\n";
  fs::create_directory_symlink(root / "conf", root / "linked-dir");
  fs::create_symlink(root / "conf" / "nginx.conf", root / "linked-file.conf");
  const fs::path paths[] = {
      root / "conf",                                   // a directory
      root / "conf" / "nginx.conf",                    // a file
      root / "conf" / "sites" / "a.conf",              // deeper
      root / "linked-dir" / "sites" / "a.conf",        // through a linked directory
      root / "linked-dir",                             // the link to a directory itself
      root / "linked-file.conf",                       // a link to a file
      root / "conf" / "missing.conf",                  // nothing there
      root / "missing-dir" / "x.conf",                 // nor there
      root / "conf" / "." / "nginx.conf",              // not normal: as std::filesystem does
      fs::path("/"),
  };
  for (const fs::path& p : paths) {
    CAPTURE(p);
    CHECK(consulted::canonical(p) == fs::weakly_canonical(p).string());
  }
  // A relative path is made absolute against the working directory.
  const fs::path before = fs::current_path();
  fs::current_path(root);
  CHECK(consulted::canonical("linked-dir/nginx.conf") ==
        fs::weakly_canonical("linked-dir/nginx.conf").string());
  CHECK(consulted::canonical("conf") == (root / "conf").string());
  fs::current_path(before);
}
