#pragma once
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace infralint::lsp {

// Reads JSON-RPC messages framed by `Content-Length` headers (LSP base protocol) from a file
// descriptor. Other headers (Content-Type) are read and ignored.
class MessageReader {
 public:
  explicit MessageReader(int fd) : fd_(fd) {}
  // The next message's content; nothing at end of input or on a malformed header (then the
  // stream cannot be resynchronised and the server stops as if the client had gone).
  std::optional<std::string> read();

 private:
  bool fill();  // reads more bytes into buffer_; false at end of input
  int fd_;
  std::string buffer_;
  std::size_t pos_ = 0;
};

// Writes framed messages; thread-safe, each message written whole.
class MessageWriter {
 public:
  explicit MessageWriter(std::FILE* out) : out_(out) {}
  void write(std::string_view content);

 private:
  std::FILE* out_;
  std::mutex mutex_;
};

}  // namespace infralint::lsp
