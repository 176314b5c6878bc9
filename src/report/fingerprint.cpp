#include "report/fingerprint.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <unordered_map>

namespace infralint {
namespace {

constexpr std::size_t kBlock = 100;
constexpr std::uint64_t kMultiplier = 37;
constexpr std::uint32_t kEndOfFile = 0xFFFF;  // the action's EOF marker

// UTF-16 code units of UTF-8 text, the way Node decodes a file: each invalid byte is U+FFFD.
std::vector<std::uint16_t> utf16_units(std::string_view s) {
  std::vector<std::uint16_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if (b < 0x80) { cp = b; len = 1; }
    else if ((b & 0xE0) == 0xC0 && b >= 0xC2) { cp = b & 0x1F; len = 2; }
    else if ((b & 0xF0) == 0xE0) { cp = b & 0x0F; len = 3; }
    else if ((b & 0xF8) == 0xF0 && b <= 0xF4) { cp = b & 0x07; len = 4; }
    bool valid = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (valid && ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
                  (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))))
      valid = false;
    if (!valid) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<std::uint16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<std::uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<std::uint16_t>(cp));
    }
    i += len;
  }
  return out;
}

}  // namespace

std::vector<std::string> line_fingerprints(std::string_view text) {
  // Unsigned arithmetic wraps modulo 2^64, as the action's signed Long does bit for bit.
  std::uint64_t first_mod = 1;
  for (std::size_t i = 0; i < kBlock; ++i) first_mod *= kMultiplier;

  std::array<std::uint32_t, kBlock> window{};
  std::array<long, kBlock> line_at{};
  line_at.fill(-1);
  std::uint64_t hash = 0;
  std::size_t index = 0;
  long line = 0;
  bool line_start = true, previous_cr = false;
  std::unordered_map<std::uint64_t, int> seen;
  std::vector<std::string> out;

  auto emit = [&] {
    int n = ++seen[hash];
    auto l = static_cast<std::size_t>(line_at[index]);
    if (out.size() < l) out.resize(l);
    out[l - 1] = fmt::format("{:x}:{}", hash, n);
    line_at[index] = -1;
  };
  auto update = [&](std::uint32_t current) {
    std::uint32_t leaving = window[index];
    window[index] = current;
    hash = kMultiplier * hash + current - first_mod * leaving;
    index = (index + 1) % kBlock;
  };
  auto process = [&](std::uint32_t c) {
    if (c == ' ' || c == '\t' || (previous_cr && c == '\n')) {
      previous_cr = false;
      return;
    }
    previous_cr = c == '\r';
    if (c == '\r') c = '\n';
    if (line_at[index] != -1) emit();
    if (line_start) {
      line_start = false;
      line_at[index] = ++line;
    }
    if (c == '\n') line_start = true;
    update(c);
  };

  for (std::uint16_t unit : utf16_units(text)) process(unit);
  process(kEndOfFile);
  for (std::size_t i = 0; i < kBlock; ++i) {
    if (line_at[index] != -1) emit();
    update(0);
  }
  return out;
}

}  // namespace infralint
