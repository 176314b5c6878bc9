// `include` resolution as nginx does it: relative paths against the configuration prefix, globs
// expanded in sorted order (zero matches is fine), every included file parsed on its own.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/consulted.hpp"
#include "parse/nginx/ast.hpp"

namespace fs = std::filesystem;

namespace infralint::nginx {
namespace {

constexpr std::size_t kMaxIncludedFiles = 1000;
constexpr std::size_t kMaxIncludedSize = 16 * 1024 * 1024;
constexpr std::size_t kMaxIncludeDepth = 32;

bool has_glob(std::string_view p) {
  return p.find_first_of("*?[") != std::string_view::npos;
}

std::string line_col(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return fmt::format("{}:{}", line, col);
}

class Resolver {
 public:
  Resolver(Config& config, std::vector<ParseError>& errors, std::vector<fs::path> bases)
      : config_(config), errors_(errors), bases_(std::move(bases)) {
    for (const fs::path& b : bases_) {
      std::error_code ec;
      fs::path absolute = fs::absolute(b, ec);
      if (!ec) roots_.push_back(consulted::canonical(absolute));
    }
  }

  // Resolves the includes of `directives` (read from `file`, null for the document itself).
  void resolve(std::vector<Directive>& directives, const IncludedFile* file,
               std::vector<std::string>& chain, std::size_t root_error_at) {
    // Iterative over the block tree of this file; recursion only across files (bounded).
    std::vector<std::vector<Directive>*> todo{&directives};
    while (!todo.empty()) {
      auto* list = todo.back();
      todo.pop_back();
      for (Directive& d : *list) {
        d.file = file;
        if (!d.children.empty()) todo.push_back(&d.children);
        if (d.is("include") && !d.block && d.args.size() == 1)
          include(d, chain, file ? root_error_at : d.name_span.begin);
      }
    }
  }

 private:
  std::vector<std::string> candidates(const std::string& target) {
    if (fs::path(target).is_absolute())
      return has_glob(target) ? consulted::glob(target) : std::vector{target};
    for (const fs::path& base : bases_) {
      std::string joined = (base / target).string();
      if (has_glob(target)) {
        auto found = consulted::glob(joined);
        if (!found.empty()) return found;
      } else {
        if (consulted::is_regular_file(joined)) return {joined};
      }
    }
    return {};
  }

  void include(Directive& d, std::vector<std::string>& chain, std::size_t error_at) {
    for (const std::string& path : candidates(d.args[0].value)) {
      std::string canonical = consulted::canonical(path);
      if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
        std::string cycle;
        for (const auto& c : chain) cycle += fs::path(c).filename().string() + " → ";
        cycle += fs::path(canonical).filename().string();
        report(d, error_at,
               fmt::format("include cycle: {}; nginx would include these files "
                           "forever",
                           cycle));
        continue;
      }
      if (chain.size() >= kMaxIncludeDepth || config_.files.size() >= kMaxIncludedFiles) {
        report(d, error_at, "includes nested too deep or too many included files; not followed");
        return;
      }
      // Only regular files inside the configuration's directory are read: a device or FIFO
      // (`include /dev/zero;`) would never end, and a file elsewhere on this host (an include
      // escaping the root through `..`, an absolute path, a symbolic link) is not the
      // deployment host's file, nor one a linter running on untrusted input should open.
      // Like a file missing here, such an include is not followed.
      // Unreadable here (or too large) is also not followed: the deployment host may differ.
      if (!inside_root(canonical)) continue;
      auto text = consulted::read_file(canonical, kMaxIncludedSize);
      if (!text) continue;
      auto file = std::make_unique<IncludedFile>();
      file->path = path;
      file->text = std::move(*text);
      std::vector<ParseError> errors;
      file->directives = parse_directives(file->text, file->comments, errors);
      for (const ParseError& e : errors)
        report(d, error_at,
               fmt::format("in included file {}:{}: {}", path, line_col(file->text, e.span.begin),
                           e.message));
      IncludedFile* raw = file.get();
      config_.files.push_back(std::move(file));
      d.included.push_back(raw);
      chain.push_back(canonical);
      resolve(raw->directives, raw, chain, error_at);
      chain.pop_back();
    }
  }

  bool inside_root(const fs::path& canonical) const {
    for (const fs::path& root : roots_) {
      fs::path rel = canonical.lexically_relative(root);
      if (!rel.empty() && *rel.begin() != "..") return true;
    }
    return false;
  }

  // Problems in included files are reported on the `include` of the linted document that led
  // there, since a finding belongs to the document it is reported in.
  void report(const Directive& d, std::size_t error_at, std::string message) {
    Span at = d.file ? Span{error_at, error_at + 7} : d.name_span;
    errors_.push_back({at, std::move(message)});
  }

  Config& config_;
  std::vector<ParseError>& errors_;
  std::vector<fs::path> bases_;
  std::vector<fs::path> roots_;  // the bases, absolute with links resolved
};

}  // namespace

std::unique_ptr<Config> parse(std::string_view path, std::string_view text,
                              std::vector<ParseError>& errors, const IncludeOptions& options) {
  auto config = std::make_unique<Config>();
  config->directives = parse_directives(text, config->comments, errors);
  if (!options.resolve || path.empty() || path == "-") return config;
  std::vector<fs::path> bases;
  if (!options.prefix.empty()) {
    bases.emplace_back(options.prefix);
  } else {
    // nginx resolves against the directory of nginx.conf: use the nearest enclosing directory
    // holding one; without any, try the file's directory and then its parents.
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(path), ec).parent_path();
    std::vector<fs::path> ancestors;
    for (int up = 0; up < 4 && !dir.empty(); ++up) {
      ancestors.push_back(dir);
      if (dir == dir.parent_path()) break;
      dir = dir.parent_path();
    }
    for (const fs::path& a : ancestors)
      if (consulted::is_regular_file(a / "nginx.conf")) {
        bases.push_back(a);
        break;
      }
    if (bases.empty()) bases = ancestors;
  }
  std::vector<std::string> chain;
  chain.push_back(consulted::canonical(fs::path(path)));
  Resolver(*config, errors, std::move(bases)).resolve(config->directives, nullptr, chain, 0);
  return config;
}

}  // namespace infralint::nginx
