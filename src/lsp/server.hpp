#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config_set.hpp"
#include "lsp/document_store.hpp"
#include "lsp/features.hpp"
#include "lsp/transport.hpp"
#include "lsp/workspace_stack.hpp"

namespace infralint::lsp {

struct ServerOptions {
  // Changes that follow a lint this closely wait this long for the next change before linting
  // (yaml-language-server's validationDelay); `initializationOptions.debounceMs` overrides it.
  std::chrono::milliseconds debounce{75};
};

// `infralint lsp`: a language server over stdio (LSP 3.17). A reader thread only reads and
// queues messages, so a long lint never stops the pipe being drained; the main thread handles
// messages in order and lints documents whose debounce has expired.
class Server {
 public:
  Server(int in_fd, std::FILE* out, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Serves until `exit` (0 after `shutdown`, 1 without) or end of input (1).
  int run();

 private:
  using Clock = std::chrono::steady_clock;
  struct Inbox;

  void handle(const std::string& raw);
  void handle_request(const nlohmann::json& id, const std::string& method,
                      const nlohmann::json& params);
  void handle_notification(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  void initialized();

  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void did_save(const nlohmann::json& params);
  void watched_files_changed(const nlohmann::json& params);
  nlohmann::json pull_diagnostics(const nlohmann::json& params);
  nlohmann::json hover_at(const nlohmann::json& params);
  nlohmann::json code_action(const nlohmann::json& params);

  // Lints the document now (its analysis becomes current) and publishes when pushing.
  void lint(const std::string& uri);
  void lint_due();
  // The other open documents' stack findings may have changed: lint them after the debounce.
  void relint_others(const std::string& uri);
  void reload_config();
  const Analysis* current_analysis(const OpenDocument& doc);
  std::optional<nlohmann::json> related_location(const std::string& path, Span span) const;

  void respond(const nlohmann::json& id, nlohmann::json result);
  void respond_error(const nlohmann::json& id, int code, const std::string& message);
  void notify(const std::string& method, nlohmann::json params);
  void log(int type, const std::string& message);

  MessageWriter writer_;
  std::shared_ptr<Inbox> inbox_;
  ServerOptions options_;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::optional<int> exit_code_;
  Encoding encoding_ = Encoding::utf16;
  bool push_diagnostics_ = true;  // false when the client pulls (textDocument.diagnostic)
  bool pull_refresh_ = false;     // workspace.diagnostics.refreshSupport
  bool watch_registration_ = false;
  std::string suppression_reason_ = "TODO: say why this is acceptable";
  long long next_request_id_ = 1;

  DocumentStore documents_;
  WorkspaceStack workspace_;  // what stack rules see beside the document linted
  std::map<std::string, Analysis> analyses_;          // by uri
  std::map<std::string, std::shared_ptr<ParseMemo>> parse_memos_;  // by uri: incremental parsing
  std::map<std::string, Clock::time_point> pending_;  // uri → when to lint
  std::map<std::string, Clock::time_point> last_lint_;
  std::unique_ptr<ConfigSet> configs_;
  std::size_t config_errors_reported_ = 0;
};



}  // namespace infralint::lsp
