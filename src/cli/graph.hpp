#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "model/stack/stack.hpp"

namespace infralint::cli {

// `infralint graph [PATH...] --format dot|mermaid|json`: the stack of the paths, nodes per
// entity and edges per relation, broken edges red and dashed. Exit 0, or 2 on unreadable paths.
// `nginx_prefix` (--nginx-prefix) wins over the files' configurations, as for `check`.
int run_graph_command(const std::vector<std::string>& paths, const std::string& format,
                      const std::string& nginx_prefix = "");

// The stack of the paths (documents parsed as `check` parses them under their nearest
// configuration, facts extracted, no rule run). The documents are owned by `keep` (the stack
// views them).
stack::Stack stack_of(const std::vector<std::string>& paths,
                      std::vector<std::unique_ptr<Document>>& keep,
                      std::vector<std::string>& errors, const std::string& nginx_prefix = "");

void write_graph(std::ostream& out, const stack::Stack& stack, const std::string& format);

}  // namespace infralint::cli
