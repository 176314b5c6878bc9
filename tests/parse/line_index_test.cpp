#include <doctest/doctest.h>

#include "core/line_index.hpp"
#include "core/mapped_text.hpp"

using infralint::LineIndex;
using infralint::MappedText;
using infralint::Span;

TEST_CASE("line index: lines and code-point columns") {
  LineIndex idx("ab\ncdé\r\nx");
  CHECK(idx.line_count() == 3);
  auto p = idx.position(4);  // 'd'
  CHECK(p.line == 2);
  CHECK(p.column == 2);
  auto after_e = idx.position(7);  // byte after 'é' (2 bytes) = '\r'
  CHECK(after_e.column == 4);
  CHECK(idx.line_span(2) == Span{3, 7});
  CHECK(idx.offset(2, 4) == 7);
  CHECK(idx.position(10).line == 3);
}

TEST_CASE("line index: BOM takes no column, astral characters take two UTF-16 units") {
  LineIndex idx("\xEF\xBB\xBF" "a\xF0\x9F\x98\x80" "b");
  auto b = idx.position(8);
  CHECK(b.column == 3);
  CHECK(b.utf16_column == 4);
  CHECK(idx.position(3).column == 1);
  CHECK(idx.offset_utf16(0, 3) == 8);
}

TEST_CASE("mapped text: offsets map back across dropped gaps") {
  std::string parent = "RUN a \\\n  b";
  MappedText m;
  m.append_source(parent, {4, 6});   // "a "
  m.append_source(parent, {10, 11});  // "b"
  CHECK(m.text() == "a b");
  CHECK(m.to_parent(2) == 10);
  CHECK(m.to_parent(Span{0, 3}) == Span{4, 11});
}
