#include "lsp/positions.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "report/uri.hpp"

namespace infralint::lsp {

std::string_view to_string(Encoding e) { return e == Encoding::utf8 ? "utf-8" : "utf-16"; }

LspPosition PositionMapper::position(std::size_t offset) const {
  Position p = lines_.position(offset);
  if (encoding_ == Encoding::utf16) return {p.line - 1, p.utf16_column - 1};
  return {p.line - 1, p.offset - lines_.line_span(p.line).begin};
}

std::size_t PositionMapper::offset(LspPosition p) const {
  if (p.line >= lines_.line_count()) return text_.size();
  if (encoding_ == Encoding::utf16) return lines_.offset_utf16(p.line, p.character);
  Span line = lines_.line_span(p.line + 1);
  std::size_t at = line.begin + std::min(p.character, line.size());
  // A byte column inside a multi-byte character means the character's start.
  while (at > line.begin && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) --at;
  return at;
}

nlohmann::json PositionMapper::range(Span span) const {
  LspPosition b = position(span.begin), e = position(span.end);
  return {{"start", {{"line", b.line}, {"character", b.character}}},
          {"end", {{"line", e.line}, {"character", e.character}}}};
}

Span PositionMapper::span(const nlohmann::json& range) const {
  auto read = [&](const char* key) {
    LspPosition p;
    if (range.is_object() && range.contains(key) && range[key].is_object()) {
      const auto& j = range[key];
      if (j.contains("line") && j["line"].is_number_unsigned()) p.line = j["line"];
      if (j.contains("character") && j["character"].is_number_unsigned())
        p.character = j["character"];
    }
    return offset(p);
  };
  std::size_t b = read("start"), e = read("end");
  return {std::min(b, e), std::max(b, e)};
}

std::string uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return {};
  uri.remove_prefix(kScheme.size());
  if (!uri.starts_with('/')) {  // file://host/path: keep the path
    auto slash = uri.find('/');
    if (slash == std::string_view::npos) return {};
    uri.remove_prefix(slash);
  }
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      path += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (uri[i] == '?' || uri[i] == '#') {
      break;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string path_to_uri(std::string_view path) {
  std::filesystem::path p(path);
  if (p.is_relative()) p = std::filesystem::absolute(p);
  return "file://" + percent_encode_path(p.lexically_normal().generic_string());
}

}  // namespace infralint::lsp
