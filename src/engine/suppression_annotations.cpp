// Suppressions written as Kubernetes annotations, on the object or on its pod template: ours
// and the peers' (kube-linter, kube-score, Polaris, checkov), read through the rules' aliases.
#include <re2/re2.h>

#include "engine/suppressions_internal.hpp"
#include "model/yaml_values.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::suppression_detail {
namespace {

constexpr std::string_view kKubeLinterCheck = "ignore-check.kube-linter.io/";
constexpr std::string_view kPolaris = "polaris.fairwinds.com/";

// `infralint.dev/ignore: "rule-a: reason; rule-b, rule-c: reason"`: entries separated by `;`,
// each a list of ids and an optional reason after `: ` (peer ids such as hadolint:DL3008 keep
// their colon, having no space after it).
void ours(std::string_view value, Span comment, Span target, std::vector<Suppression>& out) {
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t end = value.find(';', pos);
    if (end == std::string_view::npos) end = value.size();
    std::string_view entry = trim(value.substr(pos, end - pos));
    pos = end + 1;
    if (entry.empty()) continue;
    Suppression s;
    s.ours = true;
    s.comment = comment;
    s.target = target;
    std::size_t sep = entry.find(": ");
    resolve_ids(entry.substr(0, sep), s, ',');
    if (sep != std::string_view::npos) read_reason(entry.substr(sep + 2), s);
    out.push_back(std::move(s));
  }
}

// One annotation; false when it is no suppression.
bool peer(std::string_view key, std::string_view value, Suppression& s) {
  static const RE2 checkov_entry(R"(^\s*(CKV2?_[A-Z0-9_]+)\s*(?:=.*)?$)");
  if (key.starts_with(kKubeLinterCheck)) {
    resolve_ids(key.substr(kKubeLinterCheck.size()), s, ',', "kube-linter:");
  } else if (key == "kube-linter.io/ignore-all") {
    s.all_rules = true;
  } else if (key == "kube-score/ignore") {
    resolve_ids(value, s, ',', "kube-score:");
  } else if (key.starts_with(kPolaris) && key.ends_with("exempt")) {
    if (value != "true") return false;
    std::string_view check = key.substr(kPolaris.size());
    if (check == "exempt")
      s.all_rules = true;
    else
      resolve_ids(check.substr(0, check.size() - std::string_view("-exempt").size()), s, ',',
                  "polaris:");
  } else if (key.find("checkov.io/skip") != std::string_view::npos ||
             key.find("bridgecrew.io/skip") != std::string_view::npos) {
    std::string id;
    if (!RE2::FullMatch(value, checkov_entry, &id)) return false;
    resolve_ids(id, s, ',', "checkov:");
  } else {
    return false;
  }
  s.unknown_ids.clear();  // peers' checks we do not have are not mistakes
  return true;
}

void from_annotations(const yaml::Node* annotations, Span target, std::vector<Suppression>& out) {
  if (!annotations || !annotations->is_mapping()) return;
  for (const yaml::Pair& p : annotations->pairs) {
    auto key = scalar_text(p.key);
    if (!key) continue;
    std::string value = scalar_text(p.value).value_or("");
    Span comment = p.key->span.cover(p.value->span);
    if (*key == "infralint.dev/ignore") {
      ours(value, comment, target, out);
      continue;
    }
    Suppression s;
    s.comment = comment;
    s.target = target;
    if (peer(*key, value, s)) out.push_back(std::move(s));
  }
}

}  // namespace

// Each annotation covers its object's whole document: kube-linter reads only the object's,
// kube-score and users (kube-linter #1180) also the pod template's, so both are read.
void annotation_suppressions(const Document& doc, std::vector<Suppression>& out) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream || doc.kind() != Kind::kubernetes) return;
  for (const yaml::YamlDocument& d : stream->documents) {
    auto objects = [&](const yaml::Node* object, Span target) {
      from_annotations(at_path(object, {"metadata", "annotations"}), target, out);
      const yaml::Node* spec = object ? object->get("spec") : nullptr;
      if (const yaml::Node* job = at_path(spec, {"jobTemplate", "spec"})) spec = job;
      from_annotations(at_path(spec, {"template", "metadata", "annotations"}), target, out);
    };
    const yaml::Node* root = d.root;
    const yaml::Node* items = root ? root->get("items") : nullptr;
    if (items && items->is_sequence() &&
        scalar_text(root->get("kind")).value_or("").ends_with("List")) {
      for (const yaml::Node* item : items->items) objects(item, item->span);
    } else {
      objects(root, d.span);
    }
  }
}

}  // namespace infralint::suppression_detail
