// The shell code of shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD: the command line and the
// heredoc bodies that the default shell runs.
#include <algorithm>

#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile::detail {
namespace {

bool is_posix_shell_name(std::string_view program) {
  auto slash = program.find_last_of('/');
  if (slash != std::string_view::npos) program.remove_prefix(slash + 1);
  return program == "sh" || program == "bash" || program == "ash" || program == "dash";
}

// `#!/bin/sh`, `#!/usr/bin/env bash -e`, or no shebang at all.
bool body_is_shell(std::string_view body) {
  if (body.substr(0, 2) != "#!") return true;
  auto nl = body.find('\n');
  std::string_view line = body.substr(2, nl == std::string_view::npos ? nl : nl - 2);
  auto words = split_words(line, '\\');
  if (words.empty()) return true;
  std::string_view program = words[0].text;
  auto slash = program.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? program : program.substr(slash + 1);
  if (base == "env") {
    for (std::size_t i = 1; i < words.size(); ++i)
      if (words[i].text.empty() || words[i].text[0] != '-')
        return is_posix_shell_name(words[i].text);
    return false;
  }
  return is_posix_shell_name(program);
}

// The command line with heredoc markers replaced by spaces, so that offsets stay aligned.
// Walks the pieces once: a long continued line with many markers stays linear.
MappedText command_line(std::string_view text, const LogicalLine& line, std::size_t begin,
                        std::size_t end, const std::vector<HeredocMarker>& markers) {
  MappedText out;
  std::size_t piece = 0;
  auto copy = [&](std::size_t b, std::size_t e) {
    while (piece < line.pieces.size() && line.pieces[piece].local + line.pieces[piece].size <= b)
      ++piece;
    for (std::size_t i = piece; i < line.pieces.size() && line.pieces[i].local < e; ++i) {
      const LogicalLine::Piece& p = line.pieces[i];
      std::size_t lb = std::max(b, p.local), le = std::min(e, p.local + p.size);
      if (lb < le) out.append_source(text, {p.file + (lb - p.local), p.file + (le - p.local)});
    }
  };
  std::size_t pos = begin;
  for (const HeredocMarker& m : markers) {
    if (m.end <= pos || m.begin >= end) continue;
    std::size_t mb = std::max(m.begin, pos), me = std::min(m.end, end);
    copy(pos, mb);
    out.append_synthetic(std::string(me - mb, ' '), line.to_file(mb));
    pos = me;
  }
  copy(pos, end);
  return out;
}

MappedText body_text(std::string_view text, const Heredoc& h) {
  MappedText out;
  std::size_t pos = h.body_span.begin;
  while (pos < h.body_span.end) {
    std::size_t nl = text.find('\n', pos);
    std::size_t stop =
        nl == std::string_view::npos || nl >= h.body_span.end ? h.body_span.end : nl + 1;
    std::size_t b = pos;
    if (h.strip_tabs)
      while (b < stop && text[b] == '\t') ++b;
    out.append_source(text, {b, stop});
    pos = stop;
  }
  return out;
}

}  // namespace

void attach_scripts(std::string_view text, const LogicalLine& line, const Built& built,
                    const std::vector<HeredocMarker>& markers, Instruction& in) {
  if (built.shell_begin == npos) return;
  MappedText command = command_line(text, line, built.shell_begin, built.shell_end, markers);
  auto words = split_words(command.text(), '\\', 1);  // only the program is looked at
  if (!words.empty()) in.scripts.push_back(shell::parse(command));
  bool feeds_shell = words.empty() || is_posix_shell_name(words[0].text);
  if (!feeds_shell) return;
  for (const Heredoc& h : in.heredocs) {
    if (!body_is_shell(h.body)) continue;
    in.scripts.push_back(shell::parse(body_text(text, h)));
  }
}

}  // namespace infralint::dockerfile::detail
