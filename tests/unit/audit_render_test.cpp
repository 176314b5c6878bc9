// The HTML audit report as a browser shows it: Debian's Chromium, headless and offline, renders
// the seed stack's report to PNG and to PDF. Skipped when chromium is not installed.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::source_dir;
using infralint::testing::TempDir;

namespace {

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    auto found = run_shell(std::string("command -v ") + name + " 2>/dev/null");
    if (found.exit_code == 0 && !found.out.empty()) return found.out.substr(0, found.out.find('\n'));
  }
  return {};
}

// One headless start with networking off and a hard time limit; `output` is e.g.
// --screenshot=FILE.
int render(const std::string& browser, const TempDir& dir, const std::string& output,
           const fs::path& page) {
  std::string command =
      "timeout -k 5 60 " + shell_quote(browser) +
      " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
      " --disable-background-networking --disable-extensions --disable-sync"
      " --disable-component-update --host-resolver-rules='MAP * ~NOTFOUND'"
      " --user-data-dir=" + shell_quote((dir.path / "profile").string()) +
      " --window-size=1200,1600 " + output + " " + shell_quote("file://" + page.string()) +
      " >/dev/null 2>&1";
  return run_shell(command).exit_code;
}

std::uint32_t big_endian(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

}  // namespace

TEST_SUITE("interfaces") {
TEST_CASE("audit HTML report: self-contained, rendered by headless Chromium to PNG and PDF") {
  TempDir dir;
  fs::path page = dir.path / "seed-report.html";
  auto made = run_shell("cd " + shell_quote(source_dir().string()) + " && " +
                        shell_quote(INFRALINT_BINARY) +
                        " report fixtures/stacks/seed --isolated --no-git -o " +
                        shell_quote(page.string()));
  REQUIRE(made.exit_code == 0);
  std::string html = read_file(page);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Nothing is loaded from elsewhere: no src=, href= or url( pointing at http(s) or a
  // protocol-relative address (links written in text are fine).
  std::regex external(R"((src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//)",
                      std::regex::icase);
  CHECK_FALSE(std::regex_search(html, external));

  std::string browser = chromium();
  if (browser.empty()) {
    MESSAGE("chromium not installed (scripts/setup.sh installs it): rendering not checked");
    return;
  }
  fs::path png = dir.path / "report.png";
  fs::path pdf = dir.path / "report.pdf";
  CHECK(render(browser, dir, "--screenshot=" + shell_quote(png.string()), page) == 0);
  CHECK(render(browser, dir, "--no-pdf-header-footer --print-to-pdf=" + shell_quote(pdf.string()), page) == 0);

  REQUIRE(fs::exists(png));
  std::string image = read_file(png);
  REQUIRE(image.size() > 24);
  CHECK(image.substr(1, 3) == "PNG");
  CHECK(big_endian(image, 16) == 1200);  // IHDR width
  CHECK(big_endian(image, 20) == 1600);  // IHDR height
  CHECK(image.size() > 20000);           // a blank page compresses to a few hundred bytes

  REQUIRE(fs::exists(pdf));
  std::string document = read_file(pdf);
  CHECK(document.starts_with("%PDF-"));
  std::regex page_object(R"(/Type\s*/Page[^s])");
  auto pages = std::distance(std::sregex_iterator(document.begin(), document.end(), page_object),
                             std::sregex_iterator());
  CHECK(pages >= 2);
}
}
