// Flags, JSON form, key-value pairs, FROM/stages, HEALTHCHECK, ONBUILD and argument checks.
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"

using namespace dockerfile_test;

TEST_CASE("dockerfile flags: values, bare flags, quotes, `--` and unknown flags") {
  std::string text = "FROM a\nCOPY --from=build --link --chown=\"a b\" --bogus=1 -- --x /y\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Instruction& copy = p.at(1);
  REQUIRE(copy.flags.size() == 4);
  CHECK(copy.flags[0].name == "from");
  CHECK(copy.flags[0].value == "build");
  CHECK(copy.flags[0].has_value);
  CHECK(p.slice(copy.flags[0].span) == "--from=build");
  CHECK(p.slice(copy.flags[0].value_span) == "build");
  CHECK(copy.flags[1].name == "link");
  CHECK(!copy.flags[1].has_value);
  CHECK(copy.flags[1].value_span == Span{copy.flags[1].span.end, copy.flags[1].span.end});
  CHECK(copy.flags[2].value == "a b");
  CHECK(p.slice(copy.flags[2].value_span) == "\"a b\"");
  CHECK(copy.flags[3].name == "bogus");
  REQUIRE(copy.words.size() == 2);
  CHECK(copy.words[0].value == "--x");
  CHECK(copy.arguments.text() == "--x /y");
}

TEST_CASE("dockerfile flags: a flag needs `--` and comes before the arguments") {
  auto p = parse_text(
      "FROM a\nRUN -x --mount=type=cache,target=/c make\nRUN --network=none make --fast\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).flags.empty());
  CHECK(p.at(1).arguments.text() == "-x --mount=type=cache,target=/c make");
  REQUIRE(p.at(2).flags.size() == 1);
  CHECK(p.at(2).flags[0].value == "none");
  CHECK(p.at(2).arguments.text() == "make --fast");
}

TEST_CASE("dockerfile JSON form: exec form with decoded strings and quoted-string spans") {
  std::string text = "FROM a\nCMD [\"echo\", \"a\\\"b\", \"\\u00e9\\t\", \"\\/x\"]\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Instruction& cmd = p.at(1);
  CHECK(cmd.exec_form);
  REQUIRE(cmd.words.size() == 4);
  CHECK(cmd.words[0].value == "echo");
  CHECK(p.slice(cmd.words[0].span) == "\"echo\"");
  CHECK(cmd.words[1].value == "a\"b");
  CHECK(p.slice(cmd.words[1].span) == "\"a\\\"b\"");
  CHECK(cmd.words[2].value == "\xC3\xA9\t");
  CHECK(cmd.words[3].value == "/x");
  CHECK(cmd.scripts.empty());
}

TEST_CASE("dockerfile JSON form: invalid JSON falls back to shell form") {
  auto p = parse_text(
      "FROM a\nCMD ['echo', 'x']\nRUN [\"a\", \"b\"\nENTRYPOINT [\"a\" \"b\"]\nCMD [\"a\"] extra\n"
      "CMD [ \"echo\", \"{\\\"x\\\": 1}\" ]\n");
  REQUIRE(p.errors.empty());
  CHECK(!p.at(1).exec_form);
  CHECK(p.at(1).words.size() == 2);
  CHECK(p.at(1).words[0].value == "[echo,");
  CHECK(!p.at(2).exec_form);
  CHECK(!p.at(3).exec_form);
  CHECK(!p.at(4).exec_form);
  CHECK(p.at(5).exec_form);
  CHECK(p.at(5).words.at(1).value == "{\"x\": 1}");
}

TEST_CASE("dockerfile JSON form: a non-string element is an error") {
  auto p = parse_text("FROM a\nCMD [ \"echo\", [ \"nested\" ] ]\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message ==
        "when using JSON array syntax, arrays must be comprised of strings only");
  CHECK(p.errors[0].span == p.at(1).span);
}

TEST_CASE("dockerfile JSON form: ADD, COPY and VOLUME lists") {
  auto p =
      parse_text("FROM a\nCOPY [\"a b\", \"/dest/\"]\nVOLUME [\"/v1\", \"/v2\"]\nVOLUME /v3 /v4\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).exec_form);
  CHECK(p.at(1).words.at(0).value == "a b");
  CHECK(p.at(2).exec_form);
  CHECK(p.at(2).words.size() == 2);
  CHECK(!p.at(3).exec_form);
  CHECK(p.at(3).words.size() == 2);
}

TEST_CASE("dockerfile ENV: legacy form takes the rest of the line") {
  std::string text = "FROM a\nENV PATH /usr/local/bin:$PATH   more\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const auto& pairs = p.at(1).pairs;
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].legacy);
  CHECK(pairs[0].key.value == "PATH");
  CHECK(pairs[0].key.span == Span{11, 15});
  REQUIRE(pairs[0].value);
  CHECK(pairs[0].value->raw == "/usr/local/bin:$PATH   more");
  CHECK(pairs[0].value->span == Span{16, 43});
  CHECK(pairs[0].span == Span{11, 43});
}

TEST_CASE("dockerfile ENV and LABEL: key=value pairs with quotes and escapes") {
  std::string text = "FROM a\nENV k=v k2=\"v 2\" k3=v\\ 3 k4='$x' k5=\nLABEL \"org.x\"=\"y\" a=b\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const auto& env = p.at(1).pairs;
  REQUIRE(env.size() == 5);
  CHECK(!env[0].legacy);
  CHECK(env[0].key.value == "k");
  CHECK(env[0].value->value == "v");
  CHECK(env[0].span == Span{11, 14});
  CHECK(env[0].key.span == Span{11, 12});
  CHECK(env[0].value->span == Span{13, 14});
  CHECK(env[1].value->value == "v 2");
  CHECK(env[1].value->raw == "\"v 2\"");
  CHECK(p.slice(env[1].value->span) == "\"v 2\"");
  CHECK(env[2].value->value == "v 3");
  CHECK(env[3].value->value == "$x");
  CHECK(env[3].value->raw == "'$x'");
  CHECK(env[4].value->value.empty());
  CHECK(env[4].value->span.empty());
  const auto& label = p.at(2).pairs;
  REQUIRE(label.size() == 2);
  CHECK(label[0].key.value == "org.x");
  CHECK(label[0].value->value == "y");
}

TEST_CASE("dockerfile ENV: errors BuildKit raises") {
  auto no_value = parse_text("FROM busybox\n\nENV PATH\n");
  REQUIRE(no_value.errors.size() == 1);
  CHECK(no_value.errors[0].message == "ENV must have two arguments");
  CHECK(no_value.errors[0].span == Span{14, 22});

  auto missing_eq = parse_text("FROM a\nENV a=1 b\n");
  REQUIRE(missing_eq.errors.size() == 1);
  CHECK(missing_eq.errors[0].message ==
        "Syntax error - can't find = in \"b\". Must be of the form: name=value");

  auto empty = parse_text("FROM a\nENV\nLABEL\n");
  CHECK(empty.error_messages() ==
        "ENV requires at least one argument;LABEL requires at least one argument;");

  auto blank = parse_text("FROM a\nENV =x\n");
  CHECK(blank.error_messages() == "ENV names can not be blank;");
}

TEST_CASE("dockerfile ARG: names and defaults, several per line") {
  std::string text = "ARG A B=2 C=\"x y\"\nFROM a\nARG =x\n";
  auto p = parse_text(text);
  const auto& pairs = p.at(0).pairs;
  REQUIRE(pairs.size() == 3);
  CHECK(pairs[0].key.value == "A");
  CHECK(!pairs[0].value);
  CHECK(pairs[0].span == Span{4, 5});
  CHECK(pairs[1].value->value == "2");
  CHECK(pairs[1].value->span == Span{8, 9});
  CHECK(pairs[2].value->value == "x y");
  CHECK(p.error_messages() == "ARG names can not be blank;");
  CHECK(p.at(0).stage == npos);
}

TEST_CASE("dockerfile FROM: stages, names, platform, parents and instruction ranges") {
  std::string text =
      "ARG BASE=alpine:3.19\n"
      "FROM --platform=$BUILDPLATFORM ${BASE} AS Build\n"
      "RUN make\n"
      "FROM build as test\n"
      "RUN test\n"
      "FROM scratch\n"
      "COPY --from=build /a /a\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const auto& stages = p.file->stages;
  REQUIRE(stages.size() == 3);
  CHECK(stages[0].from == 1);
  CHECK(stages[0].first == 1);
  CHECK(stages[0].last == 3);
  CHECK(stages[0].image.value == "${BASE}");
  CHECK(p.slice(stages[0].image.span) == "${BASE}");
  REQUIRE(stages[0].resolved_image);
  CHECK(*stages[0].resolved_image == "alpine:3.19");
  REQUIRE(stages[0].name);
  CHECK(stages[0].name->value == "Build");
  REQUIRE(stages[0].platform);
  CHECK(stages[0].platform->value == "$BUILDPLATFORM");
  CHECK(!stages[0].parent);
  REQUIRE(stages[1].parent);
  CHECK(*stages[1].parent == 0);
  CHECK(stages[1].first == 3);
  CHECK(stages[1].last == 5);
  CHECK(*stages[2].resolved_image == "scratch");
  CHECK(stages[2].last == 7);
  CHECK(p.at(0).stage == npos);
  CHECK(p.at(1).stage == 0);
  CHECK(p.at(2).stage == 0);
  CHECK(p.at(4).stage == 1);
  CHECK(p.at(6).stage == 2);
}

TEST_CASE("dockerfile FROM: unknown variable values leave the image unresolved") {
  auto p = parse_text(
      "ARG VERSION\nFROM node:${VERSION}\nFROM --platform=$TARGETPLATFORM golang:$TARGETARCH\n"
      "FROM img:${UNSET:-1.0}\n");
  REQUIRE(p.errors.empty());
  CHECK(!p.file->stages[0].resolved_image);
  CHECK(!p.file->stages[1].resolved_image);
  CHECK(*p.file->stages[2].resolved_image == "img:1.0");
}

TEST_CASE("dockerfile FROM: argument errors") {
  auto none = parse_text("FROM\n");
  CHECK(none.error_messages() == "FROM requires either one or three arguments;");
  CHECK(none.errors[0].span == Span{0, 4});
  auto two = parse_text("FROM a b\n");
  CHECK(two.error_messages() == "FROM requires either one or three arguments;");
  auto bad_name = parse_text("FROM a AS 1st\n");
  CHECK(bad_name.error_messages() ==
        "invalid name for build stage: \"1st\", name can't start with a number or contain "
        "symbols;");
  auto before_from = parse_text("RUN x\nFROM a\n");
  CHECK(before_from.error_messages() == "no build stage in current context;");
}

TEST_CASE("dockerfile instructions: single-argument instructions and their checks") {
  auto p = parse_text(
      "FROM a\nUSER app:app\nWORKDIR /srv/app\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane <j@x.org>\n"
      "EXPOSE 80/tcp 443\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).words.at(0).value == "app:app");
  CHECK(p.at(2).words.at(0).value == "/srv/app");
  CHECK(p.at(3).words.at(0).value == "SIGTERM");
  CHECK(p.at(4).arguments.text() == "Jane <j@x.org>");
  CHECK(p.at(5).words.size() == 2);

  auto empty = parse_text("FROM a\nUSER\nWORKDIR\nEXPOSE\nVOLUME\nCOPY x\nADD\nSHELL\n");
  CHECK(empty.error_messages() ==
        "USER requires exactly one argument;WORKDIR requires exactly one argument;"
        "EXPOSE requires at least one argument;VOLUME requires at least one argument;"
        "COPY requires at least two arguments, but only one was provided. Destination could "
        "not be determined;"
        "ADD requires at least two arguments, but only one was provided. Destination could not "
        "be determined;"
        "SHELL requires at least one argument;");
}

TEST_CASE("dockerfile SHELL: JSON form required") {
  auto ok = parse_text("FROM a\nSHELL [\"powershell\", \"-Command\"]\n");
  REQUIRE(ok.errors.empty());
  CHECK(ok.at(1).words.at(0).value == "powershell");
  auto bad = parse_text("FROM a\nSHELL powershell -Command\n");
  CHECK(bad.error_messages() == "SHELL requires the arguments to be in JSON form;");
}

TEST_CASE("dockerfile HEALTHCHECK: NONE, flags and CMD in both forms") {
  auto p = parse_text(
      "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s --retries=3 \\\n  CMD curl -f "
      "http://x/\n"
      "HEALTHCHECK CMD [\"/bin/check\", \"-q\"]\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).words.size() == 1);
  CHECK(p.at(1).words[0].value == "NONE");
  const Instruction& shell = p.at(2);
  REQUIRE(shell.flags.size() == 2);
  CHECK(shell.flags[0].name == "interval");
  CHECK(shell.words.at(0).value == "CMD");
  CHECK(shell.words.size() == 4);
  CHECK(!shell.exec_form);
  const Instruction& exec = p.at(3);
  CHECK(exec.exec_form);
  REQUIRE(exec.words.size() == 3);
  CHECK(exec.words[1].value == "/bin/check");

  auto bad = parse_text(
      "FROM a\nHEALTHCHECK\nHEALTHCHECK CMD\nHEALTHCHECK NONE x\nHEALTHCHECK CONNECT TCP 7000\n");
  CHECK(bad.error_messages() ==
        "HEALTHCHECK requires at least one argument;Missing command after HEALTHCHECK CMD;"
        "HEALTHCHECK NONE takes no arguments;Unknown type \"CONNECT\" in HEALTHCHECK (try CMD);");
}

TEST_CASE("dockerfile ONBUILD: the wrapped instruction is parsed") {
  std::string text =
      "FROM a\nONBUILD RUN --mount=type=cache,target=/c echo hi\nONBUILD COPY [\"a\", \"b\"]\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Instruction& ob = p.at(1);
  CHECK(ob.keyword == Keyword::onbuild);
  REQUIRE(ob.onbuild);
  CHECK(ob.onbuild->keyword == Keyword::run);
  CHECK(p.slice(ob.onbuild->keyword_span) == "RUN");
  REQUIRE(ob.onbuild->flags.size() == 1);
  CHECK(ob.onbuild->flags[0].name == "mount");
  CHECK(ob.onbuild->arguments.text() == "echo hi");
  CHECK(p.slice(ob.onbuild->arguments_span) == "echo hi");
  CHECK(ob.onbuild->stage == 0);
  CHECK(p.at(2).onbuild->exec_form);

  auto bad = parse_text("FROM a\nONBUILD ONBUILD RUN x\nONBUILD FROM b\nONBUILD\n");
  CHECK(bad.error_messages() ==
        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed;FROM isn't allowed as an ONBUILD "
        "trigger;ONBUILD requires at least one argument;");
}

TEST_CASE("dockerfile words: COPY and FROM split at whitespace, RUN and USER group quotes") {
  auto p = parse_text("FROM a\nCOPY \"my file\" /d/\nRUN echo \"a b\"\nUSER \"app user\"\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.at(1).words.size() == 3);
  CHECK(p.at(1).words[0].raw == "\"my");
  CHECK(p.at(1).words[0].value == "\"my");  // an unterminated quote: left as written
  REQUIRE(p.at(2).words.size() == 2);
  CHECK(p.at(2).words[1].value == "a b");
  CHECK(p.slice(p.at(2).words[1].span) == "\"a b\"");
  REQUIRE(p.at(3).words.size() == 1);
  CHECK(p.at(3).words[0].value == "app user");
}
