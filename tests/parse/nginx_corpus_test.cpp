// Every nginx file of ../shared/corpus/nginx parses without a syntax error, except the files
// written to be broken (they are listed with the error nginx gives for them).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "parse/nginx/ast.hpp"

namespace fs = std::filesystem;
using namespace infralint;

TEST_CASE("nginx corpus: real configurations parse; the broken ones fail where nginx does") {
  const char* env = std::getenv("INFRALINT_SHARED_DIR");
  fs::path root = fs::path(env && *env ? env : INFRALINT_SHARED_DIR) / "corpus" / "nginx";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: ../shared/corpus/nginx is absent");
    return;
  }
  // file (relative to the corpus) → the start of the expected message
  const std::map<std::string, std::string> broken{
      {"certbot/certbot/certbot/src/certbot/_internal/tests/plugins/nginx/testdata/etc_nginx/"
       "broken.conf",
       "unexpected end of file"},
      {"nginxinc/crossplane/tests/configs/missing-semicolon/broken-above.conf",
       "unexpected \"}\""},
      {"nginxinc/crossplane/tests/configs/missing-semicolon/broken-below.conf",
       "unexpected \"}\""},
      {"nginxinc/crossplane/tests/configs/quote-behavior/nginx.conf", "unexpected \"-\""},
      {"nginxinc/crossplane/tests/configs/includes-regular/conf.d/foo.conf",
       "unexpected end of file"},
      {"nginxinc/crossplane/tests/configs/includes-regular/conf.d/bar.conf",
       "unexpected end of file"},
      {"nginxinc/crossplane/tests/configs/includes-globbed/servers/locations/not-included.conf",
       "unexpected end of file"},
  };
  std::size_t parsed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".conf") && name != "nginx.conf") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    std::vector<Span> comments;
    std::vector<ParseError> errors;
    nginx::parse_directives(text, comments, errors);
    std::string rel = fs::relative(entry.path(), root).string();
    CAPTURE(rel);
    auto expected = broken.find(rel);
    if (expected == broken.end()) {
      CHECK_MESSAGE(errors.empty(), rel << ": " << (errors.empty() ? "" : errors[0].message));
    } else {
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].message.starts_with(expected->second));
    }
    ++parsed;
  }
  MESSAGE("parsed " << parsed << " nginx corpus files");
  CHECK(parsed > 100);
}
