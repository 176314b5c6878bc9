// core/paths: the shortcuts must give std::filesystem's answers for every spelling.
#include <doctest/doctest.h>

#include <filesystem>

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
