// Data-driven cases in the shape of BuildKit's parser testfiles: a Dockerfile and the AST dump
// BuildKit's parser gives for it (`(keyword ["flags"] "arg" ...)`, one node per line).
// The inputs are our own; the expected dumps follow BuildKit's parser rules.
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"

using namespace dockerfile_test;

namespace {

struct Case {
  const char* name;
  const char* dockerfile;
  const char* expected;
};

const Case kCases[] = {
    {"json-and-shell-forms",
     "FROM debian:12\n"
     "ADD [\"src\", \"/dst\"]\n"
     "COPY [\"a\", \"b\", \"/c/\"]\n"
     "RUN [\"/bin/sh\", \"-c\", \"echo hi\"]\n"
     "CMD [ ]\n"
     "ENTRYPOINT [\"tini\", \"--\"]\n"
     "RUN echo  two  spaces\n",
     "(from \"debian:12\")\n"
     "(add \"src\" \"/dst\")\n"
     "(copy \"a\" \"b\" \"/c/\")\n"
     "(run \"/bin/sh\" \"-c\" \"echo hi\")\n"
     "(cmd)\n"
     "(entrypoint \"tini\" \"--\")\n"
     "(run \"echo  two  spaces\")\n"},

    {"invalid-json-is-shell",
     "FROM a\n"
     "CMD ['single', 'quotes']\n"
     "CMD [\"unterminated\"\n"
     "CMD [\"unterminated string]\n"
     "RUN [\"x\" ,]\n",
     "(from \"a\")\n"
     "(cmd \"['single', 'quotes']\")\n"
     "(cmd \"[\\\"unterminated\\\"\")\n"
     "(cmd \"[\\\"unterminated string]\")\n"
     "(run \"[\\\"x\\\" ,]\")\n"},

    {"flags",
     "FROM scratch\n"
     "COPY --chown=me src /dst/\n"
     "COPY --a=1 --b -- src /dst/\n"
     "COPY -- src /dst/\n"
     "RUN --x [\"a\"]\n"
     "CMD --y=2 -- [ \"b\" ]\n",
     "(from \"scratch\")\n"
     "(copy [\"--chown=me\"] \"src\" \"/dst/\")\n"
     "(copy [\"--a=1\" \"--b\"] \"src\" \"/dst/\")\n"
     "(copy \"src\" \"/dst/\")\n"
     "(run [\"--x\"] \"a\")\n"
     "(cmd [\"--y=2\"] \"b\")\n"},

    {"env-forms",
     "FROM a\n"
     "ENV one 1\n"
     "ENV two=2 three=\"3 3\"\n"
     "ENV four=4\\ 4 five='5 \"5\"'\n"
     "ENV six \"6 6\"\n"
     "LABEL who Jane Doe\n"
     "ENV seven=7 \\\n"
     "    eight=\"8a \\\n"
     "      8b\"\n",
     "(from \"a\")\n"
     "(env \"one\" \"1\" \"\")\n"
     "(env \"two\" \"2\" \"=\" \"three\" \"\\\"3 3\\\"\" \"=\")\n"
     "(env \"four\" \"4\\\\ 4\" \"=\" \"five\" \"'5 \\\"5\\\"'\" \"=\")\n"
     "(env \"six\" \"\\\"6 6\\\"\" \"\")\n"
     "(label \"who\" \"Jane Doe\" \"\")\n"
     "(env \"seven\" \"7\" \"=\" \"eight\" \"\\\"8a       8b\\\"\" \"=\")\n"},

    {"continuations",
     "FROM a\n"
     "RUN one\\\n"
     "two\n"
     "RUN three \\\n"
     "\n"
     "   four\n"
     "RUN five\\\\\n"
     "RUN six \\\n"
     "# dropped\n"
     "seven\n",
     "(from \"a\")\n"
     "(run \"onetwo\")\n"
     "(run \"three    four\")\n"
     "(run \"five\\\\\\\\\")\n"
     "(run \"six seven\")\n"},

    {"healthcheck",
     "FROM a\n"
     "HEALTHCHECK --interval=5s \\\n"
     "  CMD check --quiet\n"
     "HEALTHCHECK   CMD   a b\n"
     "HEALTHCHECK CMD [\"probe\"]\n"
     "HEALTHCHECK NONE\n",
     "(from \"a\")\n"
     "(healthcheck [\"--interval=5s\"] \"CMD\" \"check --quiet\")\n"
     "(healthcheck \"CMD\" \"a b\")\n"
     "(healthcheck \"CMD\" \"probe\")\n"
     "(healthcheck \"NONE\")\n"},

    {"onbuild-and-misc",
     "FROM busybox AS base\n"
     "ONBUILD RUN [\"echo\", \"x\"]\n"
     "ONBUILD COPY . /app\n"
     "EXPOSE 80 443/udp\n"
     "VOLUME /data /logs\n"
     "USER app:app\n"
     "WORKDIR /srv\n"
     "STOPSIGNAL SIGQUIT\n"
     "ARG a b=2\n"
     "MAINTAINER Someone <s@example.org>\n",
     "(from \"busybox\" \"AS\" \"base\")\n"
     "(onbuild (run \"echo\" \"x\"))\n"
     "(onbuild (copy \".\" \"/app\"))\n"
     "(expose \"80\" \"443/udp\")\n"
     "(volume \"/data\" \"/logs\")\n"
     "(user \"app:app\")\n"
     "(workdir \"/srv\")\n"
     "(stopsignal \"SIGQUIT\")\n"
     "(arg \"a\" \"b=2\")\n"
     "(maintainer \"Someone <s@example.org>\")\n"},

    {"escape-backtick",
     "# escape=`\n"
     "FROM mcr.microsoft.com/windows/servercore\n"
     "RUN dir c:\\windows `\n"
     "    /b\n"
     "COPY C:\\src\\ C:\\dst\\\n",
     "(from \"mcr.microsoft.com/windows/servercore\")\n"
     "(run \"dir c:\\\\windows     /b\")\n"
     "(copy \"C:\\\\src\\\\\" \"C:\\\\dst\\\\\")\n"},

    {"whitespace-lists-ignore-quotes",
     "FROM \"img\"\n"
     "COPY \"a b\" /dst\n"
     "ADD \\x\\\\\" /y\n"
     "EXPOSE \"80 81\"\n",
     "(from \"\\\"img\\\"\")\n"
     "(copy \"\\\"a\" \"b\\\"\" \"/dst\")\n"
     "(add \"\\\\x\\\\\\\\\\\"\" \"/y\")\n"
     "(expose \"\\\"80\" \"81\\\"\")\n"},

    {"lowercase-and-indent",
     "  from alpine\n"
     "\trun echo hi\n"
     "    # indented comment\n"
     "cmd [\"sh\"]\n",
     "(from \"alpine\")\n"
     "(run \"echo hi\")\n"
     "(cmd \"sh\")\n"},
};

}  // namespace

TEST_CASE("dockerfile BuildKit-style cases: AST dumps") {
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    auto p = parse_text(c.dockerfile);
    CHECK(p.error_messages() == "");
    CHECK(dump(p) == c.expected);
  }
}

TEST_CASE("dockerfile BuildKit-style negative cases") {
  const std::pair<const char*, const char*> negative[] = {
      {"", "file with no instructions"},
      {"# Hello\n# just comments\n\n", "file with no instructions"},
      {"FROM busybox\n\nENV PATH\n", "ENV must have two arguments"},
      {"CMD [ \"echo\", [ \"nested json\" ] ]\n",
       "when using JSON array syntax, arrays must be comprised of strings only"},
  };
  for (const auto& [text, message] : negative) {
    CAPTURE(text);
    auto p = parse_text(text);
    REQUIRE(!p.errors.empty());
    CHECK(p.errors[0].message == message);
  }
}
