#include "engine/locator.hpp"

#include <fmt/format.h>

#include "model/yaml_values.hpp"
#include "parse/dockerfile/ast.hpp"
#include "parse/nginx/ast.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

bool contains(Span outer, std::size_t offset) {
  return outer.begin <= offset && (offset < outer.end || outer.begin == outer.end);
}

void yaml_path(const yaml::Node* node, std::size_t offset, std::string& out, int depth = 0) {
  if (!node || depth > 64) return;
  if (node->is_mapping()) {
    for (const yaml::Pair& p : node->pairs) {
      if (p.merged) continue;
      std::string key = scalar_text(p.key).value_or("?");
      if (contains(p.key->span, offset)) {
        out += out.empty() ? key : "." + key;
        return;
      }
      if (contains(p.value->span, offset)) {
        out += out.empty() ? key : "." + key;
        yaml_path(p.value, offset, out, depth + 1);
        return;
      }
    }
  } else if (node->is_sequence()) {
    for (std::size_t i = 0; i < node->items.size(); ++i)
      if (contains(node->items[i]->span, offset)) {
        out += fmt::format("[{}]", i);
        yaml_path(node->items[i], offset, out, depth + 1);
        return;
      }
  }
}

std::string yaml_locator(const Document& doc, const yaml::Stream& stream, std::size_t offset) {
  for (std::size_t i = 0; i < stream.documents.size(); ++i) {
    const yaml::YamlDocument& d = stream.documents[i];
    if (!contains(d.span, offset)) continue;
    std::string path;
    yaml_path(d.root, offset, path);
    // Kubernetes objects are named by kind/name, not by their place in the stream.
    std::string prefix = fmt::format("#{}", i);
    if (doc.kind() == Kind::kubernetes && d.root) {
      auto kind = scalar_text(d.root->get("kind"));
      auto name = scalar_text(at_path(d.root, {"metadata", "name"}));
      if (kind && name) prefix = fmt::format("{}/{}", *kind, *name);
    } else if (stream.documents.size() == 1) {
      prefix.clear();
    }
    return prefix.empty() ? path : fmt::format("{} {}", prefix, path);
  }
  return {};
}

std::string dockerfile_locator(const Document& doc, const dockerfile::File& file,
                               std::size_t offset) {
  for (std::size_t i = 0; i < file.instructions.size(); ++i) {
    const auto& ins = file.instructions[i];
    if (!contains(ins.span, offset)) continue;
    std::string keyword(doc.slice(ins.keyword_span));
    for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::size_t nth = 0;
    std::string stage = "global";
    if (ins.stage < file.stages.size()) {
      const auto& st = file.stages[ins.stage];
      stage = st.name ? st.name->value : fmt::format("{}", ins.stage);
      for (std::size_t j = st.first; j < i; ++j)
        if (file.instructions[j].keyword == ins.keyword) ++nth;
    }
    return fmt::format("stage {} > {}#{}", stage, keyword, nth);
  }
  return {};
}

bool nginx_path(const Document& doc, const std::vector<nginx::Directive>& directives,
                std::size_t offset, std::string& out, int depth = 0) {
  if (depth > 64) return false;
  for (const nginx::Directive& d : directives) {
    if (!contains(d.span(), offset)) continue;
    std::string step(doc.slice(d.name_span));
    // Blocks are told apart by their arguments: `location /api/`, `server` stays bare.
    if (!d.children.empty() || d.close.size())
      for (const auto& a : d.args) step += " " + std::string(doc.slice(a.span));
    out += out.empty() ? step : " > " + step;
    nginx_path(doc, d.children, offset, out, depth + 1);
    return true;
  }
  return false;
}

}  // namespace

std::string structural_locator(const Document& doc, Span span) {
  std::string out;
  if (const auto* stream = doc.tree<yaml::Stream>())
    out = yaml_locator(doc, *stream, span.begin);
  else if (const auto* file = doc.tree<dockerfile::File>())
    out = dockerfile_locator(doc, *file, span.begin);
  else if (const auto* config = doc.tree<nginx::Config>())
    nginx_path(doc, config->directives, span.begin, out);
  if (!out.empty()) return out;
  // No tree, or outside it: the line's text, trimmed (moving the line keeps it).
  Span line = doc.lines().line_span(doc.lines().position(span.begin).line);
  std::string_view text = doc.slice(line);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return fmt::format("line {}", text);
}

}  // namespace infralint
