#include "model/nginx_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/pieces.hpp"
#include "model/entities.hpp"
#include "model/nginx_directives_table.hpp"

namespace infralint::nginx {
namespace {

constexpr std::uint32_t context_bits(std::string_view list) {
  constexpr std::pair<std::string_view, Context> kNames[] = {
      {"main", Context::main},
      {"events", Context::events},
      {"http", Context::http},
      {"server", Context::server},
      {"location", Context::location},
      {"upstream", Context::upstream},
      {"if-in-server", Context::if_in_server},
      {"if-in-location", Context::if_in_location},
      {"limit_except", Context::limit_except},
      {"mail", Context::mail},
      {"mail-server", Context::mail_server},
      {"stream", Context::stream},
      {"stream-server", Context::stream_server},
      {"stream-upstream", Context::stream_upstream},
  };
  std::uint32_t bits = 0;
  bool any = false;
  for_each_piece(list, ',', [&](std::string_view name) {
    any = any || name == "any";
    for (const auto& [n, c] : kNames)
      if (n == name) bits |= static_cast<std::uint32_t>(c);
  });
  return any ? 0x3fff : bits;
}

constexpr std::uint32_t arg_bits(std::string_view list) {
  std::uint32_t bits = 0;
  for_each_piece(list, '|', [&](std::string_view f) {
    if (f == "NOARGS")
      bits |= kNoArgs;
    else if (f.starts_with("TAKE") && f.size() == 5)
      bits |= 1u << (f[4] - '0');
    else if (f == "BLOCK")
      bits |= kBlock;
    else if (f == "FLAG")
      bits |= kFlag;
    else if (f == "ANY")
      bits |= kAny;
    else if (f == "1MORE")
      bits |= k1More;
    else if (f == "2MORE")
      bits |= k2More;
  });
  return bits;
}

// Calls `each` with the five columns of every row of the table (comments and short rows
// skipped).
template <typename Each>
constexpr void for_each_row(std::string_view table, Each each) {
  for_each_piece(table, '\n', [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    std::string_view cols[5];
    std::size_t count = 0;
    for_each_piece(line, '\t', [&](std::string_view col) {
      if (count < 5) cols[count] = col;
      ++count;
    });
    if (count >= 5) each(cols);
  });
}

constexpr std::size_t row_count(std::string_view table) {
  std::size_t n = 0;
  for_each_row(table, [&](const std::string_view*) { ++n; });
  return n;
}

// The catalogue is read from the table by the compiler: reading it at start-up was a third
// of a one-file nginx run.
template <std::size_t N>
constexpr std::array<DirectiveSpec, N> read_rows(std::string_view table) {
  std::array<DirectiveSpec, N> specs{};
  std::size_t i = 0;
  for_each_row(table, [&](const std::string_view* cols) {
    DirectiveSpec& spec = specs[i++];
    spec.name = cols[0];
    spec.contexts = context_bits(cols[1]);
    spec.args = arg_bits(cols[2]);
    spec.module = cols[3];
    const std::string_view check = cols[4];
    if (check.starts_with("one-of:")) {
      spec.check = ValueCheck::one_of;
      spec.values = check.substr(7);
    } else if (check == "size") {
      spec.check = ValueCheck::size;
    } else if (check == "time") {
      spec.check = ValueCheck::time;
    }
  });
  return specs;
}

constexpr auto kSpecs = read_rows<row_count(kNginxDirectivesTable)>(kNginxDirectivesTable);
static_assert(std::is_sorted(kSpecs.begin(), kSpecs.end(),
                             [](const DirectiveSpec& a, const DirectiveSpec& b) {
                               return a.name < b.name;
                             }),
              "keep src/model/nginx_directives.tsv sorted by directive name");

template <std::size_t N>
constexpr std::size_t distinct_names(const std::array<DirectiveSpec, N>& specs) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < N; ++i) n += i == 0 || specs[i].name != specs[i - 1].name;
  return n;
}

template <std::size_t M, std::size_t N>
constexpr std::array<std::string_view, M> names_of(const std::array<DirectiveSpec, N>& specs) {
  std::array<std::string_view, M> names{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < N; ++i)
    if (i == 0 || specs[i].name != specs[i - 1].name) names[n++] = specs[i].name;
  return names;
}

constexpr auto kNames = names_of<distinct_names(kSpecs)>(kSpecs);

// Every rule that judges directives looks each one up: an open-addressing table of the names,
// built by the compiler, answers in a hash and a compare where a binary search over 900 names
// was an eighth of a run over the nginx corpus.
constexpr std::uint32_t name_hash(std::string_view name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

struct NameSlot {
  std::uint16_t first = 0;  // the name's first row in kSpecs
  std::uint16_t rows = 0;   // 0: an empty slot
};
constexpr std::size_t kNameSlots = 4096;  // a power of two, over four times the names
static_assert(kSpecs.size() < 65536 && kNameSlots > 4 * kNames.size());

constexpr auto kNameTable = [] {
  std::array<NameSlot, kNameSlots> table{};
  for (std::size_t i = 0; i < kSpecs.size();) {
    std::size_t end = i;
    while (end < kSpecs.size() && kSpecs[end].name == kSpecs[i].name) ++end;
    std::size_t slot = name_hash(kSpecs[i].name) & (kNameSlots - 1);
    while (table[slot].rows != 0) slot = (slot + 1) & (kNameSlots - 1);
    table[slot] = {static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(end - i)};
    i = end;
  }
  return table;
}();

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_data_block(std::string_view name) {
  return name == "map" || name == "geo" || name == "types" || name == "split_clients" ||
         name == "charset_map" || name == "match";
}

void collect(const std::vector<Directive>& list, std::vector<const Directive*>& out) {
  for (const Directive& d : list) {
    out.push_back(&d);
    for (const IncludedFile* f : d.included) collect(f->directives, out);
  }
}

}  // namespace

std::vector<std::string_view> DirectiveSpec::value_list() const {
  std::vector<std::string_view> out;
  for_each_piece(values, ',', [&](std::string_view piece) { out.push_back(piece); });
  return out;
}

std::string_view to_string(Context c) {
  switch (c) {
    case Context::main:
      return "main";
    case Context::events:
      return "events";
    case Context::http:
      return "http";
    case Context::server:
      return "server";
    case Context::location:
      return "location";
    case Context::upstream:
      return "upstream";
    case Context::if_in_server:
      return "if (in server)";
    case Context::if_in_location:
      return "if (in location)";
    case Context::limit_except:
      return "limit_except";
    case Context::mail:
      return "mail";
    case Context::mail_server:
      return "mail server";
    case Context::stream:
      return "stream";
    case Context::stream_server:
      return "stream server";
    case Context::stream_upstream:
      return "stream upstream";
    case Context::opaque:
      return "block";
  }
  return "block";
}

std::span<const DirectiveSpec> directive_specs(std::string_view name) {
  for (std::size_t slot = name_hash(name) & (kNameSlots - 1); kNameTable[slot].rows != 0;
       slot = (slot + 1) & (kNameSlots - 1)) {
    const NameSlot& s = kNameTable[slot];
    if (kSpecs[s.first].name == name) return {kSpecs.data() + s.first, s.rows};
  }
  return {};
}

std::span<const std::string_view> known_directive_names() { return kNames; }

bool arguments_fit(const DirectiveSpec& spec, const Directive& d) {
  std::size_t n = d.args.size();
  if (n <= 7 && (spec.args >> n & 1u)) return true;
  if ((spec.args & kFlag) && n == 1 &&
      (iequals(d.args[0].value, "on") || iequals(d.args[0].value, "off")))
    return true;
  if (spec.args & kAny) return true;
  if ((spec.args & k1More) && n >= 1) return true;
  if ((spec.args & k2More) && n >= 2) return true;
  return false;
}

std::string describe_arguments(std::uint32_t args) {
  if (args & kFlag) return "`on` or `off`";
  if (args & kAny) return "any number of arguments";
  std::vector<std::string> counts;
  for (unsigned n = 0; n <= 7; ++n)
    if (args >> n & 1u) counts.push_back(std::to_string(n));
  std::string out;
  if (args & k1More)
    counts.push_back("1 or more");
  else if (args & k2More)
    counts.push_back("2 or more");
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (i) out += i + 1 == counts.size() ? " or " : ", ";
    out += counts[i];
  }
  return out + (counts.size() == 1 && counts[0] == "1" ? " argument" : " arguments");
}

std::string describe_contexts(std::uint32_t contexts) {
  std::vector<std::string_view> names;
  for (std::uint32_t bit = 1; bit <= static_cast<std::uint32_t>(Context::stream_upstream);
       bit <<= 1)
    if (contexts & bit) names.push_back(to_string(static_cast<Context>(bit)));
  return fmt::format("{}", fmt::join(names, ", "));
}

Context child_context(Context parent, const Directive& d) {
  std::string_view n = d.name;
  if (is_data_block(n) || is_lua_block(n)) return Context::opaque;
  switch (parent) {
    case Context::main:
      if (n == "http") return Context::http;
      if (n == "events") return Context::events;
      if (n == "stream") return Context::stream;
      if (n == "mail") return Context::mail;
      break;
    case Context::http:
      if (n == "server") return Context::server;
      if (n == "upstream") return Context::upstream;
      break;
    case Context::server:
      if (n == "location") return Context::location;
      if (n == "if") return Context::if_in_server;
      break;
    case Context::location:
      if (n == "location") return Context::location;
      if (n == "if") return Context::if_in_location;
      if (n == "limit_except") return Context::limit_except;
      break;
    case Context::if_in_location:
    case Context::if_in_server:
      break;
    case Context::stream:
      if (n == "server") return Context::stream_server;
      if (n == "upstream") return Context::stream_upstream;
      break;
    case Context::mail:
      if (n == "server") return Context::mail_server;
      break;
    default:
      break;
  }
  return Context::opaque;
}

Context file_context(std::string_view, const Config& config) {
  std::vector<const Directive*> top = children_of(config, nullptr);
  for (const Directive* d : top)
    if (d->is("http") || d->is("events") || d->is("stream") || d->is("mail")) return Context::main;
  if (top.empty()) return Context::main;
  Context best = Context::main;
  std::size_t best_misfits = SIZE_MAX;
  for (Context c : {Context::main, Context::http, Context::server, Context::location}) {
    std::size_t misfits = 0;
    for (const Directive* d : top) {
      const auto& specs = directive_specs(d->name);
      if (specs.empty()) continue;
      bool fits = std::any_of(specs.begin(), specs.end(), [&](const DirectiveSpec& s) {
        return (s.contexts & static_cast<std::uint32_t>(c)) != 0;
      });
      if (!fits) ++misfits;
    }
    if (misfits < best_misfits) {
      best = c;
      best_misfits = misfits;
    }
  }
  return best;
}

Context file_context(const Document& doc, const Config& config) {
  const Model* model = doc.model<Model>();
  return model && model->nginx_context ? *model->nginx_context : file_context(doc.path(), config);
}

std::vector<const Directive*> children_of(const Config& config, const Directive* block) {
  std::vector<const Directive*> out;
  collect(block ? block->children : config.directives, out);
  return out;
}

std::string_view source_text(const Document& doc, const Directive& d) {
  return d.file ? std::string_view(d.file->text) : doc.text();
}

bool valid_size(std::string_view v) {
  if (v.empty()) return false;
  char last = v.back();
  if (std::string_view("kKmMgG").find(last) != std::string_view::npos) v.remove_suffix(1);
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

bool valid_time(std::string_view v) {
  // Parts like "1h", "30m", "500ms", in decreasing unit order, optionally space-separated; a
  // bare number counts as seconds and may only come last.
  static const std::string_view kOrder[] = {"y", "M", "w", "d", "h", "m", "s", "ms"};
  std::size_t i = 0, last_rank = 0;
  bool any = false;
  while (i < v.size()) {
    if (v[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t digits = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == digits) return false;
    any = true;
    if (i == v.size()) return true;  // bare number: seconds
    std::string_view unit = v.substr(i, 1);
    if (v.substr(i, 2) == "ms") unit = v.substr(i, 2);
    std::size_t rank = 0;
    while (rank < std::size(kOrder) && kOrder[rank] != unit) ++rank;
    if (rank == std::size(kOrder) || rank + 1 <= last_rank) return false;
    last_rank = rank + 1;
    i += unit.size();
  }
  return any;
}

std::optional<std::uint64_t> time_ms(std::string_view v) {
  if (!valid_time(v)) return std::nullopt;
  static const std::pair<std::string_view, std::uint64_t> kUnits[] = {
      {"ms", 1},          {"s", 1000},         {"m", 60'000},         {"h", 3'600'000},
      {"d", 86'400'000},  {"w", 604'800'000},  {"M", 2'592'000'000}, {"y", 31'536'000'000}};
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (i < v.size()) {
    if (v[i] == ' ') {
      ++i;
      continue;
    }
    std::uint64_t n = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])) && n < 1'000'000'000)
      n = n * 10 + static_cast<std::uint64_t>(v[i++] - '0');
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    std::uint64_t unit = 1000;  // a bare number: seconds
    for (const auto& [name, ms] : kUnits)
      if (v.substr(i, name.size()) == name) {  // "ms" is tried before "m"
        unit = ms;
        i += name.size();
        break;
      }
    total += n * unit;
  }
  return total;
}

std::string listen_socket(std::string_view address) {
  if (!address.empty() && address.find_first_not_of("0123456789") == std::string_view::npos)
    return "*:" + std::string(address);
  if (address.starts_with("0.0.0.0:")) return "*:" + std::string(address.substr(8));
  return std::string(address);
}

const Directive* tls_listen(const Config& config, const Directive* server) {
  for (const Directive* d : children_of(config, server)) {
    if (d->is("listen"))
      for (const auto& a : d->args)
        if (a.value == "ssl") return d;
    if (d->is("ssl") && !d->args.empty() && d->args[0].value == "on") return d;
  }
  return nullptr;
}

std::string_view indentation_at(std::string_view text, std::size_t offset) {
  std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  std::size_t end = start;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(start, end - start);
}

std::optional<std::size_t> line_end_after(std::string_view text, Span span) {
  std::size_t eol = std::min(text.find('\n', span.end), text.size());
  std::string_view rest = text.substr(span.end, eol - span.end);
  auto first = rest.find_first_not_of(" \t\r");
  if (first != std::string_view::npos && rest[first] != '#') return std::nullopt;
  if (eol > span.end && text[eol - 1] == '\r') --eol;
  return eol;
}

std::optional<Span> whole_lines(std::string_view text, Span span) {
  std::size_t start = span.begin;
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) --start;
  if (start > 0 && text[start - 1] != '\n') return std::nullopt;
  std::size_t end = span.end;
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r')) ++end;
  if (end < text.size() && text[end] != '\n') return std::nullopt;
  if (end < text.size()) ++end;
  return Span{start, end};
}

}  // namespace infralint::nginx
