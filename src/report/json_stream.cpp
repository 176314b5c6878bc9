#include "report/json_stream.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>

namespace infralint {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// What each byte needs inside a JSON string: nothing, an escape, or nlohmann (beyond ASCII).
enum ByteClass : std::uint8_t { plain_byte, escaped_byte, non_ascii_byte };

constexpr std::array<ByteClass, 256> kByteClasses = [] {
  std::array<ByteClass, 256> classes{};
  for (std::size_t c = 0; c < 256; ++c)
    classes[c] = c >= 0x80                          ? non_ascii_byte
                 : c < 0x20 || c == '"' || c == '\\' ? escaped_byte
                                                    : plain_byte;
  return classes;
}();

std::string dump(const nlohmann::ordered_json& j, int indent) {
  // Invalid UTF-8 in a message or path must not abort the report: replace it.
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

void JsonWriter::indent(std::size_t depth) {
  out_.append(2 * depth, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == base_depth_) return;  // the writer's own value, placed by its caller
  // The separator, line break and indentation in one append (reports write millions).
  static constexpr std::string_view kBreak =
      ",\n                                                                ";
  const std::size_t width = 2 * depth_;
  if (width + 2 <= kBreak.size()) {
    out_.append(kBreak.substr(empty_ ? 1 : 0, (empty_ ? 1 : 2) + width));
  } else {
    out_ += empty_ ? "\n" : ",\n";
    indent(depth_);
  }
  empty_ = false;
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  ++depth_;
  empty_ = true;
}

void JsonWriter::close(char bracket) {
  --depth_;
  if (!empty_) {
    out_ += '\n';
    indent(depth_);
  }
  out_ += bracket;
  empty_ = false;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  // Keys are short ASCII words: quoted and followed by ": " in one append.
  char quoted[36];
  if (name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
        return kByteClasses[static_cast<unsigned char>(c)] == plain_byte;
      })) {
    quoted[0] = '"';
    std::memcpy(quoted + 1, name.data(), name.size());
    std::memcpy(quoted + 1 + name.size(), "\": ", 3);
    out_.append(quoted, name.size() + 4);
  } else {
    string(name);
    out_ += ": ";
  }
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
}

void JsonWriter::value(std::uint64_t number) {
  before_value();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.append(digits, end);
}

void JsonWriter::numbers_object(
    std::initializer_list<std::pair<std::string_view, std::uint64_t>> members) {
  char text[512];
  const std::size_t inner = 2 * (depth_ + 1);
  std::size_t needed = inner + 2;
  for (const auto& member : members) needed += member.first.size() + inner + 28;
  if (members.size() == 0 || needed > sizeof text) {  // never in a report; correct anyway
    begin_object();
    for (const auto& [name, number] : members) member(name, number);
    end_object();
    return;
  }
  before_value();
  std::size_t n = 0;
  text[n++] = '{';
  for (const auto& [name, number] : members) {
    if (n > 1) text[n++] = ',';
    text[n++] = '\n';
    std::memset(text + n, ' ', inner);
    n += inner;
    text[n++] = '"';
    std::memcpy(text + n, name.data(), name.size());
    n += name.size();
    std::memcpy(text + n, "\": ", 3);
    n += 3;
    n = static_cast<std::size_t>(std::to_chars(text + n, text + sizeof text, number).ptr - text);
  }
  text[n++] = '\n';
  std::memset(text + n, ' ', inner - 2);
  n += inner - 2;
  text[n++] = '}';
  out_.append(text, n);
}

std::string JsonWriter::render_members(std::size_t depth,
                                      const std::function<void(JsonWriter&)>& write) {
  std::string text;
  JsonWriter writer(text, depth - 1);
  writer.begin_object();
  write(writer);
  // What follows the brace: each member after its line break, separated by commas.
  return text.substr(1);
}

void JsonWriter::members(std::string_view rendered) {
  if (rendered.empty()) return;
  if (!empty_) out_ += ',';
  out_.append(rendered);
  empty_ = false;
}

void JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
}

void JsonWriter::value(const nlohmann::ordered_json& j) {
  before_value();
  std::string text = dump(j, 2);
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) {
    out_.append(text, from, nl + 1 - from);
    indent(depth_);
  }
  out_.append(text, from);
}

namespace {

// True when none of the eight bytes at `p` needs attention: none below 0x20 or at or above
// 0x80, no '"' and no '\\' (word-at-a-time tests; a byte at a time was most of a report).
bool eight_plain_bytes(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHigh = 0x8080808080808080;
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  auto has_zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | below_space | has_zero_byte(w ^ (kOnes * '"')) |
          has_zero_byte(w ^ (kOnes * '\\'))) == 0;
}

}  // namespace

void JsonWriter::string(std::string_view text) {
  std::size_t written = out_.size();
  out_ += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run + 8 <= text.size() && eight_plain_bytes(text.data() + run)) run += 8;
    while (run < text.size() && kByteClasses[static_cast<unsigned char>(text[run])] == plain_byte)
      ++run;
    out_.append(text.data() + i, run - i);  // runs of plain characters in one piece
    if (run == text.size()) break;
    i = run + 1;
    char c = text[run];
    if (kByteClasses[static_cast<unsigned char>(c)] == non_ascii_byte) {
      // Text beyond ASCII goes through nlohmann: its replacement of invalid UTF-8 is the contract.
      out_.resize(written);
      out_ += dump(nlohmann::ordered_json(std::string(text)), -1);
      return;
    }
    switch (c) {
      case '\b': out_ += "\\b"; break;
      case '\t': out_ += "\\t"; break;
      case '\n': out_ += "\\n"; break;
      case '\f': out_ += "\\f"; break;
      case '\r': out_ += "\\r"; break;
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      default: {  // another control character
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[(c >> 4) & 0xF];
        out_ += kHex[c & 0xF];
      }
    }
  }
  out_ += '"';
}

void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<void(std::size_t, JsonWriter&)>& item) {
  std::string text = dump(document, 2);
  std::string marker = "\"" + std::string(kStreamedArray) + "\"";
  std::size_t at = text.find(marker);
  if (at == std::string::npos) {
    out << text << '\n';
    return;
  }
  std::size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::size_t indent = text.find_first_not_of(' ', line_start) - line_start;

  out.write(text.data(), static_cast<std::streamsize>(at));
  if (count == 0) {
    out << "[]";
  } else {
    // Items are written into a buffer flushed in large pieces: a character at a time through
    // std::cout (synchronised with stdio) cost a quarter of a 50 MB report's run.
    std::string chunk = "[\n";
    std::size_t item_depth = indent / 2 + 1;
    for (std::size_t i = 0; i < count; ++i) {
      chunk.append(2 * item_depth, ' ');
      JsonWriter writer(chunk, item_depth);
      item(i, writer);
      chunk.append(i + 1 < count ? ",\n" : "\n");
      if (chunk.size() >= kChunk) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        chunk.clear();
      }
    }
    chunk.append(indent, ' ').push_back(']');
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  }
  out << std::string_view(text).substr(at + marker.size()) << '\n';
}

void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item) {
  dump_streaming(out, document, count,
                 [&](std::size_t i, JsonWriter& writer) { writer.value(item(i)); });
}

}  // namespace infralint
