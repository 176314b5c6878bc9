#include "lsp/transport.hpp"

#include <unistd.h>

#include <cerrno>
#include <cctype>
#include <charconv>

namespace infralint::lsp {
namespace {

// A header block larger than this is no LSP client talking to us.
constexpr std::size_t kMaxHeaderBytes = 8192;
constexpr std::size_t kMaxContentBytes = std::size_t{256} << 20;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

bool MessageReader::fill() {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

std::optional<std::string> MessageReader::read() {
  std::optional<std::size_t> length;
  for (;;) {  // header lines up to the empty one
    std::size_t eol;
    while ((eol = buffer_.find("\r\n", pos_)) == std::string::npos) {
      if (buffer_.size() - pos_ > kMaxHeaderBytes || !fill()) return std::nullopt;
    }
    std::string_view line(buffer_.data() + pos_, eol - pos_);
    pos_ = eol + 2;
    if (line.empty()) {
      if (length) break;
      continue;  // stray blank line between messages
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    if (iequals(line.substr(0, colon), "Content-Length")) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n > kMaxContentBytes)
        return std::nullopt;
      length = n;
    }
  }
  while (buffer_.size() - pos_ < *length)
    if (!fill()) return std::nullopt;
  std::string content = buffer_.substr(pos_, *length);
  pos_ += *length;
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  } else if (pos_ > (std::size_t{1} << 20)) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return content;
}

void MessageWriter::write(std::string_view content) {
  std::lock_guard lock(mutex_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", content.size());
  std::fwrite(content.data(), 1, content.size(), out_);
  std::fflush(out_);
}

}  // namespace infralint::lsp
