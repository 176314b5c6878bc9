// Heredocs on RUN, COPY and ADD (BuildKit parser.go, parser_heredoc_test.go behaviour).
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"

using namespace dockerfile_test;

TEST_CASE("dockerfile heredoc: body, marker, terminator and instruction spans") {
  std::string text = "FROM a\nRUN <<EOF\necho hi\necho there\nEOF\nUSER app\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  const Instruction& run = p.at(1);
  REQUIRE(run.heredocs.size() == 1);
  const Heredoc& h = run.heredocs[0];
  CHECK(h.delimiter == "EOF");
  CHECK(h.expand);
  CHECK(!h.strip_tabs);
  CHECK(h.fd == -1);
  CHECK(h.marker_span == Span{11, 16});
  CHECK(h.body_span == Span{17, 36});
  CHECK(h.body == "echo hi\necho there\n");
  CHECK(h.terminator_span == Span{36, 39});
  CHECK(run.span == Span{7, 39});
  CHECK(run.arguments.text() == "<<EOF");
  CHECK(p.at(2).keyword == Keyword::user);
}

TEST_CASE("dockerfile heredoc: empty bodies, fd numbers and quoted markers") {
  auto p = parse_text(
      "FROM a\nRUN <<EMPTY\nEMPTY\nRUN 3<<FD\nFD\nRUN \"<<NOHEREDOC\"\nRUN echo '<<NOPE'\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 5);
  REQUIRE(p.at(1).heredocs.size() == 1);
  CHECK(p.at(1).heredocs[0].body.empty());
  CHECK(p.at(1).heredocs[0].body_span.empty());
  REQUIRE(p.at(2).heredocs.size() == 1);
  CHECK(p.at(2).heredocs[0].fd == 3);
  CHECK(p.at(2).heredocs[0].delimiter == "FD");
  CHECK(p.at(3).heredocs.empty());
  CHECK(p.at(4).heredocs.empty());
}

TEST_CASE("dockerfile heredoc: <<- strips leading tabs from body and terminator") {
  std::string text = "FROM a\nRUN <<-EOT\n\tfoo\n\t\tbar\n\tEOT\nRUN <<EOT2\n\tkeep\nEOT2\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Heredoc& h = p.at(1).heredocs.at(0);
  CHECK(h.strip_tabs);
  CHECK(h.body == "foo\nbar\n");
  CHECK(p.slice(h.body_span) == "\tfoo\n\t\tbar\n");
  CHECK(p.slice(h.terminator_span) == "\tEOT");
  CHECK(p.at(2).heredocs.at(0).body == "\tkeep\n");
}

TEST_CASE("dockerfile heredoc: quoted delimiters disable expansion") {
  auto p = parse_text(
      "FROM a\nRUN <<'EOF'\n$x\nEOF\nRUN <<\"EOF\"\n$x\nEOF\nRUN <<eo'f'\n$x\neof\n"
      "RUN <<eo\\'f\nx\neo'f\nRUN <<'one two'\nx\none two\nRUN <<  EOF  > out\nx\nEOF\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 7);
  CHECK(!p.at(1).heredocs.at(0).expand);
  CHECK(p.at(1).heredocs[0].delimiter == "EOF");
  CHECK(p.slice(p.at(1).heredocs[0].marker_span) == "<<'EOF'");
  CHECK(!p.at(2).heredocs.at(0).expand);
  CHECK(!p.at(3).heredocs.at(0).expand);
  CHECK(p.at(3).heredocs[0].delimiter == "eof");
  CHECK(p.at(4).heredocs.at(0).expand);
  CHECK(p.at(4).heredocs[0].delimiter == "eo'f");
  CHECK(p.at(5).heredocs.at(0).delimiter == "one two");
  CHECK(p.at(6).heredocs.at(0).delimiter == "EOF");
  CHECK(p.slice(p.at(6).heredocs[0].marker_span) == "<<  EOF");
}

TEST_CASE("dockerfile heredoc: several per instruction, bodies in marker order") {
  std::string text =
      "FROM a\nCOPY <<X <<Y /dest/\nY\nX\nX\nY\nRUN <<A cat > a && <<B cat > b\n1\nA\n2\nB\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Instruction& copy = p.at(1);
  REQUIRE(copy.heredocs.size() == 2);
  CHECK(copy.heredocs[0].delimiter == "X");
  CHECK(copy.heredocs[0].body == "Y\n");
  CHECK(copy.heredocs[1].body == "X\n");
  REQUIRE(copy.words.size() == 3);
  CHECK(copy.words[2].value == "/dest/");
  const Instruction& run = p.at(2);
  REQUIRE(run.heredocs.size() == 2);
  CHECK(run.heredocs[0].body == "1\n");
  CHECK(run.heredocs[1].body == "2\n");
  CHECK(p.slice(run.span).ends_with("\nB"));
}

TEST_CASE("dockerfile heredoc: after continuations and && chains") {
  std::string text =
      "FROM a\nRUN foo \\\n  && bar <<EOF >> bar.txt \\\n  && baz\nline\nEOF\nRUN next\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  const Instruction& run = p.at(1);
  REQUIRE(run.heredocs.size() == 1);
  CHECK(run.heredocs[0].body == "line\n");
  CHECK(p.slice(run.heredocs[0].marker_span) == "<<EOF");
  CHECK(run.arguments.text() == "foo   && bar <<EOF >> bar.txt   && baz");
  CHECK(p.at(2).arguments.text() == "next");
}

TEST_CASE("dockerfile heredoc: a comment or instruction may follow the terminator") {
  auto p = parse_text(
      "FROM a\nRUN <<EOF\n# not a comment\nEOF\n# a comment\nCOPY <<F /f\nx\nF\nCMD x\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 4);
  CHECK(p.at(1).heredocs.at(0).body == "# not a comment\n");
  REQUIRE(p.file->comments.size() == 1);
  CHECK(p.slice(p.file->comments[0]) == "# a comment");
  CHECK(p.at(3).keyword == Keyword::cmd);
}

TEST_CASE("dockerfile heredoc: CRLF terminators") {
  auto p = parse_text("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\nUSER x\r\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  CHECK(p.at(1).heredocs.at(0).body == "echo hi\r\n");
  CHECK(p.slice(p.at(1).span) == "RUN <<EOF\r\necho hi\r\nEOF");
}

TEST_CASE("dockerfile heredoc: only RUN, COPY and ADD, never in JSON form") {
  auto p = parse_text("FROM a\nUSER <<INVALID\nINVALID\nRUN [\"cat\", \"<<EOF\"]\n");
  // USER takes no heredoc: its "body" line is read as an instruction.
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown instruction: INVALID");
  CHECK(p.at(1).heredocs.empty());
  CHECK(p.at(2).heredocs.empty());
}

TEST_CASE("dockerfile heredoc: inside ONBUILD") {
  auto p = parse_text("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER x\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  const Instruction& ob = p.at(1);
  REQUIRE(ob.onbuild);
  REQUIRE(ob.onbuild->heredocs.size() == 1);
  CHECK(ob.onbuild->heredocs[0].body == "echo hi\n");
  CHECK(p.slice(ob.span).ends_with("EOF"));
}

TEST_CASE("dockerfile heredoc: unterminated heredoc is an error at its marker") {
  std::string text = "FROM a\nRUN cat <<EOF\nline 1\nline 2\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unterminated heredoc");
  CHECK(p.errors[0].span == Span{15, 20});
  const Heredoc& h = p.at(1).heredocs.at(0);
  CHECK(h.body_span == Span{21, static_cast<std::size_t>(text.size())});
  CHECK(h.body == "line 1\nline 2\n");
}

TEST_CASE("dockerfile heredoc: COPY destination cannot be a heredoc") {
  auto p = parse_text("FROM a\nCOPY /src <<EOF\nx\nEOF\n");
  CHECK(p.error_messages() == "COPY cannot accept a heredoc as a destination;");
}
