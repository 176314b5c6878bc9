#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace infralint {

// What the analysis of one document asked of the world besides the document's own text and its
// configuration: another file's content (an nginx include, a .dockerignore, the Dockerfile a
// compose service builds), whether a path exists, a glob's matches, today's date. The analysis
// cache (engine/analysis_cache) reuses a document's results only while each question still
// gets the same answer, so every such question goes through the functions below.
struct Consultation {
  enum class Question : std::uint8_t {
    regular_file,  // is `subject` a regular file?
    directory,     // is it a directory?
    exists,        // does anything exist there?
    content,       // the text of the file (its hash; "" when not read)
    glob,          // the sorted matches of the pattern
    canonical,     // the path with links resolved
    today,         // the date rules compare with
  };
  Question question = Question::exists;
  std::string subject;  // a path or pattern; for `content`, "limit\npath"
  std::string answer;

  bool operator==(const Consultation&) const = default;
};

// The answer the world gives now: what `answer` must still be for cached results to hold.
std::string answer_now(const Consultation& c);

// Collects the consultations of the current thread while alive (nested ones see the same).
class ConsultationLog {
 public:
  ConsultationLog();
  ~ConsultationLog();
  ConsultationLog(const ConsultationLog&) = delete;
  ConsultationLog& operator=(const ConsultationLog&) = delete;
  std::vector<Consultation> take() { return std::move(entries_); }

 private:
  friend void note_consultation(Consultation::Question, std::string, std::string);
  std::vector<Consultation> entries_;
  ConsultationLog* outer_;
};

// Records a question and its answer in the current thread's log, when one is open.
void note_consultation(Consultation::Question question, std::string subject, std::string answer);

// While alive, whether a path is a regular file, a directory or exists at all is asked of the
// file system once and then remembered, for every thread: a run asks it of the same .git above
// each of thousands of files, and its files do not change under it. The outermost scope rules.
class RememberedPaths {
 public:
  RememberedPaths();
  ~RememberedPaths();
  RememberedPaths(const RememberedPaths&) = delete;
  RememberedPaths& operator=(const RememberedPaths&) = delete;

 private:
  bool owner_ = false;
};

// The questions themselves, recorded. Errors count as "no".
namespace consulted {
bool is_regular_file(const std::string& p);
bool is_directory(const std::string& p);
bool exists(const std::string& p);
bool is_regular_file(const std::filesystem::path& p);
bool is_directory(const std::filesystem::path& p);
bool exists(const std::filesystem::path& p);
// The text of a regular file of at most `limit` bytes; nothing when missing, larger or unreadable.
std::optional<std::string> read_file(const std::filesystem::path& p,
                                     std::uintmax_t limit = 16 * 1024 * 1024);
// glob(3) matches that are regular files, sorted.
std::vector<std::string> glob(const std::string& pattern);
// std::filesystem::weakly_canonical, or the path itself when that fails.
std::string canonical(const std::filesystem::path& p);
}  // namespace consulted

}  // namespace infralint
