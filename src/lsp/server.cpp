#include "lsp/server.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "lsp/language_server.hpp"

namespace infralint::lsp {
namespace {

using nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

constexpr int kLogError = 1;
constexpr int kLogWarning = 2;

constexpr std::string_view kConfigName = ".infralint.yaml";

std::string text_of(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

const json& object_at(const json& j, const char* key) {
  static const json empty = json::object();
  return j.is_object() && j.contains(key) && j[key].is_object() ? j[key] : empty;
}

std::string document_uri(const json& params) {
  return text_of(object_at(params, "textDocument"), "uri");
}

bool is_config_file(std::string_view uri) {
  return uri.ends_with(kConfigName) || uri.ends_with(".infralint.yml");
}

// A message the client sent without a thought for the protocol stops only itself.
struct BadParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace

struct Server::Inbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::optional<std::string>> messages;  // nullopt: end of input
};

Server::Server(int in_fd, std::FILE* out, ServerOptions options)
    : writer_(out), inbox_(std::make_shared<Inbox>()), options_(options) {
  // The reader owns a reference to the inbox: at exit it may still be blocked in read().
  std::thread([inbox = inbox_, in_fd] {
    MessageReader reader(in_fd);
    for (;;) {
      std::optional<std::string> message = reader.read();
      bool end = !message;
      {
        std::lock_guard lock(inbox->mutex);
        inbox->messages.push_back(std::move(message));
      }
      inbox->ready.notify_one();
      if (end) return;
    }
  }).detach();
  reload_config();
}

Server::~Server() = default;

int Server::run() {
  for (;;) {
    std::optional<std::string> message;
    {
      std::unique_lock lock(inbox_->mutex);
      auto has_message = [&] { return !inbox_->messages.empty(); };
      if (pending_.empty()) {
        inbox_->ready.wait(lock, has_message);
      } else {
        Clock::time_point next = Clock::time_point::max();
        for (const auto& [uri, when] : pending_) next = std::min(next, when);
        inbox_->ready.wait_until(lock, next, has_message);
      }
      if (!inbox_->messages.empty()) {
        if (!inbox_->messages.front()) return 1;  // the client went away without `exit`
        message = std::move(inbox_->messages.front());
        inbox_->messages.pop_front();
      }
    }
    if (message) handle(*message);
    if (exit_code_) return *exit_code_;
    bool drained;
    {
      std::lock_guard lock(inbox_->mutex);
      drained = inbox_->messages.empty();
    }
    // Queued changes are applied before linting, so a burst is linted once, at its end.
    if (drained) lint_due();
  }
}

void Server::handle(const std::string& raw) {
  json message = json::parse(raw, nullptr, false);
  if (message.is_discarded() || !message.is_object()) {
    respond_error(nullptr, message.is_discarded() ? kParseError : kInvalidRequest,
                  "not a JSON-RPC message");
    return;
  }
  bool has_id = message.contains("id");
  std::string method = text_of(message, "method");
  if (method.empty()) return;  // a response to one of our requests (registerCapability)
  json params = message.contains("params") ? message["params"] : json::object();
  try {
    if (has_id)
      handle_request(message["id"], method, params);
    else
      handle_notification(method, params);
  } catch (const BadParams& e) {
    if (has_id) respond_error(message["id"], kInvalidParams, e.what());
    else log(kLogWarning, fmt::format("{}: {}", method, e.what()));
  } catch (const std::exception& e) {
    // One failed message never ends the session.
    log(kLogError, fmt::format("infralint: {} failed: {}", method, e.what()));
    if (has_id) respond_error(message["id"], kInternalError, e.what());
  }
}

void Server::handle_request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) return respond_error(id, kInvalidRequest, "initialize sent twice");
    return respond(id, initialize(params));
  }
  if (!initialized_) return respond_error(id, kServerNotInitialized, "server not initialized");
  if (shutdown_) return respond_error(id, kInvalidRequest, "server is shutting down");
  if (method == "shutdown") {
    shutdown_ = true;
    return respond(id, nullptr);
  }
  if (method == "textDocument/diagnostic") return respond(id, pull_diagnostics(params));
  if (method == "textDocument/hover") return respond(id, hover_at(params));
  if (method == "textDocument/codeAction") return respond(id, code_action(params));
  respond_error(id, kMethodNotFound, fmt::format("unsupported method {}", method));
}

void Server::handle_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_code_ = shutdown_ ? 0 : 1;
    return;
  }
  if (!initialized_ || shutdown_) return;  // dropped, as the specification says
  if (method == "initialized") initialized();
  else if (method == "textDocument/didOpen") did_open(params);
  else if (method == "textDocument/didChange") did_change(params);
  else if (method == "textDocument/didClose") did_close(params);
  else if (method == "textDocument/didSave") did_save(params);
  else if (method == "workspace/didChangeWatchedFiles") watched_files_changed(params);
  // Other notifications, `$/cancelRequest` and `$/setTrace` included, need nothing.
}

json Server::initialize(const json& params) {
  initialized_ = true;
  const json& caps = object_at(params, "capabilities");
  const json& general = object_at(caps, "general");
  if (general.contains("positionEncodings") && general["positionEncodings"].is_array())
    for (const auto& e : general["positionEncodings"])
      if (e == "utf-8") encoding_ = Encoding::utf8;
  const json& text_document = object_at(caps, "textDocument");
  push_diagnostics_ = !text_document.contains("diagnostic");
  const json& workspace = object_at(caps, "workspace");
  pull_refresh_ = object_at(workspace, "diagnostics").value("refreshSupport", false);
  watch_registration_ =
      object_at(workspace, "didChangeWatchedFiles").value("dynamicRegistration", false);
  std::vector<std::string> roots;
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array()) {
    for (const auto& folder : params["workspaceFolders"])
      if (folder.is_object()) roots.push_back(uri_to_path(text_of(folder, "uri")));
  } else if (params.contains("rootUri") && params["rootUri"].is_string()) {
    roots.push_back(uri_to_path(params["rootUri"].get<std::string>()));
  }
  workspace_.set_roots(std::move(roots));
  const json& init = object_at(params, "initializationOptions");
  if (init.contains("debounceMs") && init["debounceMs"].is_number_unsigned())
    options_.debounce = std::chrono::milliseconds(init["debounceMs"].get<unsigned>());
  if (init.contains("suppressionReason") && init["suppressionReason"].is_string())
    suppression_reason_ = init["suppressionReason"];
  return {{"capabilities",
           {{"positionEncoding", to_string(encoding_)},
            {"textDocumentSync",
             {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"codeActionProvider",
             {{"codeActionKinds", {"quickfix", "source.fixAll.infralint"}}}},
            {"diagnosticProvider",
             {{"identifier", "infralint"},
              {"interFileDependencies", true},
              {"workspaceDiagnostics", false}}}}},
          {"serverInfo", {{"name", "infralint"}, {"version", INFRALINT_VERSION}}}};
}

void Server::initialized() {
  if (!watch_registration_) return;  // the client's own watching, if any, still notifies us
  // The configuration, and the files stack rules read from disk (a change rescans them).
  json watchers = json::array({{{"globPattern", "**/.infralint.yaml"}},
                               {{"globPattern", "**/.infralint.yml"}},
                               {{"globPattern", "**/*.{yml,yaml,json,toml,conf}"}},
                               {{"globPattern", "**/*{Dockerfile,dockerfile}*"}}});
  json request = {{"jsonrpc", "2.0"},
                  {"id", fmt::format("infralint-{}", next_request_id_++)},
                  {"method", "client/registerCapability"},
                  {"params",
                   {{"registrations",
                     {{{"id", "infralint-config"},
                       {"method", "workspace/didChangeWatchedFiles"},
                       {"registerOptions", {{"watchers", watchers}}}}}}}}};
  writer_.write(request.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::did_open(const json& params) {
  const json& doc = object_at(params, "textDocument");
  std::string uri = text_of(doc, "uri");
  if (uri.empty() || !doc.contains("text") || !doc["text"].is_string())
    throw BadParams("didOpen needs textDocument.uri and text");
  documents_.open(uri, text_of(doc, "languageId"), doc.value("version", 0LL), doc["text"]);
  workspace_.rescan();  // it may be a file the listing has not seen
  lint(uri);  // at once: the file was just opened, nobody is typing yet
  relint_others(uri);
}

void Server::did_change(const json& params) {
  std::string uri = document_uri(params);
  long long version = object_at(params, "textDocument").value("version", 0LL);
  if (!params.contains("contentChanges")) throw BadParams("didChange needs contentChanges");
  if (!documents_.change(uri, version, params["contentChanges"], encoding_))
    log(kLogWarning, fmt::format("infralint: a change to {} could not be applied whole", uri));
  // The first change after a quiet spell is linted as soon as the queue is drained; the
  // changes of a burst wait until `debounce` has passed without one.
  Clock::time_point now = Clock::now();
  auto last = last_lint_.find(uri);
  bool quiet = !pending_.count(uri) &&
               (last == last_lint_.end() || now - last->second >= options_.debounce);
  pending_[uri] = quiet ? now : now + options_.debounce;
}

void Server::did_close(const json& params) {
  std::string uri = document_uri(params);
  documents_.close(uri);
  analyses_.erase(uri);
  parse_memos_.erase(uri);
  pending_.erase(uri);
  last_lint_.erase(uri);
  if (push_diagnostics_) notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  relint_others(uri);  // they now see the file as it is on disk
}

void Server::did_save(const json& params) {
  std::string uri = document_uri(params);
  if (is_config_file(uri)) return reload_config();
  workspace_.rescan();
  relint_others(uri);
}

void Server::relint_others(const std::string& uri) {
  Clock::time_point when = Clock::now() + options_.debounce;
  for (const OpenDocument* doc : documents_.all())
    if (doc->uri != uri && !pending_.count(doc->uri)) pending_[doc->uri] = when;
}

void Server::watched_files_changed(const json& params) {
  if (!params.contains("changes") || !params["changes"].is_array()) return;
  workspace_.rescan();
  for (const auto& change : params["changes"])
    if (is_config_file(text_of(change, "uri"))) return reload_config();
  relint_others({});  // every open document: what they relate to on disk changed
}

void Server::reload_config() {
  configs_ = std::make_unique<ConfigSet>(CommandLineConfig{}, std::nullopt, false);
  workspace_.forget_documents();
  config_errors_reported_ = 0;
  if (!initialized_) return;
  for (const OpenDocument* doc : documents_.all()) lint(doc->uri);
  if (!push_diagnostics_ && pull_refresh_) {
    json request = {{"jsonrpc", "2.0"},
                    {"id", fmt::format("infralint-{}", next_request_id_++)},
                    {"method", "workspace/diagnostic/refresh"}};
    writer_.write(request.dump());
  }
}

void Server::lint_due() {
  Clock::time_point now = Clock::now();
  std::vector<std::string> due;
  for (const auto& [uri, when] : pending_)
    if (when <= now) due.push_back(uri);
  for (const std::string& uri : due) lint(uri);
}

void Server::lint(const std::string& uri) {
  pending_.erase(uri);
  const OpenDocument* doc = documents_.find(uri);
  if (!doc) return;
  Analysis analysis;
  analysis.version = doc->version;
  Kind kind = doc->kind();
  if (kind != Kind::unknown) {
    try {
      const LintConfig& config = configs_->for_path(doc->lint_path());
      Document linted(doc->lint_path(), doc->text, kind);
      linted.set_parse_memo_slot(&parse_memos_[uri]);
      analysis.findings =
          doc->path.empty()
              ? lint_document(linted, config)
              : lint_document_in_stack(linted, config,
                                       workspace_.neighbours(doc->path, documents_, *configs_));
    } catch (const std::exception& e) {
      // The crash-proof boundary: this document keeps its last diagnostics, the server runs on.
      log(kLogError, fmt::format("infralint: analysis of {} failed: {}", uri, e.what()));
      return;
    }
  }
  auto errors = configs_->errors();
  for (; config_errors_reported_ < errors.size(); ++config_errors_reported_)
    notify("window/showMessage", {{"type", kLogWarning},
                                  {"message", errors[config_errors_reported_].to_string()}});
  last_lint_[uri] = Clock::now();
  auto& stored = analyses_[uri] = std::move(analysis);
  if (push_diagnostics_) {
    json diagnostics =
        to_diagnostics(stored, *doc, encoding_,
                       [this](const std::string& path, Span span) { return related_location(path, span); });
    notify("textDocument/publishDiagnostics",
           {{"uri", uri}, {"version", doc->version}, {"diagnostics", std::move(diagnostics)}});
  }
}

const Analysis* Server::current_analysis(const OpenDocument& doc) {
  auto it = analyses_.find(doc.uri);
  if (it == analyses_.end() || it->second.version != doc.version || pending_.count(doc.uri)) {
    lint(doc.uri);
    it = analyses_.find(doc.uri);
  }
  return it == analyses_.end() ? nullptr : &it->second;
}

std::optional<json> Server::related_location(const std::string& path, Span span) const {
  std::string uri = path_to_uri(path);
  std::string text;
  if (const OpenDocument* open = documents_.find(uri)) {
    text = open->text;
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  LineIndex lines(text);
  return json{{"uri", uri}, {"range", PositionMapper(text, lines, encoding_).range(span)}};
}

json Server::pull_diagnostics(const json& params) {
  std::string uri = document_uri(params);
  const OpenDocument* doc = documents_.find(uri);
  if (!doc) return {{"kind", "full"}, {"items", json::array()}};
  const Analysis* analysis = current_analysis(*doc);
  if (!analysis) return {{"kind", "full"}, {"items", json::array()}};
  std::string result_id = fmt::format("{}:{}", doc->version, config_errors_reported_);
  if (text_of(params, "previousResultId") == result_id)
    return {{"kind", "unchanged"}, {"resultId", result_id}};
  return {{"kind", "full"},
          {"resultId", result_id},
          {"items", to_diagnostics(*analysis, *doc, encoding_, [this](const std::string& path, Span span) {
             return related_location(path, span);
           })}};
}

json Server::hover_at(const json& params) {
  const OpenDocument* doc = documents_.find(document_uri(params));
  if (!doc) return nullptr;
  const Analysis* analysis = current_analysis(*doc);
  if (!analysis) return nullptr;
  return hover(*analysis, *doc, encoding_, params.contains("position") ? params["position"] : json());
}

json Server::code_action(const json& params) {
  const OpenDocument* doc = documents_.find(document_uri(params));
  if (!doc) return json::array();
  const Analysis* analysis = current_analysis(*doc);
  bool has_safe_fix = false;
  if (analysis)
    for (const Finding& f : analysis->findings)
      has_safe_fix = has_safe_fix || (!f.suppressed_by && f.fix && !f.fix->edits.empty() &&
                                      f.fix->applicability == Applicability::safe);
  CodeActionRequest request{*doc,     params,       configs_->for_path(doc->lint_path()),
                            encoding_, suppression_reason_, has_safe_fix, analysis};
  return code_actions(request);
}

void Server::respond(const json& id, json result) {
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
  writer_.write(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::respond_error(const json& id, int code, const std::string& text) {
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", text}}}};
  writer_.write(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::notify(const std::string& method, json params) {
  json message = {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  writer_.write(message.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::log(int type, const std::string& message) {
  notify("window/logMessage", {{"type", type}, {"message", message}});
}

int run_language_server() {
  std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-write ends the session at the next read
  Server server(STDIN_FILENO, stdout);
  return server.run();
}

}  // namespace infralint::lsp
