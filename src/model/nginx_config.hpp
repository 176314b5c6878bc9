#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "parse/nginx/ast.hpp"

namespace infralint::nginx {

// Where a directive stands, as nginx's NGX_*_CONF masks tell contexts apart.
enum class Context : std::uint32_t {
  main = 1u << 0,
  events = 1u << 1,
  http = 1u << 2,
  server = 1u << 3,
  location = 1u << 4,
  upstream = 1u << 5,
  if_in_server = 1u << 6,
  if_in_location = 1u << 7,
  limit_except = 1u << 8,
  mail = 1u << 9,
  mail_server = 1u << 10,
  stream = 1u << 11,
  stream_server = 1u << 12,
  stream_upstream = 1u << 13,
  // Bodies that hold data, not directives (map, geo, types, split_clients, ...), and blocks
  // of unknown directives: nothing inside is checked against the catalogue.
  opaque = 1u << 30,
};

std::string_view to_string(Context c);

// nginx's NGX_CONF_* argument flags.
enum ArgFlag : std::uint32_t {
  kNoArgs = 1u << 0,  // TAKE1..TAKE7 are bits 1..7
  kBlock = 1u << 8,
  kFlag = 1u << 9,
  kAny = 1u << 10,
  k1More = 1u << 11,
  k2More = 1u << 12,
};

enum class ValueCheck { none, one_of, size, time };

// One row of src/model/nginx_directives.tsv: one way a directive may be used.
struct DirectiveSpec {
  std::string_view name;
  std::uint32_t contexts = 0;  // Context bits
  std::uint32_t args = 0;      // ArgFlag bits
  std::string_view module;     // oss, plus, lua, headers-more
  ValueCheck check = ValueCheck::none;
  std::string_view values;  // for one_of: the accepted values, comma-separated

  // The accepted values of a one_of row, one by one.
  std::vector<std::string_view> value_list() const;
};

// The catalogue rows for a directive name; empty when nginx does not know it.
std::span<const DirectiveSpec> directive_specs(std::string_view name);
// The module names of every directive of the catalogue (to suggest a spelling).
std::span<const std::string_view> known_directive_names();

// Whether the argument count (and on/off for flags) fits the row, ignoring block/terminator.
bool arguments_fit(const DirectiveSpec& spec, const Directive& d);
// "1 argument", "2 or 3 arguments", "on or off", ... as nginx's flags allow.
std::string describe_arguments(std::uint32_t args);
std::string describe_contexts(std::uint32_t contexts);

// The context the children of `d` stand in, when `d` is a block in `parent`.
Context child_context(Context parent, const Directive& d);

// The context a file is written for: main for a complete configuration (http, events, stream
// or mail at top level), else the context where its top-level directives fit best (conf.d/
// *.conf with `server {}` → http; location snippets → server or location). Certbot-style
// nginx.conf files holding only `server {}` blocks are snippets too.
Context file_context(std::string_view path, const Config& config);
// The same for a linted document: decided once by its model (build_model), else now.
Context file_context(const Document& doc, const Config& config);

// One directive reached by a walk: where it stands and the blocks around it (outermost
// first). Directives of included files are walked where the `include` stands.
struct Visit {
  const Directive& directive;
  Context context;
  const std::vector<const Directive*>& parents;
  bool in_document() const { return directive.file == nullptr; }
};

namespace detail {
template <typename Visitor>
void walk_list(const std::vector<Directive>& list, Context ctx,
               std::vector<const Directive*>& parents, Visitor& visit) {
  for (const Directive& d : list) {
    visit(Visit{d, ctx, parents});
    for (const IncludedFile* f : d.included) walk_list(f->directives, ctx, parents, visit);
    if (d.block && !d.children.empty()) {
      parents.push_back(&d);
      walk_list(d.children, child_context(ctx, d), parents, visit);
      parents.pop_back();
    }
  }
}
}  // namespace detail

// Walks every directive of the configuration in order, depth first, expanding includes. A
// template, so that each rule's visitor is called directly: some sixty rules walk every
// configuration, and a std::function call per directive and rule was a third of the walk.
template <typename Visitor>
void walk(const Config& config, Context root, Visitor&& visit) {
  std::vector<const Directive*> parents;
  detail::walk_list(config.directives, root, parents, visit);
}

// The directives directly inside a block (or the top level for null), includes expanded.
std::vector<const Directive*> children_of(const Config& config, const Directive* block);

// The text of the file a directive was read from.
std::string_view source_text(const Document& doc, const Directive& d);

// Whether a size ("10m", "512k", "1g", "1024") or time ("30s", "1h 30m", "500ms") literal
// parses as nginx's ngx_parse_size / ngx_parse_time would.
bool valid_size(std::string_view value);
bool valid_time(std::string_view value);
// A valid time literal in milliseconds (a bare number is seconds); nullopt when not valid.
std::optional<std::uint64_t> time_ms(std::string_view value);

// The socket a `listen` address names, so that `80`, `*:80` and `0.0.0.0:80` compare equal
// (`[::]:80` and `127.0.0.1:80` stay apart).
std::string listen_socket(std::string_view address);

// The `listen ... ssl` (or `ssl on`) that makes a server block serve HTTPS; null otherwise.
const Directive* tls_listen(const Config& config, const Directive* server);

// The leading whitespace of the line holding `offset`.
std::string_view indentation_at(std::string_view text, std::size_t offset);
// The span of the whole line(s) of a directive, from the line start to after its newline,
// when nothing else shares those lines; nullopt otherwise.
std::optional<Span> whole_lines(std::string_view text, Span span);
// Where a new line after `span` goes: the end of its line (before the newline, after any
// trailing comment), when only blanks or a comment follow it there; nullopt otherwise.
std::optional<std::size_t> line_end_after(std::string_view text, Span span);

}  // namespace infralint::nginx
