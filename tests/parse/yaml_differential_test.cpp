// Our YAML front-end against yaml-cpp on every YAML file of the shared corpus: the same
// documents, keys, items and decoded scalars, and an error wherever yaml-cpp rejects a file.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "parse/yaml/yaml.hpp"

namespace fs = std::filesystem;
using infralint::ParseError;
using infralint::yaml::Node;
using infralint::yaml::ScalarStyle;
using infralint::yaml::ScalarType;

namespace {

// Where we knowingly differ from yaml-cpp, by path suffix under the corpus, with the reason.
const std::map<std::string, std::string> kIntendedDifferences = {
    // `--` then a block mapping with no `---` between them: yaml-cpp silently starts a second
    // document; the spec, PyYAML and kubectl reject the file (a Polaris "bad" fixture).
    {"kubernetes/FairwindsOps/polaris/pkg/kube/test_files/test_3/bad.yaml",
     "yaml-cpp splits an unmarked second document"},
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_plain_merge_key(const YAML::Node& key) {
  return key.IsScalar() && key.Scalar() == "<<" && key.Tag() == "?";
}

// yaml-cpp keeps `<<` as an ordinary key: resolve it the way we do (own pairs in order, then
// the merged mappings' pairs not already present, earlier sources first).
std::vector<std::pair<YAML::Node, YAML::Node>> resolved_pairs(const YAML::Node& map) {
  std::vector<std::pair<YAML::Node, YAML::Node>> own, merged;
  std::vector<YAML::Node> sources;
  for (const auto& entry : map) {
    const YAML::Node key = entry.first, value = entry.second;
    bool mergeable = value.IsMap() || value.IsSequence();
    if (is_plain_merge_key(key) && mergeable) {
      if (value.IsMap())
        sources.push_back(value);
      else
        for (const auto& item : value) sources.push_back(item);
    } else {
      own.emplace_back(key, value);
    }
  }
  std::vector<std::string> seen;
  for (const auto& [k, v] : own)
    if (k.IsScalar()) seen.push_back(k.Scalar());
  for (const YAML::Node& source : sources) {
    if (!source.IsMap()) continue;
    for (const auto& [k, v] : resolved_pairs(source)) {
      if (k.IsScalar() && std::find(seen.begin(), seen.end(), k.Scalar()) != seen.end()) continue;
      if (k.IsScalar()) seen.push_back(k.Scalar());
      own.emplace_back(k, v);
    }
  }
  return own;
}

bool is_null_text(const std::string& v) {
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// The first difference between yaml-cpp's node and ours, or "".
std::string compare(const YAML::Node& y, const Node* n, const std::string& path, int depth = 0) {
  if (depth > 200) return "";
  if (!n) return path + ": missing on our side";
  if (y.IsNull()) {
    if (n->is_scalar() && (n->style == ScalarStyle::plain || n->value.empty()) &&
        is_null_text(n->value))
      return "";
    return path + ": yaml-cpp has null, we have '" + (n->is_scalar() ? n->value : "<collection>") +
           "'";
  }
  if (y.IsScalar()) {
    if (!n->is_scalar()) return path + ": yaml-cpp has a scalar, we have a collection";
    if (y.Scalar() != n->value)
      return path + ": scalar '" + y.Scalar() + "' (yaml-cpp) vs '" + n->value + "' (ours)";
    return "";
  }
  if (y.IsSequence()) {
    if (!n->is_sequence()) return path + ": yaml-cpp has a sequence, we do not";
    if (y.size() != n->items.size())
      return path + ": " + std::to_string(y.size()) + " items (yaml-cpp) vs " +
             std::to_string(n->items.size());
    for (std::size_t i = 0; i < y.size(); ++i)
      if (auto d = compare(y[i], n->items[i], path + "[" + std::to_string(i) + "]", depth + 1);
          !d.empty())
        return d;
    return "";
  }
  if (y.IsMap()) {
    if (!n->is_mapping()) return path + ": yaml-cpp has a mapping, we do not";
    auto pairs = resolved_pairs(y);
    if (pairs.size() != n->pairs.size())
      return path + ": " + std::to_string(pairs.size()) + " pairs (yaml-cpp) vs " +
             std::to_string(n->pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      std::string key = pairs[i].first.IsScalar() ? pairs[i].first.Scalar() : "?";
      if (auto d = compare(pairs[i].first, n->pairs[i].key, path + "/<key " + key + ">", depth + 1);
          !d.empty())
        return d;
      if (auto d = compare(pairs[i].second, n->pairs[i].value, path + "/" + key, depth + 1);
          !d.empty())
        return d;
    }
    return "";
  }
  return path + ": yaml-cpp node of undefined type";
}

bool is_yaml(const fs::path& p) {
  return p.extension() == ".yml" || p.extension() == ".yaml";
}

}  // namespace

TEST_CASE("yaml differential: corpus against yaml-cpp") {
  fs::path corpus = fs::path(INFRALINT_SHARED_DIR) / "corpus";
  if (!fs::is_directory(corpus)) {
    MESSAGE("skipped: corpus absent");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus))
    if (entry.is_regular_file() && is_yaml(entry.path())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  int compared = 0, equal = 0, both_reject = 0, intended = 0, templated = 0;
  std::vector<std::string> unexpected;
  for (const fs::path& file : files) {
    std::string rel = fs::relative(file, corpus).generic_string();
    std::string text = read_file(file);
    std::vector<ParseError> errors;
    auto stream = infralint::yaml::parse(text, errors);
    REQUIRE(stream);
    if (rel.starts_with("templated/")) {  // not YAML until rendered: parsing must just survive
      ++templated;
      continue;
    }
    ++compared;
    std::string difference;
    std::vector<YAML::Node> docs;
    bool cpp_rejects = false;
    std::string cpp_error;
    try {
      docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      cpp_rejects = true;
      cpp_error = e.what();
    }
    if (cpp_rejects) {
      if (!errors.empty()) {
        ++both_reject;
        continue;
      }
      difference = "yaml-cpp rejects (" + cpp_error + "), we accept";
    } else if (!errors.empty()) {
      difference = "we reject (" + errors[0].message + " at " +
                   std::to_string(errors[0].span.begin) + "), yaml-cpp accepts";
    } else if (docs.size() != stream->documents.size()) {
      difference = std::to_string(docs.size()) + " documents (yaml-cpp) vs " +
                   std::to_string(stream->documents.size());
    } else {
      for (std::size_t d = 0; d < docs.size() && difference.empty(); ++d) {
        const Node* root = stream->documents[d].root;
        if (!root && docs[d].IsNull()) continue;
        difference = compare(docs[d], root, "doc" + std::to_string(d));
      }
    }
    if (difference.empty()) {
      ++equal;
      continue;
    }
    auto known = std::find_if(kIntendedDifferences.begin(), kIntendedDifferences.end(),
                              [&](const auto& entry) { return rel.ends_with(entry.first); });
    if (known != kIntendedDifferences.end()) {
      ++intended;
      continue;
    }
    unexpected.push_back(rel + ": " + difference);
  }
  for (const std::string& u : unexpected) MESSAGE(u);
  MESSAGE("yaml differential: " << compared << " files compared, " << equal << " equal, "
                                << both_reject << " rejected by both, " << intended
                                << " intended differences, " << unexpected.size() << " unexpected; "
                                << templated << " templates parsed without crashing");
  CHECK(unexpected.empty());
}

TEST_CASE("yaml differential: tricky snippets against yaml-cpp") {
  const char* snippets[] = {
      "v: first\n  second\n\n  third\n",
      "v: 'it''s\n  folded\n\n  twice  '\n",
      // Not \\N or \\_: yaml-cpp writes them as the single bytes 0x85 and 0xA0, not UTF-8.
      "v: \"a\\tb\\x41\\u00e9\\U0001F600\\L\\\n   joined \\\n  x\"\n",
      "v: \"trailing   \n  next\"\n",
      "v: |\n  line 1\n   line 2\n\n  line 3\n\n\nw: x\n",
      "v: |-\n  a\n  b\n\n",
      "v: |+\n  a\n  b\n\n\nw: x\n",
      "v: |2\n    two extra\n  base\n",
      "v: >\n  one\n  two\n\n  three\n    more\n  four\n",
      // Not `>+`: yaml-cpp drops the kept empty lines of a folded scalar; the spec and PyYAML
      // keep them, as we do (yaml_scalars_test checks it).
      "v: |+\n  one\n\nw: x\n",
      "- >\n  x\n  y\n- |1\n  z\n",
      "a: &a {x: 1, y: [1, 2]}\nb: *a\nc:\n  <<: *a\n  x: 2\n",
      "? complex\n: v\n[a, b]: c\n",
      "a: 1\r\nb: |\r\n  x\r\n  y\r\n",
      "{a, b: c, d: }\n",
      "[a: b, c]\n",
      "--- |\n  top\n--- >-\n  folded\n...\n",
  };
  for (const char* snippet : snippets) {
    CAPTURE(snippet);
    std::vector<ParseError> errors;
    auto stream = infralint::yaml::parse(snippet, errors);
    REQUIRE(errors.empty());
    std::vector<YAML::Node> docs = YAML::LoadAll(snippet);
    REQUIRE(docs.size() == stream->documents.size());
    for (std::size_t d = 0; d < docs.size(); ++d)
      CHECK(compare(docs[d], stream->documents[d].root, "doc") == "");
  }
}
