// railway.json into the TOML value tree. nlohmann-json decides whether the text is JSON (its
// SAX reader reports the byte of the first error and builds nothing); a small scanner then
// walks the text, now known to be valid, to give every key and value its exact span. The YAML
// front-end was not used: it disagrees with JSON on tabs and duplicate keys.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "parse/toml/toml.hpp"

namespace infralint::toml {
namespace {

constexpr std::size_t kMaxDepth = 128;

// Accepts every event; only the error matters.
struct SyntaxCheck : nlohmann::json_sax<nlohmann::json> {
  std::size_t error_byte = 0;
  std::string message;
  bool failed = false;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    failed = true;
    error_byte = position;
    message = e.what();
    return false;
  }
};

// "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while
// parsing object - unexpected '}'; expected string literal" → from "syntax error" on.
std::string short_message(const std::string& what) {
  auto at = what.find("syntax error");
  if (at == std::string::npos) at = what.find(": ");
  return at == std::string::npos ? what : what.substr(at);
}

class Scanner {
 public:
  Scanner(std::string_view text, Document& out, std::vector<ParseError>& errors)
      : text_(text), out_(out), errors_(errors) {}

  const Node* value(std::size_t depth) {
    skip_space();
    Node& node = out_.arena.emplace_back();
    node.span = {pos_, pos_};
    if (pos_ >= text_.size()) {
      node.type = Type::null;
      return &node;
    }
    if (depth > kMaxDepth) {
      errors_.push_back({{pos_, pos_ + 1}, "nested too deeply"});
      node.type = Type::null;
      pos_ = text_.size();
      return &node;
    }
    char c = text_[pos_];
    if (c == '{') {
      node.type = Type::table;
      node.inline_table = true;
      ++pos_;
      skip_space();
      while (pos_ < text_.size() && text_[pos_] != '}') {
        Span key_span = string_token();
        std::string key = decode(key_span);
        skip_space();
        ++pos_;  // ':'
        const Node* v = value(depth + 1);
        node.entries.push_back({std::move(key), key_span, v});
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
        skip_space();
      }
      ++pos_;
    } else if (c == '[') {
      node.type = Type::array;
      ++pos_;
      skip_space();
      while (pos_ < text_.size() && text_[pos_] != ']') {
        node.items.push_back(value(depth + 1));
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
        skip_space();
      }
      ++pos_;
    } else if (c == '"') {
      node.type = Type::string;
      Span s = string_token();
      node.text = decode(s);
    } else {
      std::size_t begin = pos_;
      while (pos_ < text_.size() && !is_delimiter(text_[pos_])) ++pos_;
      node.text = std::string(text_.substr(begin, pos_ - begin));
      if (node.text == "true" || node.text == "false")
        node.type = Type::boolean;
      else if (node.text == "null")
        node.type = Type::null;
      else if (node.text.find_first_of(".eE") != std::string::npos)
        node.type = Type::floating;
      else
        node.type = Type::integer;
    }
    node.span.end = std::min(pos_, text_.size());
    return &node;
  }

 private:
  static bool is_delimiter(char c) {
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  Span string_token() {
    std::size_t begin = pos_;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    pos_ = std::min(pos_ + 1, text_.size());
    return {begin, pos_};
  }
  std::string decode(Span s) const {
    auto parsed = nlohmann::json::parse(text_.substr(s.begin, s.size()), nullptr, false);
    return parsed.is_string() ? parsed.get<std::string>() : std::string();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Document& out_;
  std::vector<ParseError>& errors_;
};

}  // namespace

std::unique_ptr<Document> parse_json(std::string_view text, std::vector<ParseError>& errors) {
  auto doc = std::make_unique<Document>();
  doc->json = true;
  SyntaxCheck check;
  nlohmann::json::sax_parse(text, &check);
  if (check.failed) {
    // nlohmann counts the byte it stopped at from 1.
    std::size_t at = std::min(check.error_byte ? check.error_byte - 1 : 0, text.size());
    std::size_t end = at < text.size() ? at + 1 : at;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    errors.push_back({{at, end}, short_message(check.message)});
  } else {
    Scanner scanner(text, *doc, errors);
    doc->root = scanner.value(0);
  }
  if (!doc->root) {
    Node& empty = doc->arena.emplace_back();
    empty.span = {0, text.size()};
    doc->root = &empty;
  }
  return doc;
}

}  // namespace infralint::toml
