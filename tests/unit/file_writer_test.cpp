#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fix/file_writer.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::write_file_if_unchanged;
using infralint::testing::read_file;

namespace {

fs::path scratch_file(const std::string& text) {
  std::string tmpl = (fs::temp_directory_path() / "infralint-writer-XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()));
  fs::path p = fs::path(tmpl) / "Dockerfile";
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::size_t entries_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("file writer: replaces atomically and keeps the mode") {
  fs::path p = scratch_file("FROM a\n");
  fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  CHECK(write_file_if_unchanged(p.string(), "FROM a\n", "FROM b\n") == "");
  CHECK(read_file(p) == "FROM b\n");
  CHECK(fs::status(p).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read));
  CHECK(entries_in(p.parent_path()) == 1);  // no temporary file left behind
  fs::remove_all(p.parent_path());
}

TEST_CASE("file writer: refuses when the file changed since it was read") {
  fs::path p = scratch_file("FROM edited-meanwhile\n");
  std::string why = write_file_if_unchanged(p.string(), "FROM a\n", "FROM b\n");
  CHECK(why.find("changed on disk") != std::string::npos);
  CHECK(read_file(p) == "FROM edited-meanwhile\n");
  CHECK(entries_in(p.parent_path()) == 1);
  fs::remove_all(p.parent_path());
}

TEST_CASE("file writer: a missing file is an error, not a new file") {
  fs::path p = scratch_file("x");
  fs::remove(p);
  CHECK(!write_file_if_unchanged(p.string(), "x", "y").empty());
  CHECK(!fs::exists(p));
  fs::remove_all(p.parent_path());
}
