#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "model/stack/stack.hpp"

namespace infralint::cli {

// `infralint graph [PATH...] --format dot|mermaid|json`: the stack of the paths, nodes per
// entity and edges per relation, broken edges red and dashed. Exit 0, or 2 on unreadable paths.
int run_graph_command(const std::vector<std::string>& paths, const std::string& format);

// The stack of the paths (documents parsed, facts extracted, no rule run). The documents are
// owned by `keep` (the stack views them).
stack::Stack stack_of(const std::vector<std::string>& paths,
                      std::vector<std::unique_ptr<Document>>& keep, std::vector<std::string>& errors);

void write_graph(std::ostream& out, const stack::Stack& stack, const std::string& format);

}  // namespace infralint::cli
