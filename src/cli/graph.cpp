#include "cli/graph.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "config/config_set.hpp"
#include "engine/discovery.hpp"
#include "engine/runner.hpp"
#include "model/adapters.hpp"
#include "model/stack/facts.hpp"
#include "parse/document_parser.hpp"

namespace infralint::cli {
namespace {

struct GraphNode {
  std::string label;
  std::string file;  // where the entity is defined; empty for a missing one
  std::size_t line = 0;
  bool missing = false;
};

struct GraphEdge {
  std::size_t from = 0, to = 0;
  std::string kind;
  std::string label;
  bool broken = false;
};

struct Graph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

// Nodes: every entity other files may name (compose services, Services, workloads, scrape
// jobs, Dockerfiles, rule files) and every referring entity of an edge; a missing target is a node
// of its own.
Graph graph_of(const stack::Stack& s) {
  Graph g;
  std::map<std::pair<std::size_t, std::string>, std::size_t> ids;
  auto node = [&](std::size_t doc, const std::string& label, Span span) {
    auto [it, added] = ids.try_emplace({doc, label}, g.nodes.size());
    if (added)
      g.nodes.push_back({label, s.path(doc),
                         s.documents[doc].doc->lines().position(span.begin).line, false});
    return it->second;
  };
  for (std::size_t d = 0; d < s.documents.size(); ++d) {
    const stack::DocumentFacts& f = s.documents[d].facts;
    for (const auto& c : f.compose_services)
      node(d, fmt::format("compose service `{}`", c.name), c.name_span);
    for (const auto& k : f.kube_services) node(d, fmt::format("Service `{}`", k.name), k.name_span);
    for (const auto& w : f.kube_workloads)
      node(d, fmt::format("{} `{}`", w.kind, w.name), w.name_span);
    for (const auto& j : f.scrape_jobs) node(d, fmt::format("scrape job `{}`", j.name), j.span);
  }
  for (const stack::Edge& e : s.edges) {
    GraphEdge out;
    out.from = node(e.from.doc, e.from.label, e.from.span);
    if (e.to) {
      out.to = node(e.to->doc, e.to->label, e.to->span);
    } else {
      std::string label = e.problem == stack::Problem::none ? fmt::format("{} (not linted)", e.name)
                                                            : fmt::format("missing: {}", e.name);
      auto [it, added] = ids.try_emplace({s.documents.size(), label}, g.nodes.size());
      if (added) g.nodes.push_back({label, "", 0, e.problem != stack::Problem::none});
      out.to = it->second;
    }
    out.kind = std::string(stack::to_string(e.kind));
    out.label = e.port.empty() ? out.kind : fmt::format("{} {}:{}", out.kind, e.name, e.port);
    out.broken = e.broken();
    g.edges.push_back(std::move(out));
  }
  return g;
}

std::string escape_dot(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string escape_mermaid(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '`') continue;
    if (c == '"') out += "#quot;";
    else out += c;
  }
  return out;
}

void write_dot(std::ostream& out, const Graph& g) {
  out << "digraph stack {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const GraphNode& n = g.nodes[i];
    std::string label = n.file.empty() ? n.label
                                       : fmt::format("{}\\n{}:{}", n.label, n.file, n.line);
    out << fmt::format("  n{} [label=\"{}\"{}];\n", i, escape_dot(label),
                       n.missing ? ", color=red, fontcolor=red, style=dashed" : "");
  }
  for (const GraphEdge& e : g.edges)
    out << fmt::format("  n{} -> n{} [label=\"{}\"{}];\n", e.from, e.to, escape_dot(e.label),
                       e.broken ? ", color=red, fontcolor=red, style=dashed" : "");
  out << "}\n";
}

void write_mermaid(std::ostream& out, const Graph& g) {
  out << "graph LR\n";
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const GraphNode& n = g.nodes[i];
    std::string label = n.file.empty() ? n.label
                                       : fmt::format("{}<br/>{}:{}", n.label, n.file, n.line);
    out << fmt::format("  n{}[\"{}\"]\n", i, escape_mermaid(label));
  }
  std::vector<std::size_t> broken;
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    const GraphEdge& e = g.edges[i];
    out << fmt::format("  n{} {}|\"{}\"| n{}\n", e.from, e.broken ? "-.->" : "-->",
                       escape_mermaid(e.label), e.to);
    if (e.broken) broken.push_back(i);
  }
  for (std::size_t i = 0; i < g.nodes.size(); ++i)
    if (g.nodes[i].missing) out << fmt::format("  style n{} stroke:red,stroke-dasharray:4\n", i);
  if (!broken.empty()) {
    out << "  linkStyle ";
    for (std::size_t i = 0; i < broken.size(); ++i) out << (i ? "," : "") << broken[i];
    out << " stroke:red\n";
  }
}

void write_json_graph(std::ostream& out, const Graph& g) {
  nlohmann::ordered_json j;
  j["nodes"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const GraphNode& n = g.nodes[i];
    nlohmann::ordered_json node{{"id", fmt::format("n{}", i)}, {"label", n.label}};
    if (!n.file.empty()) {
      node["path"] = n.file;
      node["line"] = n.line;
    }
    node["missing"] = n.missing;
    j["nodes"].push_back(node);
  }
  j["edges"] = nlohmann::ordered_json::array();
  for (const GraphEdge& e : g.edges)
    j["edges"].push_back({{"from", fmt::format("n{}", e.from)},
                          {"to", fmt::format("n{}", e.to)},
                          {"kind", e.kind},
                          {"label", e.label},
                          {"broken", e.broken}});
  out << j.dump(2) << '\n';
}

}  // namespace

stack::Stack stack_of(const std::vector<std::string>& paths,
                      std::vector<std::unique_ptr<Document>>& keep,
                      std::vector<std::string>& errors, const std::string& nginx_prefix) {
  CommandLineConfig command_line;
  if (!nginx_prefix.empty()) command_line.settings.set("nginx-prefix", nginx_prefix);
  ConfigSet configs(std::move(command_line), std::nullopt, false);
  Discovery discovery = discover(paths, {});
  for (const InputError& e : discovery.errors) errors.push_back(e.path + ": " + e.message);
  std::vector<stack::StackDocument> documents;
  for (const InputFile& input : discovery.files) {
    std::vector<InputError> load_errors;
    auto doc = load_document(input, 16 * 1024 * 1024, load_errors);
    for (const InputError& e : load_errors) errors.push_back(e.path + ": " + e.message);
    if (!doc || !is_supported(doc->kind())) continue;
    if (doc->skipped_reason().empty()) {
      parse_document(*doc, configs.for_path(input.path).parse_options());
      build_model(*doc);
    }
    stack::DocumentFacts facts = stack::extract_facts(*doc);
    doc->release_analysis();
    documents.push_back({doc.get(), input.from_stdin ? "" : input.fs_path, std::move(facts)});
    keep.push_back(std::move(doc));
  }
  return stack::build_stack(std::move(documents));
}

void write_graph(std::ostream& out, const stack::Stack& stack, const std::string& format) {
  Graph g = graph_of(stack);
  if (format == "dot")
    write_dot(out, g);
  else if (format == "mermaid")
    write_mermaid(out, g);
  else
    write_json_graph(out, g);
}

int run_graph_command(const std::vector<std::string>& paths, const std::string& format,
                      const std::string& nginx_prefix) {
  std::vector<std::unique_ptr<Document>> keep;
  std::vector<std::string> errors;
  stack::Stack stack = stack_of(paths.empty() ? std::vector<std::string>{"."} : paths, keep, errors,
                                nginx_prefix);
  for (const std::string& e : errors) std::cerr << "infralint: " << e << '\n';
  write_graph(std::cout, stack, format);
  return errors.empty() ? 0 : 2;
}

}  // namespace infralint::cli
