#pragma once
// Helpers for the Dockerfile parser tests: parse a string, slice spans, and dump the AST the
// way BuildKit's parser tests do (`Node.Dump()`), so that cases read like its testfiles.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dockerfile/ast.hpp"

namespace dockerfile_test {

using namespace infralint;
using namespace infralint::dockerfile;

struct Parsed {
  std::string text;
  std::vector<ParseError> errors;
  std::unique_ptr<File> file;

  std::string_view slice(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  const Instruction& at(std::size_t i) const { return file->instructions.at(i); }
  std::string error_messages() const {
    std::string out;
    for (const auto& e : errors) out += e.message + ";";
    return out;
  }
};

inline Parsed parse_text(std::string text) {
  Parsed p;
  p.text = std::move(text);
  p.file = dockerfile::parse(p.text, p.errors);
  return p;
}

// Go's strconv.Quote for the ASCII range.
inline std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          static const char* hex = "0123456789abcdef";
          out += "\\x";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The node BuildKit builds for one instruction, e.g. `(copy ["--from=a"] "x" "/y")`.
inline std::string dump(const Instruction& in, std::string_view text) {
  auto raw = [&](Span s) { return std::string(text.substr(s.begin, s.size())); };
  std::string out = "(" + lower(raw(in.keyword_span));
  if (!in.flags.empty()) {
    out += " [";
    for (std::size_t i = 0; i < in.flags.size(); ++i) {
      if (i) out += " ";
      const Flag& f = in.flags[i];
      out += go_quote("--" + f.name + (f.has_value ? "=" + f.value : ""));
    }
    out += "]";
  }
  auto args = [&](std::vector<std::string> items) {
    for (const auto& a : items) out += " " + go_quote(a);
  };
  std::vector<std::string> items;
  switch (in.keyword) {
    case Keyword::env:
    case Keyword::label:
      for (const KeyValue& kv : in.pairs) {
        items.push_back(kv.key.raw);
        items.push_back(kv.value ? kv.value->raw : "");
        items.push_back(kv.legacy ? "" : "=");
      }
      break;
    case Keyword::arg:
      for (const KeyValue& kv : in.pairs)
        items.push_back(kv.value ? kv.key.raw + "=" + kv.value->raw : kv.key.raw);
      break;
    case Keyword::onbuild:
      if (in.onbuild) out += " " + dump(*in.onbuild, text);
      break;
    case Keyword::healthcheck:
      if (!in.words.empty()) {
        items.push_back(in.words[0].raw);
        if (in.exec_form) {
          for (std::size_t i = 1; i < in.words.size(); ++i) items.push_back(in.words[i].value);
        } else if (in.words.size() > 1) {
          std::string rest = in.arguments.text().substr(in.words[0].raw.size());
          rest.erase(0, rest.find_first_not_of(" \t"));
          items.push_back(rest);
        }
      }
      break;
    case Keyword::run:
    case Keyword::cmd:
    case Keyword::entrypoint:
    case Keyword::shell:
    case Keyword::user:
    case Keyword::workdir:
    case Keyword::stopsignal:
    case Keyword::maintainer:
      if (in.exec_form) {
        for (const Word& w : in.words) items.push_back(w.value);
      } else if (!in.arguments.text().empty()) {
        items.push_back(in.arguments.text());
      }
      break;
    default:
      for (const Word& w : in.words) items.push_back(in.exec_form ? w.value : w.raw);
  }
  args(items);
  return out + ")";
}

inline std::string dump(const Parsed& p) {
  std::string out;
  for (const Instruction& in : p.file->instructions) out += dump(in, p.text) + "\n";
  return out;
}

}  // namespace dockerfile_test
