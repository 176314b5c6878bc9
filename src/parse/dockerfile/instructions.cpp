// One instruction from its logical line: BuildKit's splitCommand and line parsers
// (parser/line_parsers.go) plus the argument checks of instructions/parse.go.
#include <fmt/format.h>

#include <array>

#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile {

std::string_view to_string(Keyword k) {
  static constexpr std::array<std::string_view, 19> names = {
      "FROM",        "RUN",     "CMD",        "ENTRYPOINT", "COPY",    "ADD",    "ENV",
      "ARG",         "LABEL",   "EXPOSE",     "USER",       "WORKDIR", "VOLUME", "SHELL",
      "HEALTHCHECK", "ONBUILD", "STOPSIGNAL", "MAINTAINER", "UNKNOWN"};
  return names[static_cast<std::size_t>(k)];
}

namespace detail {

void ErrorSink::add(Span span, std::string message) {
  constexpr std::size_t kMaxErrors = 1000;
  ++count_;
  if (count_ < kMaxErrors) {
    errors_.push_back({span, std::move(message)});
  } else if (count_ == kMaxErrors) {
    errors_.push_back({span, "too many errors; further errors are not reported"});
  }
}

Keyword keyword_of(std::string_view word) {
  if (word.size() > 11) return Keyword::unknown;  // longer than HEALTHCHECK
  std::string lower = to_lower(word);
  static const std::array<std::string, 18> names = [] {
    std::array<std::string, 18> out;
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = to_lower(to_string(Keyword(k)));
    return out;
  }();
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == lower) return static_cast<Keyword>(k);
  return Keyword::unknown;
}

bool can_hold_heredocs(const Instruction& in) {
  const Instruction& target = in.keyword == Keyword::onbuild && in.onbuild ? *in.onbuild : in;
  bool kind = target.keyword == Keyword::run || target.keyword == Keyword::copy ||
              target.keyword == Keyword::add;
  return kind && !target.exec_form;
}

namespace {

// Reads one instruction; offsets are local to the logical line.
class InstructionReader {
 public:
  InstructionReader(const BuildContext& ctx, const LogicalLine& line, bool nested, Instruction& out)
      : ctx_(ctx), line_(line), nested_(nested), in_(out) {}

  Built read(std::size_t begin, std::size_t end) {
    const std::string& t = line_.text;
    while (begin < end && is_space(t[begin])) ++begin;
    while (end > begin && is_space(t[end - 1])) --end;
    if (begin == end) return built_;
    built_.empty = false;
    std::size_t kw_end = begin;
    while (kw_end < end && !is_space(t[kw_end])) ++kw_end;
    in_.keyword_span = line_.to_file(begin, kw_end);
    in_.keyword = keyword_of(std::string_view(t).substr(begin, kw_end - begin));
    in_.span = line_.to_file(begin, end);
    std::size_t rest = kw_end;
    while (rest < end && is_space(t[rest])) ++rest;

    std::vector<RawWord> flags;
    std::size_t off =
        extract_flags(std::string_view(t).substr(rest, end - rest), ctx_.escape, flags);
    for (const RawWord& f : flags) add_flag(f, rest);
    args_b_ = rest + off;
    while (args_b_ < end && is_space(t[args_b_])) ++args_b_;
    args_e_ = std::max(args_b_, end);
    args_ = std::string_view(t).substr(args_b_, args_e_ - args_b_);
    in_.arguments = line_.mapped(ctx_.text, args_b_, args_e_);
    in_.arguments_span = line_.to_file(args_b_, args_e_);

    if (in_.keyword == Keyword::unknown) {
      if (!nested_)
        ctx_.errors.add(in_.keyword_span,
                        fmt::format("unknown instruction: {}", t.substr(begin, kw_end - begin)));
      return built_;
    }
    dispatch();
    return built_;
  }

 private:
  void error(std::string message) { ctx_.errors.add(in_.span, std::move(message)); }
  // Errors of BuildKit's instruction checks, which do not apply to ONBUILD triggers yet.
  void check(std::string message) {
    if (!nested_) error(std::move(message));
  }
  std::string name() const { return std::string(to_string(in_.keyword)); }

  void add_flag(const RawWord& f, std::size_t base) {
    Flag flag;
    std::string_view text = f.text;
    text.remove_prefix(std::min<std::size_t>(2, text.size()));
    auto eq = text.find('=');
    flag.span = line_.to_file(base + f.begin, base + f.end);
    if (eq == std::string_view::npos) {
      flag.name = std::string(text);
      flag.value_span = {flag.span.end, flag.span.end};
    } else {
      flag.name = std::string(text.substr(0, eq));
      flag.value = std::string(text.substr(eq + 1));
      flag.has_value = true;
      auto raw = std::string_view(line_.text).substr(base + f.begin, f.end - f.begin);
      auto raw_eq = raw.find('=');
      std::size_t vb = raw_eq == std::string_view::npos ? f.end : f.begin + raw_eq + 1;
      flag.value_span = line_.to_file(base + vb, base + f.end);
      if (vb == f.end) flag.value_span = {flag.span.end, flag.span.end};
    }
    in_.flags.push_back(std::move(flag));
  }

  Word word_at(std::size_t b, std::size_t e) const {
    Word w;
    w.raw = std::string(std::string_view(line_.text).substr(b, e - b));
    w.value = unquote(w.raw, ctx_.escape).value_or(w.raw);
    w.span = line_.to_file(b, e);
    return w;
  }

  // Words of the arguments from `from` (an offset into args_): quote-aware (parseWords), or
  // split at whitespace only, as BuildKit does for FROM, EXPOSE and ADD/COPY/VOLUME.
  void shell_words(std::size_t from, bool quotes_group = true) {
    auto rest = args_.substr(from);
    auto words = quotes_group ? split_words(rest, ctx_.escape) : split_whitespace(rest);
    for (const RawWord& w : words)
      in_.words.push_back(word_at(args_b_ + from + w.begin, args_b_ + from + w.end));
  }

  enum class Json { exec, shell, error };
  Json json_words(std::size_t from) {
    std::vector<JsonString> strings;
    switch (parse_json_array(args_.substr(from), strings)) {
      case JsonStatus::ok:
        in_.exec_form = true;
        for (JsonString& s : strings) {
          Word w;
          w.value = std::move(s.value);
          std::size_t b = args_b_ + from + s.begin, e = args_b_ + from + s.end;
          w.raw = line_.text.substr(b, e - b);
          w.span = line_.to_file(b, e);
          in_.words.push_back(std::move(w));
        }
        return Json::exec;
      case JsonStatus::not_strings:
        error("when using JSON array syntax, arrays must be comprised of strings only");
        return Json::error;
      case JsonStatus::invalid:
        break;
    }
    return Json::shell;
  }

  // parseMaybeJSON: exec form, or one shell command.
  void maybe_json(std::size_t from) {
    if (from >= args_.size()) return;
    Json j = json_words(from);
    if (j != Json::shell) return;
    shell_words(from);
    built_.shell_begin = args_b_ + from;
    built_.shell_end = args_e_;
  }

  // parseMaybeJSONToList: a JSON list or whitespace-separated words.
  void maybe_json_list() {
    if (json_words(0) == Json::shell) shell_words(0, false);
  }

  void pairs(bool is_arg) {
    auto words = split_words(args_, ctx_.escape);
    if (words.empty()) return check(fmt::format("{} requires at least one argument", name()));
    if (!is_arg && words[0].text.find('=') == std::string::npos) return legacy_pair();
    for (const RawWord& w : words) {
      std::size_t b = args_b_ + w.begin, e = args_b_ + w.end;
      auto eq = w.text.find('=');
      KeyValue kv;
      kv.span = line_.to_file(b, e);
      if (eq == std::string::npos) {
        if (!is_arg) {
          in_.pairs.clear();
          return error(fmt::format(
              "Syntax error - can't find = in \"{}\". Must be of the form: name=value", w.text));
        }
        kv.key = word_at(b, e);
      } else {
        if (eq == 0) check(fmt::format("{} names can not be blank", name()));
        kv.key = word_at(b, b + eq);
        kv.value = word_at(b + eq + 1, e);
      }
      in_.pairs.push_back(std::move(kv));
    }
  }

  // `ENV key value`: the rest of the line after the first whitespace is the value.
  void legacy_pair() {
    std::size_t k = 0;
    while (k < args_.size() && !is_space(args_[k])) ++k;
    std::size_t v = k;
    while (v < args_.size() && is_space(args_[v])) ++v;
    if (v >= args_.size()) return error(fmt::format("{} must have two arguments", name()));
    KeyValue kv;
    kv.legacy = true;
    kv.key = word_at(args_b_, args_b_ + k);
    kv.value = word_at(args_b_ + v, args_e_);
    kv.span = line_.to_file(args_b_, args_e_);
    in_.pairs.push_back(std::move(kv));
  }

  static bool valid_stage_name(std::string_view n) {
    if (n.empty() || n[0] < 'a' || n[0] > 'z') return false;
    for (char c : n)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
        return false;
    return true;
  }

  static bool is_heredoc_word(std::string_view w) {
    std::size_t i = 0;
    while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
    if (w.substr(i, 2) != "<<") return false;
    i += 2;
    if (i < w.size() && w[i] == '-') ++i;
    while (i < w.size() && is_space(w[i])) ++i;
    return i < w.size() && w.find('<', i) == std::string_view::npos;
  }

  void dispatch() {
    switch (in_.keyword) {
      case Keyword::run:
      case Keyword::cmd:
      case Keyword::entrypoint:
        maybe_json(0);
        break;
      case Keyword::shell:
        maybe_json(0);
        if (args_.empty() || (in_.exec_form && in_.words.empty()))
          check("SHELL requires at least one argument");
        else if (!in_.exec_form && !in_.words.empty())
          check("SHELL requires the arguments to be in JSON form");
        built_.shell_begin = built_.shell_end = npos;
        break;
      case Keyword::copy:
      case Keyword::add:
        maybe_json_list();
        if (in_.words.size() < 2)
          check(
              fmt::format("{} requires at least two arguments, but only one was provided. "
                          "Destination could not be determined",
                          name()));
        else if (!in_.exec_form && is_heredoc_word(in_.words.back().raw))
          check(fmt::format("{} cannot accept a heredoc as a destination", name()));
        break;
      case Keyword::volume:
        maybe_json_list();
        if (in_.words.empty()) check("VOLUME requires at least one argument");
        for (const Word& w : in_.words)
          if (trim_space(w.value).empty()) check("VOLUME specified can not be an empty string");
        break;
      case Keyword::from:
        shell_words(0, false);
        if (in_.words.size() == 3 && to_lower(in_.words[1].value) == "as") {
          if (!valid_stage_name(to_lower(in_.words[2].value)))
            check(
                fmt::format("invalid name for build stage: \"{}\", name can't start with a "
                            "number or contain symbols",
                            in_.words[2].value));
        } else if (in_.words.size() != 1) {
          check("FROM requires either one or three arguments");
        }
        break;
      case Keyword::expose:
        shell_words(0, false);
        if (in_.words.empty()) check("EXPOSE requires at least one argument");
        break;
      case Keyword::user:
      case Keyword::workdir:
      case Keyword::stopsignal:
      case Keyword::maintainer:
        shell_words(0);
        if (args_.empty()) check(fmt::format("{} requires exactly one argument", name()));
        break;
      case Keyword::env:
      case Keyword::label:
        pairs(false);
        break;
      case Keyword::arg:
        pairs(true);
        break;
      case Keyword::healthcheck:
        healthcheck();
        break;
      case Keyword::onbuild:
        onbuild();
        break;
      case Keyword::unknown:
        break;
    }
  }

  void healthcheck() {
    if (args_.empty()) return check("HEALTHCHECK requires at least one argument");
    std::size_t sep = 0;
    while (sep < args_.size() && !is_space(args_[sep])) ++sep;
    std::size_t next = sep;
    while (next < args_.size() && is_space(args_[next])) ++next;
    in_.words.push_back(word_at(args_b_, args_b_ + sep));
    std::string type = to_lower(args_.substr(0, sep));
    maybe_json(next);
    if (type == "none") {
      if (next < args_.size()) check("HEALTHCHECK NONE takes no arguments");
      built_.shell_begin = built_.shell_end = npos;
    } else if (type == "cmd") {
      if (in_.words.size() < 2) check("Missing command after HEALTHCHECK CMD");
    } else {
      check(fmt::format("Unknown type \"{}\" in HEALTHCHECK (try CMD)", args_.substr(0, sep)));
      built_.shell_begin = built_.shell_end = npos;
    }
  }

  void onbuild() {
    if (args_.empty()) return check("ONBUILD requires at least one argument");
    auto inner = std::make_shared<Instruction>();
    Built b = InstructionReader(ctx_, line_, true, *inner).read(args_b_, args_e_);
    built_.shell_begin = b.shell_begin;
    built_.shell_end = b.shell_end;
    if (inner->keyword == Keyword::onbuild)
      check("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    else if (inner->keyword == Keyword::from || inner->keyword == Keyword::maintainer)
      check(fmt::format("{} isn't allowed as an ONBUILD trigger", to_string(inner->keyword)));
    in_.onbuild = std::move(inner);
  }

  const BuildContext& ctx_;
  const LogicalLine& line_;
  bool nested_;
  Instruction& in_;
  Built built_;
  std::size_t args_b_ = 0, args_e_ = 0;
  std::string_view args_;
};

}  // namespace

Built build_instruction(const BuildContext& ctx, const LogicalLine& line, std::size_t begin,
                        std::size_t end, bool nested, Instruction& out) {
  return InstructionReader(ctx, line, nested, out).read(begin, end);
}

}  // namespace detail
}  // namespace infralint::dockerfile
