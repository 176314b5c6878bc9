// The Dockerfile reader of BuildKit's parser/parser.go and directives.go: physical lines,
// parser directives, logical lines (continuations, comment lines), heredoc bodies, stages.
#include <fmt/format.h>

#include <unordered_map>

#include "parse/dockerfile/internal.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint::dockerfile {
namespace {

using detail::is_space;

struct Line {
  std::size_t begin, end;  // content, without the line break and trailing '\r's
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    std::size_t end = stop;
    while (end > pos && text[end - 1] == '\r') --end;
    lines.push_back({pos, end});
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return lines;
}

// DirectiveParser of directives.go, fed the leading lines (left-trimmed) until done.
class DirectiveReader {
 public:
  DirectiveReader(File& file, detail::ErrorSink& errors) : file_(file), errors_(errors) {}
  bool done() const { return done_; }

  void feed(std::string_view text, std::size_t begin, std::size_t end) {
    std::string_view line = text.substr(begin, end - begin);
    if (line.empty() || line[0] != '#') {
      done_ = true;
      return;
    }
    std::size_t i = 1;
    while (i < line.size() && is_space(line[i])) ++i;
    std::size_t key_b = i;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (i >= line.size() || !letter(line[i])) return finish();
    while (i < line.size() && (letter(line[i]) || digit(line[i]))) ++i;
    std::size_t key_e = i;
    while (i < line.size() && is_space(line[i])) ++i;
    if (i >= line.size() || line[i] != '=') return finish();
    ++i;
    std::size_t ws = i;
    while (i < line.size() && is_space(line[i])) ++i;
    std::size_t value_e = line.size();
    while (value_e > i && is_space(line[value_e - 1])) --value_e;
    std::size_t value_b = i;
    if (value_b == value_e) {
      // `(.+?)\s*$` backtracks into the spaces after '=': the value is the last of them.
      if (ws == line.size()) return finish();
      value_b = line.size() - 1;
      value_e = line.size();
    }
    std::string key = detail::to_lower(line.substr(key_b, key_e - key_b));
    if (key != "syntax" && key != "escape" && key != "check") return finish();
    Span span{begin, end};
    for (const Directive& d : file_.directives) {
      if (d.name == key) {
        errors_.add(span, fmt::format("only one {} parser directive can be used", key));
        return finish();
      }
    }
    Directive d;
    d.name = key;
    d.value = std::string(line.substr(value_b, value_e - value_b));
    d.span = span;
    d.value_span = {begin + value_b, begin + value_e};
    if (key == "escape") {
      if (d.value != "`" && d.value != "\\") {
        errors_.add(d.value_span,
                    fmt::format("invalid escape token '{}' does not match ` or \\", d.value));
        return finish();
      }
      file_.escape = d.value[0];
    }
    file_.directives.push_back(std::move(d));
  }

 private:
  void finish() { done_ = true; }
  File& file_;
  detail::ErrorSink& errors_;
  bool done_ = false;
};

// lineContinuationRegex: `([^E])E[ \t]*$|^E[ \t]*$`. Returns the end of the kept text when the
// line continues.
std::optional<std::size_t> continuation(std::string_view text, std::size_t begin, std::size_t end,
                                        char escape) {
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  if (end == begin || text[end - 1] != escape) return std::nullopt;
  if (end - 1 > begin && text[end - 2] == escape) return std::nullopt;
  return end - 1;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<ParseError>& errors)
      : text_(text), errors_(errors), lines_(split_lines(text)) {}

  std::unique_ptr<File> run() {
    file_ = std::make_unique<File>();
    DirectiveReader directives(*file_, errors_);
    bool any = false;
    while (i_ < lines_.size()) {
      Line l = lines_[i_];
      std::size_t t = l.begin;
      while (t < l.end && is_space(text_[t])) ++t;
      bool shebang = i_ == 0 && text_.substr(t, 2) == "#!";
      if (!directives.done() && !shebang) {
        std::size_t before = file_->directives.size();
        directives.feed(text_, t, l.end);
        if (file_->directives.size() != before) {
          file_->comments.push_back({t, l.end});
          ++i_;
          continue;
        }
      }
      ++i_;
      if (t < l.end && text_[t] == '#') {
        file_->comments.push_back({t, l.end});
        continue;
      }
      if (t == l.end) continue;
      any = true;
      logical_line(t, l.end);
    }
    if (!any) errors_.add({0, 0}, "file with no instructions");
    finish_stages();
    file_->variables_memo.reset();  // answers given while the file was being built
    return std::move(file_);
  }

 private:
  void logical_line(std::size_t begin, std::size_t end) {
    char escape = file_->escape;
    detail::LogicalLine line;
    auto cont = continuation(text_, begin, end, escape);
    line.append(text_, begin, cont.value_or(end));
    std::size_t last_end = end;
    while (cont && i_ < lines_.size()) {
      Line l = lines_[i_++];
      std::size_t t = l.begin;
      while (t < l.end && is_space(text_[t])) ++t;
      if (t < l.end && text_[t] == '#') {
        file_->comments.push_back({t, l.end});
        continue;
      }
      if (t == l.end) continue;  // empty continuation line
      cont = continuation(text_, l.begin, l.end, escape);
      line.append(text_, l.begin, cont.value_or(l.end));
      last_end = l.end;
    }

    Instruction in;
    detail::BuildContext ctx{text_, escape, errors_};
    detail::Built built = detail::build_instruction(ctx, line, 0, line.text.size(), false, in);
    if (built.empty) return;
    std::vector<detail::HeredocMarker> markers;
    if (detail::can_hold_heredocs(in)) {
      markers = detail::heredoc_markers(line.text);
      Instruction& target = in.onbuild ? *in.onbuild : in;
      for (const auto& m : markers) {
        last_end = read_heredoc(line, m, target, last_end);
        if (i_ >= lines_.size() && target.heredocs.back().terminator_span.empty()) break;
      }
    }
    in.span = {in.keyword_span.begin, std::max(last_end, in.keyword_span.end)};
    if (in.onbuild && !in.onbuild->heredocs.empty()) in.onbuild->span.end = in.span.end;
    if (in.keyword == Keyword::unknown) return;
    place(std::move(in), line, built, markers);
  }

  std::size_t read_heredoc(const detail::LogicalLine& line, const detail::HeredocMarker& m,
                           Instruction& target, std::size_t last_end) {
    Heredoc h;
    h.delimiter = m.name;
    h.strip_tabs = m.strip_tabs;
    h.expand = m.expand;
    h.fd = m.fd;
    h.marker_span = line.to_file(m.begin, m.end);
    std::size_t body_begin = i_ < lines_.size() ? lines_[i_].begin : text_.size();
    bool terminated = false;
    while (i_ < lines_.size()) {
      Line l = lines_[i_++];
      std::string_view candidate = text_.substr(l.begin, l.end - l.begin);
      if (h.strip_tabs)
        while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
      if (candidate == h.delimiter) {
        terminated = true;
        h.body_span = {body_begin, l.begin};
        h.terminator_span = {l.begin, l.end};
        last_end = l.end;
        break;
      }
      last_end = l.end;
    }
    if (!terminated) {
      h.body_span = {body_begin, text_.size()};
      h.terminator_span = {text_.size(), text_.size()};
      errors_.add(h.marker_span, "unterminated heredoc");
    }
    std::string_view body = text_.substr(h.body_span.begin, h.body_span.size());
    if (!h.strip_tabs) {
      h.body = std::string(body);
    } else {
      bool at_line_start = true;
      for (char c : body) {
        if (at_line_start && c == '\t') continue;
        at_line_start = c == '\n';
        h.body.push_back(c);
      }
    }
    target.heredocs.push_back(std::move(h));
    return last_end;
  }

  // Adds the instruction, opening a stage at FROM and tracking the stage's SHELL.
  void place(Instruction in, const detail::LogicalLine& line, const detail::Built& built,
             const std::vector<detail::HeredocMarker>& markers) {
    std::size_t index = file_->instructions.size();
    if (in.keyword == Keyword::from) {
      in.stage = file_->stages.size();
      file_->instructions.push_back(std::move(in));
      open_stage(index);
      return;
    }
    if (file_->stages.empty() && in.keyword != Keyword::arg)
      errors_.add(in.keyword_span, "no build stage in current context");
    in.stage = file_->stages.empty() ? npos : file_->stages.size() - 1;
    if (in.onbuild) in.onbuild->stage = in.stage;
    if (in.keyword == Keyword::shell && in.exec_form && !in.words.empty() && in.stage != npos)
      posix_shell_[in.stage] = is_posix_shell(in.words[0].value);
    bool posix = in.stage == npos || posix_shell_[in.stage];
    if (posix && built.shell_begin != npos) {
      Instruction& target = in.onbuild ? *in.onbuild : in;
      detail::attach_scripts(text_, line, built, markers, target);
    }
    file_->instructions.push_back(std::move(in));
  }

  static bool is_posix_shell(std::string_view program) {
    auto slash = program.find_last_of("/\\");
    if (slash != std::string_view::npos) program.remove_prefix(slash + 1);
    std::string name = detail::to_lower(program);
    if (name.size() > 4 && name.ends_with(".exe")) name.resize(name.size() - 4);
    return name != "powershell" && name != "pwsh" && name != "cmd";
  }

  void open_stage(std::size_t from) {
    const Instruction& in = file_->instructions[from];
    Stage stage;
    stage.from = from;
    stage.first = from;
    for (const Flag& f : in.flags)
      if (detail::to_lower(f.name) == "platform") stage.platform = f;
    if (!in.words.empty()) {
      stage.image = in.words[0];
      // Global ARGs all precede the first FROM, so they are computed once.
      if (!globals_) globals_ = variables_at(*file_, from);
      auto resolved = expand(stage.image.raw, *globals_, file_->escape);
      if (resolved && !resolved->empty()) stage.resolved_image = std::move(resolved);
      auto named =
          stage_names_.find(detail::to_lower(stage.resolved_image.value_or(stage.image.value)));
      if (named != stage_names_.end()) stage.parent = named->second;
    }
    if (in.words.size() == 3 && detail::to_lower(in.words[1].value) == "as") {
      stage.name = in.words[2];
      stage_names_[detail::to_lower(stage.name->value)] = file_->stages.size();
    }
    posix_shell_.push_back(stage.parent ? posix_shell_[*stage.parent] : true);
    file_->stages.push_back(std::move(stage));
  }

  void finish_stages() {
    auto& stages = file_->stages;
    for (std::size_t s = 0; s < stages.size(); ++s)
      stages[s].last = s + 1 < stages.size() ? stages[s + 1].from : file_->instructions.size();
  }

  std::string_view text_;
  detail::ErrorSink errors_;
  std::vector<Line> lines_;
  std::size_t i_ = 0;
  std::unique_ptr<File> file_;
  std::vector<bool> posix_shell_;
  std::optional<Variables> globals_;
  std::unordered_map<std::string, std::size_t> stage_names_;
};

}  // namespace

std::unique_ptr<File> parse(std::string_view text, std::vector<ParseError>& errors) {
  return Parser(text, errors).run();
}

}  // namespace infralint::dockerfile
