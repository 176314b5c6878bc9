// No input may crash, hang or blow up the parser: garbage, huge files, deep nesting.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>

#include "dockerfile_test_support.hpp"
#include "parse/dockerfile/variables.hpp"

using namespace dockerfile_test;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void check_spans(const Parsed& p) {
  for (const ParseError& e : p.errors) {
    CHECK(e.span.begin <= e.span.end);
    CHECK(e.span.end <= p.text.size());
  }
  for (const Instruction& in : p.file->instructions) {
    CHECK(in.span.begin <= in.span.end);
    CHECK(in.span.end <= p.text.size());
  }
}

}  // namespace

TEST_CASE("dockerfile robustness: binary garbage gives errors, not crashes") {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 20; ++round) {
    std::string text;
    std::size_t size = 1000 + round * 5000;
    for (std::size_t i = 0; i < size; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      char c = static_cast<char>(state >> 56);
      // Mix in Dockerfile syntax so that the garbage reaches the deeper code paths.
      static const char* tokens[] = {"\n", "\\\n", "<<EOF", "RUN ",     "\"",   "'",    "${", "}",
                                     "[",  "]",    "FROM ", "ONBUILD ", "\r\n", "--x=", "`",  "#"};
      if ((state >> 40) % 7 == 0)
        text += tokens[(state >> 20) % 16];
      else
        text.push_back(c);
    }
    auto p = parse_text(text);
    REQUIRE(p.file != nullptr);
    check_spans(p);
    CHECK(p.errors.size() <= 1000);
  }
}

TEST_CASE("dockerfile robustness: tens of megabytes parse in linear time") {
  std::string chunk =
      "FROM alpine:3.19 AS build\n"
      "ENV A=1 B=\"two words\" C=$A\n"
      "LABEL org.opencontainers.image.title=\"x\" version=1\n"
      "COPY --chown=app:app src/ /srv/app/\n"
      "EXPOSE 8080\n"
      "USER app\n"
      "# a comment \\\n"
      "WORKDIR /srv/app\n";
  std::string text;
  while (text.size() < (20u << 20)) text += chunk;
  auto start = std::chrono::steady_clock::now();
  auto p = parse_text(text);
  double elapsed = seconds_since(start);
  CHECK(p.errors.empty());
  CHECK(p.file->instructions.size() == (text.size() / chunk.size()) * 7);
  MESSAGE("20 MB of instructions parsed in " << elapsed << " s");
  CHECK(elapsed < 30.0);

  // One 50 MB instruction: a heredoc file body, then a long continued line.
  std::string big = "FROM a\nCOPY <<EOF /data\n";
  std::string line(99, 'x');
  line += '\n';
  while (big.size() < (50u << 20)) big += line;
  big += "EOF\nLABEL k=v \\\n";
  for (int i = 0; i < 200000; ++i) big += "  k" + std::to_string(i) + "=v \\\n";
  big += "  end=1\n";
  start = std::chrono::steady_clock::now();
  auto q = parse_text(big);
  elapsed = seconds_since(start);
  CHECK(q.errors.empty());
  REQUIRE(q.file->instructions.size() == 3);
  CHECK(q.at(1).heredocs.at(0).body.size() > (50u << 20) - 100);
  CHECK(q.at(2).pairs.size() == 200002);
  MESSAGE("50 MB heredoc + 200k-line continuation parsed in " << elapsed << " s");
  CHECK(elapsed < 30.0);
}

TEST_CASE("dockerfile robustness: pathological lines") {
  SUBCASE("deep JSON nesting") {
    std::string text = "FROM a\nCMD " + std::string(1'000'000, '[') + "\n";
    auto p = parse_text(text);
    CHECK(!p.at(1).exec_form);  // invalid JSON: shell form
  }
  SUBCASE("deep variable nesting") {
    std::string word;
    for (int i = 0; i < 100000; ++i) word += "${a:-";
    word += "x";
    for (int i = 0; i < 100000; ++i) word += "}";
    CHECK(!expand(word, {}).has_value());
    auto p = parse_text("ARG A=" + word + "\nFROM img:$A\n");
    CHECK(!p.file->stages.at(0).resolved_image);
  }
  SUBCASE("many heredoc markers, unterminated") {
    std::string text = "FROM a\nRUN cat";
    for (int i = 0; i < 200000; ++i) text += " <<EOF";
    text += "\nbody\n";
    auto start = std::chrono::steady_clock::now();
    auto p = parse_text(text);
    CHECK(seconds_since(start) < 10.0);
    CHECK(p.errors.size() == 1);
    CHECK(p.errors[0].message == "unterminated heredoc");
  }
  SUBCASE("unterminated quotes and escapes at the end") {
    auto p = parse_text("FROM a\nENV a=\"x\nLABEL b='y\nCOPY --chown=\"u a\\");
    check_spans(p);
    CHECK(p.file->instructions.size() == 4);
  }
  SUBCASE("a huge unknown instruction stream is capped") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "BOGUS x\n";
    auto p = parse_text(text);
    CHECK(p.errors.size() == 1000);
    CHECK(p.errors.back().message == "too many errors; further errors are not reported");
  }
}
