#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/line_index.hpp"
#include "core/span.hpp"

namespace infralint::lsp {

// How `Position.character` counts: UTF-16 code units (the LSP default) or UTF-8 bytes, as
// negotiated in `initialize` (general.positionEncodings).
enum class Encoding { utf16, utf8 };

std::string_view to_string(Encoding e);

struct LspPosition {
  std::size_t line = 0;       // 0-based
  std::size_t character = 0;  // 0-based, in the negotiated unit
};

// Conversions between byte offsets and LSP positions of one text, through its line index.
class PositionMapper {
 public:
  PositionMapper(std::string_view text, const LineIndex& lines, Encoding encoding)
      : text_(text), lines_(lines), encoding_(encoding) {}

  LspPosition position(std::size_t offset) const;
  // A position past the end of its line means the line's end; past the last line, the text's.
  std::size_t offset(LspPosition p) const;
  nlohmann::json range(Span span) const;
  // `{start, end}` of an LSP Range; missing or malformed fields read as 0.
  Span span(const nlohmann::json& range) const;

 private:
  std::string_view text_;
  const LineIndex& lines_;
  Encoding encoding_;
};

// `file:///a%20b/c` ↔ `/a b/c`. A URI of another scheme (an unsaved buffer) has no path: "".
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace infralint::lsp
