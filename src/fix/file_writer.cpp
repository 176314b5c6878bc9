#include "fix/file_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace infralint {

std::string write_file_if_unchanged(const std::string& link_path, std::string_view expected,
                                    std::string_view text) {
  // Through a symbolic link the target is replaced, not the link (renaming over the link would
  // turn it into a copy). A deleted file or a dangling link is an error here: never created.
  std::string path = link_path;
  if (char* resolved = ::realpath(link_path.c_str(), nullptr)) {
    path = resolved;
    std::free(resolved);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return "the file was deleted since it was read; not written";
    return std::string("cannot stat: ") + std::strerror(errno);
  }
  if (!S_ISREG(st.st_mode)) return "not a regular file; not written";
  {
    std::ifstream in(path, std::ios::binary);
    std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail()) return "cannot re-read the file before writing";
    if (current != expected) return "the file changed on disk since it was read; not written";
  }
  std::string temp = path + ".infralint-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return "cannot write: " + why;
    }
    written += static_cast<std::size_t>(n);
  }
  bool ok = ::fchmod(fd, st.st_mode & 07777) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "cannot replace the file: " + why;
  }
  return {};
}

std::string create_new_file(const std::string& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return std::string("cannot create: ") + std::strerror(errno);
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(path.c_str());
      return "cannot write: " + why;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string why = std::strerror(errno);
    ::unlink(path.c_str());
    return "cannot write: " + why;
  }
  return {};
}

}  // namespace infralint
