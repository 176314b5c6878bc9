#pragma once

namespace infralint::lsp {

// `infralint lsp`: serves the editor on stdin/stdout until `exit`; returns the exit code.
int run_language_server();

}  // namespace infralint::lsp
