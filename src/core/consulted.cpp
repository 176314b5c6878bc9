#include "core/consulted.hpp"

#include <fmt/format.h>
#include <glob.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/paths.hpp"

namespace fs = std::filesystem;

namespace infralint {
namespace {

thread_local ConsultationLog* current_log = nullptr;

const char* yes_no(bool b) { return b ? "yes" : "no"; }

// The answers a RememberedPaths scope keeps, keyed by a question letter and the path.
struct RememberedAnswers {
  std::mutex mutex;
  std::unordered_map<std::string, bool> answers;
};
// Shared, so that a run on another thread (the language server's) never sees it freed.
std::mutex remembered_mutex;
std::shared_ptr<RememberedAnswers> remembered;

std::shared_ptr<RememberedAnswers> remembered_now() {
  std::lock_guard lock(remembered_mutex);
  return remembered;
}

// Paths arrive as strings: a path object is built only when the file system is asked, not
// for an answer remembered already.
template <class Ask>
bool ask(char question, const std::string& p, Ask file_system) {
  std::shared_ptr<RememberedAnswers> r = remembered_now();
  if (!r) return file_system(fs::path(p));
  std::string key = question + p;
  {
    std::lock_guard lock(r->mutex);
    if (auto it = r->answers.find(key); it != r->answers.end()) return it->second;
  }
  bool answer = file_system(fs::path(p));
  std::lock_guard lock(r->mutex);
  r->answers.emplace(std::move(key), answer);
  return answer;
}

bool regular_file_now(const std::string& p) {
  return ask('f', p, [](const fs::path& q) {
    std::error_code ec;
    return fs::is_regular_file(q, ec);
  });
}
bool directory_now(const std::string& p) {
  return ask('d', p, [](const fs::path& q) {
    std::error_code ec;
    return fs::is_directory(q, ec);
  });
}
bool exists_now(const std::string& p) {
  return ask('e', p, [](const fs::path& q) {
    std::error_code ec;
    return fs::exists(q, ec);
  });
}

std::optional<std::string> read_now(const fs::path& p, std::uintmax_t limit) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;  // never a FIFO or a device
  auto size = fs::file_size(p, ec);
  if (ec || size > limit) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > limit) return std::nullopt;
  return std::move(text).str();
}

// A hash stands for the content: the log holds answers, not copies of files.
std::string content_answer(const std::optional<std::string>& text) {
  if (!text) return "";
  XXH128_hash_t h = XXH3_128bits(text->data(), text->size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

std::vector<std::string> glob_now(const std::string& pattern) {
  std::vector<std::string> out;
  glob_t g{};
  if (::glob(pattern.c_str(), 0, nullptr, &g) == 0)
    for (std::size_t i = 0; i < g.gl_pathc; ++i) out.emplace_back(g.gl_pathv[i]);
  ::globfree(&g);
  std::sort(out.begin(), out.end());
  std::erase_if(out, [](const std::string& p) { return !regular_file_now(p); });
  return out;
}

// An existing directory, or a file that is no link in one, resolved with one open and one read
// of /proc/self/fd; nothing for anything else. std::filesystem asks readlink of every component
// of the path: six system calls for each nginx file of a run, a fifth of its kernel time.
std::optional<std::string> canonical_by_directory(const std::string& path) {
  std::string absolute =
      path.starts_with('/') ? path : paths::absolute_normal(path, paths::working_directory());
  if (!paths::is_absolute_normal(absolute)) return std::nullopt;
  if (auto directory = paths::canonical_directory(absolute)) return directory;
  struct stat status;
  if (absolute == "/" || ::lstat(absolute.c_str(), &status) != 0 || S_ISLNK(status.st_mode))
    return std::nullopt;
  std::size_t slash = absolute.rfind('/');
  auto parent = paths::canonical_directory(slash == 0 ? "/" : absolute.substr(0, slash));
  if (!parent) return std::nullopt;
  return (*parent == "/" ? std::string() : *parent) + absolute.substr(slash);
}

std::string canonical_now(const fs::path& p) {
  if (paths::is_normal(p.native()))
    if (auto canonical = canonical_by_directory(p.native())) return *canonical;
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(p, ec).string();
  return ec ? p.string() : canonical;
}

std::string joined(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& p : paths) out.append(p).push_back('\n');
  return out;
}

}  // namespace

RememberedPaths::RememberedPaths() {
  std::lock_guard lock(remembered_mutex);
  if (remembered) return;  // an outer scope remembers already
  remembered = std::make_shared<RememberedAnswers>();
  owner_ = true;
}

RememberedPaths::~RememberedPaths() {
  std::lock_guard lock(remembered_mutex);
  if (owner_) remembered.reset();
}

ConsultationLog::ConsultationLog() : outer_(current_log) { current_log = this; }

ConsultationLog::~ConsultationLog() { current_log = outer_; }

void note_consultation(Consultation::Question question, std::string subject, std::string answer) {
  if (!current_log) return;
  Consultation c{question, std::move(subject), std::move(answer)};
  // A rule asking what the parser asked already adds nothing.
  if (std::find(current_log->entries_.begin(), current_log->entries_.end(), c) ==
      current_log->entries_.end())
    current_log->entries_.push_back(std::move(c));
}

std::string answer_now(const Consultation& c) {
  using Q = Consultation::Question;
  switch (c.question) {
    case Q::regular_file: return yes_no(regular_file_now(c.subject));
    case Q::directory: return yes_no(directory_now(c.subject));
    case Q::exists: return yes_no(exists_now(c.subject));
    case Q::content: {
      auto newline = c.subject.find('\n');
      std::uintmax_t limit = 0;
      if (newline == std::string::npos ||
          std::from_chars(c.subject.data(), c.subject.data() + newline, limit).ec != std::errc())
        return "?";  // malformed: never equal to a recorded answer
      return content_answer(read_now(c.subject.substr(newline + 1), limit));
    }
    case Q::glob: return joined(glob_now(c.subject));
    case Q::canonical: return canonical_now(c.subject);
    case Q::today: return current_date();
  }
  return "?";
}

namespace consulted {

bool is_regular_file(const std::string& p) {
  bool answer = regular_file_now(p);
  note_consultation(Consultation::Question::regular_file, p, yes_no(answer));
  return answer;
}

bool is_directory(const std::string& p) {
  bool answer = directory_now(p);
  note_consultation(Consultation::Question::directory, p, yes_no(answer));
  return answer;
}

bool exists(const std::string& p) {
  bool answer = exists_now(p);
  note_consultation(Consultation::Question::exists, p, yes_no(answer));
  return answer;
}

bool is_regular_file(const fs::path& p) { return is_regular_file(p.string()); }
bool is_directory(const fs::path& p) { return is_directory(p.string()); }
bool exists(const fs::path& p) { return exists(p.string()); }

std::optional<std::string> read_file(const fs::path& p, std::uintmax_t limit) {
  auto text = read_now(p, limit);
  if (current_log)
    note_consultation(Consultation::Question::content, fmt::format("{}\n{}", limit, p.string()),
                      content_answer(text));
  return text;
}

std::vector<std::string> glob(const std::string& pattern) {
  auto matches = glob_now(pattern);
  if (current_log) note_consultation(Consultation::Question::glob, pattern, joined(matches));
  return matches;
}

std::string canonical(const fs::path& p) {
  std::string answer = canonical_now(p);
  note_consultation(Consultation::Question::canonical, p.string(), answer);
  return answer;
}

}  // namespace consulted
}  // namespace infralint
