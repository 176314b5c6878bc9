#include "report/json_stream.hpp"

#include <string>

namespace infralint {
namespace {

std::string dump(const nlohmann::ordered_json& j) {
  // Invalid UTF-8 in a message or path must not abort the report: replace it.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item) {
  std::string text = dump(document);
  std::string marker = "\"" + std::string(kStreamedArray) + "\"";
  std::size_t at = text.find(marker);
  if (at == std::string::npos) {
    out << text << '\n';
    return;
  }
  std::size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::size_t indent = text.find_first_not_of(' ', line_start) - line_start;
  std::string closing(indent, ' ');
  std::string inner(indent + 2, ' ');

  out.write(text.data(), static_cast<std::streamsize>(at));
  if (count == 0) {
    out << "[]";
  } else {
    out << "[\n";
    std::string indented;
    for (std::size_t i = 0; i < count; ++i) {
      std::string value = dump(item(i));
      // One write per item: a character at a time through a synchronised std::cout was a
      // third of a large report's run time.
      indented.assign(inner);
      for (std::size_t from = 0; from < value.size();) {
        std::size_t newline = value.find('\n', from);
        if (newline == std::string::npos) {
          indented.append(value, from);
          break;
        }
        indented.append(value, from, newline + 1 - from).append(inner);
        from = newline + 1;
      }
      indented.append(i + 1 < count ? ",\n" : "\n");
      out.write(indented.data(), static_cast<std::streamsize>(indented.size()));
    }
    out << closing << ']';
  }
  out << std::string_view(text).substr(at + marker.size()) << '\n';
}

}  // namespace infralint
