#include "parse/shell/shell.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parse/shell/word_text.hpp"

extern "C" const TSLanguage* tree_sitter_bash();

namespace infralint::shell {
namespace {

// Past these, the text is not shell anyone wrote by hand: give up rather than stall a CI job.
constexpr std::size_t kMaxInputBytes = 16u << 20;
constexpr auto kParseBudget = std::chrono::seconds(2);
// Each nested substitution or group keeps its own copy of the raw text of the words around it,
// so unbounded nesting would cost quadratic memory. Nothing real nests this deep.
constexpr unsigned kMaxNesting = 64;

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct CursorGuard {
  TSTreeCursor cursor;
  explicit CursorGuard(TSNode node) : cursor(ts_tree_cursor_new(node)) {}
  ~CursorGuard() { ts_tree_cursor_delete(&cursor); }
  CursorGuard(const CursorGuard&) = delete;
  CursorGuard& operator=(const CursorGuard&) = delete;
};

struct Deadline {
  std::chrono::steady_clock::time_point until;
};

bool past_deadline(TSParseState* state) {
  const auto* deadline = static_cast<const Deadline*>(state->payload);
  return std::chrono::steady_clock::now() > deadline->until;
}

struct Child {
  TSNode node;
  TSFieldId field;  // 0 when the child has no field name
};

struct Context {
  bool in_pipeline = false;
  int pipeline = -1;
  // A pipeline tree-sitter hangs off a heredoc (`cat <<EOF | grep x && y`) holds the rest of
  // the line as a list: only its first statement is really a pipeline stage.
  bool first_stage_only = false;
  bool in_error = false;
  unsigned nesting = 0;
};

struct Pending {
  TSNode node;
  Context context;
};

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), value) != std::end(set);
}

// The node kinds the collector tells apart.
enum class Type : std::uint8_t {
  other,
  error,
  comment,
  list,
  command,
  builtin,  // declaration_command, unset_command
  substitution,  // command_substitution, process_substitution
  pipeline,
  redirected_statement,
  heredoc_redirect,
  variable_assignment,
};

// What a node kind is, decided once per kind from its name: comparing names per node was a
// sixth of the Collector's time.
struct Traits {
  Type type = Type::other;
  bool plain_if_named = false;    // a kind a plain command of literal words may contain
  bool plain_if_unnamed = false;  // `"`, and a lone `$` (a literal dollar sign)
  bool expansion = false;
  bool opens_scope = false;
};

Traits traits_of_name(std::string_view name) {
  static constexpr std::string_view kPlain[] = {"program",    "command",       "command_name",
                                                "word",       "string",        "string_content",
                                                "raw_string", "concatenation", "number"};
  static constexpr std::string_view kExpansions[] = {
      "simple_expansion",     "expansion",     "command_substitution", "arithmetic_expansion",
      "process_substitution", "ansi_c_string", "translated_string"};
  static constexpr std::string_view kScopes[] = {
      "command_substitution", "process_substitution", "subshell",      "compound_statement",
      "if_statement",         "while_statement",      "for_statement", "c_style_for_statement",
      "case_statement",       "function_definition",  "ERROR"};
  static constexpr std::pair<std::string_view, Type> kTypes[] = {
      {"ERROR", Type::error},
      {"comment", Type::comment},
      {"list", Type::list},
      {"command", Type::command},
      {"declaration_command", Type::builtin},
      {"unset_command", Type::builtin},
      {"command_substitution", Type::substitution},
      {"process_substitution", Type::substitution},
      {"pipeline", Type::pipeline},
      {"redirected_statement", Type::redirected_statement},
      {"heredoc_redirect", Type::heredoc_redirect},
      {"variable_assignment", Type::variable_assignment}};
  Traits t;
  for (const auto& [kind, type] : kTypes)
    if (kind == name) t.type = type;
  t.plain_if_named = one_of(name, kPlain);
  t.plain_if_unnamed = name == "\"" || name == "$";
  t.expansion = one_of(name, kExpansions);
  t.opens_scope = one_of(name, kScopes);
  return t;
}

struct Language {
  const TSLanguage* language = tree_sitter_bash();
  std::vector<Traits> by_symbol;
  TSFieldId name_field = 0, argument_field = 0, body_field = 0;

  Language() {
    std::uint32_t count = ts_language_symbol_count(language);
    by_symbol.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i)
      by_symbol.push_back(traits_of_name(ts_language_symbol_name(language, TSSymbol(i))));
    name_field = field("name");
    argument_field = field("argument");
    body_field = field("body");
  }

  TSFieldId field(std::string_view name) const {
    return ts_language_field_id_for_name(language, name.data(),
                                         static_cast<std::uint32_t>(name.size()));
  }

  // The public symbol names the node's kind; the error symbols lie outside the table.
  Traits traits(TSNode node) const {
    TSSymbol symbol = ts_node_symbol(node);
    if (symbol < by_symbol.size()) return by_symbol[symbol];
    return traits_of_name(ts_node_type(node));
  }
};

const Language& bash() {
  static const Language language;
  return language;
}

bool is(TSNode node, Type type) {
  return bash().traits(node).type == type;
}

// Node kinds a script may contain and still be one plain command of literal words.
bool is_plain_command_part(TSNode node) {
  Traits t = bash().traits(node);
  return ts_node_is_named(node) ? t.plain_if_named : t.plain_if_unnamed;
}

bool is_statement_separator(TSNode node) {
  return !ts_node_is_named(node) || is(node, Type::comment);
}

// A keyword that can only close a construct: tree-sitter-bash reads a stray `done` as a
// command, bash rejects the script.
bool is_closing_keyword(std::string_view word) {
  static constexpr std::string_view kClosing[] = {"then", "else", "elif", "fi",
                                                  "do",   "done", "esac", "}"};
  return one_of(word, kClosing);
}

// Inside an ERROR region tree-sitter may read a stray keyword as a command name (`then fi`).
bool is_reserved_word(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "if",  "then", "else",     "elif",   "fi", "do", "done", "case", "esac", "while", "until",
      "for", "in",   "function", "select", "{",  "}",  "!",    "[[",   "]]",   "time"};
  return one_of(word, kReserved);
}

class Collector {
 public:
  // Spans are offsets in `text`; parse() maps them into the parent document.
  Collector(const std::string& text, TSNode root)
      : text_(text), cursor_(root), subtree_cursor_(root) {}

  Script collect(TSNode root) {
    std::vector<Pending> stack{{root, Context{}}};
    while (!stack.empty()) {
      Pending next = stack.back();
      stack.pop_back();
      visit(next.node, next.context, stack);
    }
    std::stable_sort(found_.begin(), found_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Script script;
    script.has_pipeline = has_pipeline_;
    script.has_error = ts_node_has_error(root) || stray_keyword_;
    bool any_non_literal = false;
    for (auto& [begin, command] : found_) {
      any_non_literal = any_non_literal || !command.name.literal ||
                        std::any_of(command.args.begin(), command.args.end(),
                                    [](const Word& w) { return !w.literal; });
      script.commands.push_back(std::move(command));
    }
    bool empty = ts_node_child_count(root) == 0;
    script.uses_shell_features =
        !empty && (features_ || script.has_error || any_non_literal || script.commands.size() != 1);
    return script;
  }

 private:
  // One cursor for every node's children: creating one per node was a tenth of the walk.
  // Field names cost a search each, so only the kinds that read them ask for them.
  std::vector<Child> children(TSNode node, bool with_fields = false) {
    std::vector<Child> out;
    out.reserve(ts_node_child_count(node));
    ts_tree_cursor_reset(&cursor_.cursor, node);
    if (!ts_tree_cursor_goto_first_child(&cursor_.cursor)) return out;
    do {
      out.push_back({ts_tree_cursor_current_node(&cursor_.cursor),
                     with_fields ? ts_tree_cursor_current_field_id(&cursor_.cursor) : TSFieldId(0)});
    } while (ts_tree_cursor_goto_next_sibling(&cursor_.cursor));
    return out;
  }

  void push_children(const std::vector<Child>& kids, Context context,
                     std::vector<Pending>& stack) {
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) push(it->node, context, stack);
  }

  // A leaf is only looked at, so it is visited now rather than stacked: the order in which
  // leaves are seen changes nothing.
  void push(TSNode node, Context context, std::vector<Pending>& stack) {
    if (ts_node_child_count(node) == 0)
      note_features(node);
    else
      stack.push_back({node, context});
  }

  void note_features(TSNode node) {
    if (!is_plain_command_part(node) || ts_node_is_missing(node)) features_ = true;
  }

  void visit(TSNode node, Context context, std::vector<Pending>& stack) {
    note_features(node);
    if (ts_node_child_count(node) == 0) return;
    Traits traits = bash().traits(node);
    std::vector<Child> kids = children(
        node, traits.type == Type::command || traits.type == Type::redirected_statement);
    Context inner = context;
    if (traits.type != Type::list) inner.first_stage_only = false;
    if (traits.opens_scope && ++inner.nesting > kMaxNesting) return;

    switch (traits.type) {
      case Type::error:
        inner.in_error = true;
        break;
      case Type::command:
        add_command(node, kids, context);
        break;
      case Type::builtin:
        add_builtin(node, kids, context);
        break;
      case Type::substitution:
        inner.in_pipeline = false;
        inner.pipeline = -1;
        break;
      case Type::pipeline:
        visit_pipeline(kids, inner, stack);
        return;
      case Type::list:
        if (!context.first_stage_only) break;
        visit_first_stage_list(kids, inner, stack);
        return;
      case Type::redirected_statement:
        visit_redirected(kids, inner, stack);
        return;
      default:
        break;
    }
    push_children(kids, inner, stack);
  }

  void visit_pipeline(const std::vector<Child>& kids, Context inner, std::vector<Pending>& stack) {
    std::size_t stages = 0;
    for (const Child& kid : kids) {
      if (!is_statement_separator(kid.node)) ++stages;
    }
    bool after_heredoc = !kids.empty() && !ts_node_is_named(kids.front().node);
    if (after_heredoc) ++stages;
    if (stages > 1) {
      has_pipeline_ = true;
      inner.in_pipeline = true;
      inner.pipeline = next_pipeline_++;
      inner.first_stage_only = after_heredoc;
    }
    push_children(kids, inner, stack);
  }

  void visit_first_stage_list(const std::vector<Child>& kids, Context inner,
                              std::vector<Pending>& stack) {
    Context rest = inner;
    rest.in_pipeline = false;
    rest.pipeline = -1;
    rest.first_stage_only = false;
    bool first = true;
    std::vector<Pending> ordered;
    for (const Child& kid : kids) {
      bool stage = !is_statement_separator(kid.node);
      ordered.push_back({kid.node, stage && first ? inner : rest});
      if (stage) first = false;
    }
    for (auto it = ordered.rbegin(); it != ordered.rend(); ++it) push(it->node, it->context, stack);
  }

  void visit_redirected(const std::vector<Child>& kids, Context inner,
                        std::vector<Pending>& stack) {
    bool piped_heredoc = false;
    for (const Child& kid : kids) {
      if (!is(kid.node, Type::heredoc_redirect)) continue;
      for (const Child& part : children(kid.node)) {
        if (is(part.node, Type::pipeline)) piped_heredoc = true;
      }
    }
    Context body = inner;
    if (piped_heredoc) {
      has_pipeline_ = true;
      body.in_pipeline = true;
      body.pipeline = next_pipeline_++;
    }
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
      bool is_body = it->field != 0 && it->field == bash().body_field;
      push(it->node, is_body ? body : inner, stack);
    }
  }

  std::string_view slice(std::uint32_t begin, std::uint32_t end) const {
    return std::string_view(text_).substr(begin, end - begin);
  }

  // A word starting with `\ ` loses those bytes in tree-sitter-bash; the shell keeps them.
  std::uint32_t extend_over_escaped_blanks(std::uint32_t begin, std::uint32_t floor) const {
    while (begin >= floor + 2 && (text_[begin - 1] == ' ' || text_[begin - 1] == '\t') &&
           text_[begin - 2] == '\\') {
      std::uint32_t slashes = 0;
      for (std::uint32_t i = begin - 2; i >= floor && text_[i] == '\\'; --i) {
        ++slashes;
        if (i == 0) break;
      }
      if (slashes % 2 == 0) break;
      begin -= 2;
    }
    return begin;
  }

  // Walks the subtree with one cursor; after the reset `node` is the cursor's root, so the walk
  // ends when it climbs back to it.
  bool subtree_has_expansion(TSNode node) const {
    if (bash().traits(node).expansion) return true;
    if (ts_node_child_count(node) == 0) return false;
    TSTreeCursor* cursor = &subtree_cursor_.cursor;
    ts_tree_cursor_reset(cursor, node);
    if (!ts_tree_cursor_goto_first_child(cursor)) return false;
    for (;;) {
      if (bash().traits(ts_tree_cursor_current_node(cursor)).expansion) return true;
      if (ts_tree_cursor_goto_first_child(cursor)) continue;
      while (!ts_tree_cursor_goto_next_sibling(cursor))
        if (!ts_tree_cursor_goto_parent(cursor)) return false;
    }
  }

  Word make_word(std::uint32_t begin, std::uint32_t end, bool tree_expands) const {
    std::string_view raw = slice(begin, end);
    Word word;
    word.literal = false;
    if (!tree_expands) {
      WordText interpreted = interpret_word(raw);
      word.literal = interpreted.literal;
      if (word.literal) word.value = std::move(interpreted.value);
    }
    if (!word.literal) word.value = std::string(raw);
    word.span = Span{begin, end};
    return word;
  }

  // Adjacent argument nodes with no blank between them are one shell word (`$"x"` comes out
  // as `$` and a string).
  std::vector<Word> make_words(const std::vector<TSNode>& nodes, std::uint32_t floor) const {
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < nodes.size()) {
      std::uint32_t begin = extend_over_escaped_blanks(ts_node_start_byte(nodes[i]), floor);
      std::uint32_t end = ts_node_end_byte(nodes[i]);
      bool expands = subtree_has_expansion(nodes[i]);
      while (i + 1 < nodes.size() && ts_node_start_byte(nodes[i + 1]) == end) {
        ++i;
        end = ts_node_end_byte(nodes[i]);
        expands = true;
      }
      words.push_back(make_word(begin, end, expands));
      floor = end;
      ++i;
    }
    return words;
  }

  void add_command(TSNode node, const std::vector<Child>& kids, Context context) {
    const TSNode* name = nullptr;
    std::vector<TSNode> args;
    std::vector<TSNode> assignments;
    for (const Child& kid : kids) {
      if (kid.field != 0 && kid.field == bash().name_field) {
        name = &kid.node;
      } else if (kid.field != 0 && kid.field == bash().argument_field) {
        args.push_back(kid.node);
      } else {
        if (name == nullptr && is(kid.node, Type::variable_assignment)) assignments.push_back(kid.node);
        features_ = true;  // assignments, redirections
      }
    }
    if (name == nullptr) return;
    std::vector<Word> name_word = make_words({*name}, ts_node_start_byte(node));
    const Word& first = name_word.front();
    bool bare =
        first.literal && first.value == slice(ts_node_start_byte(*name), ts_node_end_byte(*name));
    if (bare && is_closing_keyword(first.value)) {
      stray_keyword_ = true;
      return;
    }
    if (context.in_error && bare && is_reserved_word(first.value)) return;
    // `time` and `coproc` are keywords of the shell, not programs an exec form could run.
    if (bare && (first.value == "time" || first.value == "coproc")) features_ = true;
    Command command;
    command.name = std::move(name_word.front());
    command.args = make_words(args, ts_node_end_byte(*name));
    command.assignments = make_words(assignments, ts_node_start_byte(node));
    command.span = Span{ts_node_start_byte(node), ts_node_end_byte(node)};
    command.in_pipeline = context.in_pipeline;
    command.pipeline = context.pipeline;
    found_.emplace_back(ts_node_start_byte(node), std::move(command));
  }

  // `export A=1`, `local x`, `unset y`: tree-sitter gives these their own node kinds, but they
  // are simple commands all the same.
  void add_builtin(TSNode node, const std::vector<Child>& kids, Context context) {
    if (kids.empty()) return;
    TSNode keyword = kids.front().node;
    std::vector<TSNode> args;
    for (std::size_t i = 1; i < kids.size(); ++i) {
      if (!is(kids[i].node, Type::comment)) args.push_back(kids[i].node);
    }
    Command command;
    command.name = make_word(ts_node_start_byte(keyword), ts_node_end_byte(keyword), false);
    command.args = make_words(args, ts_node_end_byte(keyword));
    command.span = Span{ts_node_start_byte(node), ts_node_end_byte(node)};
    command.in_pipeline = context.in_pipeline;
    command.pipeline = context.pipeline;
    found_.emplace_back(ts_node_start_byte(node), std::move(command));
  }

  const std::string& text_;
  std::vector<std::pair<std::uint32_t, Command>> found_;
  bool has_pipeline_ = false;
  int next_pipeline_ = 0;
  bool features_ = false;
  bool stray_keyword_ = false;
  CursorGuard cursor_;                  // children()
  mutable CursorGuard subtree_cursor_;  // subtree_has_expansion()
};

const char* read_whole(void* payload, std::uint32_t byte_index, TSPoint,
                       std::uint32_t* bytes_read) {
  const auto* text = static_cast<const std::string*>(payload);
  if (byte_index >= text->size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<std::uint32_t>(text->size() - byte_index);
  return text->data() + byte_index;
}

Script unparsable() {
  Script script;
  script.has_error = true;
  script.uses_shell_features = true;
  return script;
}

// The script of `text`, spans local to it; nullopt when it cannot be parsed at all.
std::optional<Script> parse_local(const std::string& text) {
  if (text.size() > kMaxInputBytes) return std::nullopt;

  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!parser || !ts_parser_set_language(parser.get(), tree_sitter_bash())) return std::nullopt;

  Deadline deadline{std::chrono::steady_clock::now() + kParseBudget};
  TSInput input{};
  input.payload = const_cast<std::string*>(&text);
  input.read = read_whole;
  input.encoding = TSInputEncodingUTF8;
  TSParseOptions options{};
  options.payload = &deadline;
  options.progress_callback = past_deadline;
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_with_options(parser.get(), nullptr, input, options));
  if (!tree) return std::nullopt;

  TSNode root = ts_tree_root_node(tree.get());
  return Collector(text, root).collect(root);
}

// Scripts already parsed, by text. Base images' Dockerfiles repeat their RUN lines across
// variants and versions: in the Dockerfile corpus 61 % of the shell text is such a repeat, and
// tree-sitter-bash is most of a Dockerfile's parse. Bounded: cleared past kCacheBytes of text.
class ScriptCache {
 public:
  std::shared_ptr<const Script> find(const std::string& text) {
    std::lock_guard lock(mutex_);
    auto it = scripts_.find(text);
    return it == scripts_.end() ? nullptr : it->second;
  }
  void add(const std::string& text, std::shared_ptr<const Script> script) {
    std::lock_guard lock(mutex_);
    if (bytes_ + text.size() > kCacheBytes) {
      scripts_.clear();
      bytes_ = 0;
    }
    if (scripts_.emplace(text, std::move(script)).second) bytes_ += text.size();
  }

 private:
  static constexpr std::size_t kCacheBytes = 8u << 20;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Script>> scripts_;
  std::size_t bytes_ = 0;
};

ScriptCache& script_cache() {
  static ScriptCache cache;
  return cache;
}

}  // namespace

Script parse(const MappedText& source) {
  const std::string& text = source.text();
  std::shared_ptr<const Script> local = script_cache().find(text);
  if (!local) {
    std::optional<Script> parsed = parse_local(text);
    if (!parsed) return unparsable();  // not remembered: a timeout may not recur
    local = std::make_shared<const Script>(std::move(*parsed));
    script_cache().add(text, local);
  }
  Script script = *local;
  for (Command& command : script.commands) {
    command.span = source.to_parent(command.span);
    command.name.span = source.to_parent(command.name.span);
    for (Word& word : command.args) word.span = source.to_parent(word.span);
    for (Word& word : command.assignments) word.span = source.to_parent(word.span);
  }
  return script;
}

}  // namespace infralint::shell
