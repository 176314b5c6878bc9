// The runtime of a Dockerfile's final image as a Container: USER, HEALTHCHECK, EXPOSE and ENV of
// the final stage and the stages it is built FROM.
#include <fmt/format.h>

#include <algorithm>

#include "model/adapters.hpp"
#include "model/dockerfile_stages.hpp"
#include "model/image_ref.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

using dockerfile::Instruction;
using dockerfile::Keyword;

// The last instruction with `keyword` in the chain of stages, searching the final stage first.
std::optional<std::size_t> last_of(const dockerfile::File& file, const std::vector<std::size_t>& chain,
                                   Keyword keyword) {
  for (std::size_t stage : chain) {
    const dockerfile::Stage& s = file.stages[stage];
    for (std::size_t i = s.last; i > s.first; --i)
      if (file.instructions[i - 1].keyword == keyword) return i - 1;
  }
  return std::nullopt;
}

class DockerfileEditor final : public ContainerEditor {
 public:
  std::optional<std::vector<Edit>> harden(const Document& doc, const Container& c,
                                          Hardening step) const override {
    const auto* file = doc.tree<dockerfile::File>();
    if (!file || step != Hardening::run_as_non_root) return std::nullopt;
    std::string user = fmt::format("{}:{}", kNonRootUid, kNonRootUid);
    if (c.user.present()) return std::vector<Edit>{{c.user.span, user}};
    std::string_view text = doc.text();
    Span at = insertion_point(doc, *file, file->stages[c.location.stage]);
    bool needs_line_break = at.begin == text.size() && !text.ends_with('\n');
    std::string create;
    if (auto uid = created_uid(*file, final_image_stages(*file)))
      user = *uid;  // the image already makes a user for this: run as it
    else
      create = create_user(c.image.value.value_or(""));
    return std::vector<Edit>{{at, fmt::format("{}{}USER {}\n", needs_line_break ? "\n" : "",
                                              create, user)}};
  }

 private:
  // The UID an `adduser -u N` / `useradd --uid N` in the final image's stages gives its user.
  static std::optional<std::string> created_uid(const dockerfile::File& file,
                                                const std::vector<std::size_t>& chain) {
    for (std::size_t stage : chain) {
      const dockerfile::Stage& s = file.stages[stage];
      for (std::size_t i = s.first; i < s.last; ++i)
        for (const auto& script : file.instructions[i].scripts)
          for (const auto& cmd : script.commands) {
            if (cmd.name.value != "adduser" && cmd.name.value != "useradd") continue;
            for (std::size_t a = 0; a < cmd.args.size(); ++a) {
              std::string_view arg = cmd.args[a].value;
              std::string_view uid;
              if ((arg == "-u" || arg == "--uid") && a + 1 < cmd.args.size())
                uid = cmd.args[a + 1].value;
              else if (arg.starts_with("--uid="))
                uid = arg.substr(6);
              else if (arg.starts_with("-u") && arg.size() > 2)
                uid = arg.substr(2);
              if (!uid.empty() && uid.find_first_not_of("0123456789") == std::string_view::npos &&
                  uid != "0")
                return std::string(uid);
            }
          }
    }
    return std::nullopt;
  }

  // A RUN that creates the user in the base image's own way, so the UID has a name, a group
  // and no home or shell; nothing where the family is unknown or there is no shell (the
  // numeric USER works there on its own).
  static std::string create_user(std::string_view image) {
    switch (image_family(image)) {
      case ImageFamily::alpine:
        return fmt::format("RUN addgroup -S -g {0} app && adduser -S -D -H -u {0} -G app app\n",
                           kNonRootUid);
      case ImageFamily::debian:
        return fmt::format(
            "RUN groupadd --system --gid {0} app && useradd --system --no-log-init --uid {0} "
            "--gid app --no-create-home --shell /usr/sbin/nologin app\n",
            kNonRootUid);
      case ImageFamily::no_shell:
      case ImageFamily::unknown:
        break;
    }
    return {};
  }

  // Before the final stage's first CMD, ENTRYPOINT or HEALTHCHECK, so build steps before it
  // keep their privileges; else after the stage's last instruction.
  static Span insertion_point(const Document& doc, const dockerfile::File& file,
                              const dockerfile::Stage& stage) {
    for (std::size_t i = stage.first; i < stage.last; ++i) {
      const Instruction& ins = file.instructions[i];
      if (ins.keyword == Keyword::cmd || ins.keyword == Keyword::entrypoint ||
          ins.keyword == Keyword::healthcheck) {
        std::size_t line = doc.lines().position(ins.keyword_span.begin).line;
        // Above the comment lines that introduce the instruction, so they stay with it.
        while (line > 1) {
          Span above = doc.lines().line_span(line - 1);
          std::string_view content = doc.slice(above);
          std::size_t first = content.find_first_not_of(" \t");
          if (first == std::string_view::npos || content[first] != '#') break;
          --line;
        }
        std::size_t at = doc.lines().line_span(line).begin;
        return {at, at};
      }
    }
    const Instruction& last = file.instructions[stage.last - 1];
    std::size_t line = doc.lines().position(last.span.end).line;
    std::size_t at = doc.lines().line_span(line).end;
    std::string_view text = doc.text();
    if (at < text.size() && text[at] == '\r') ++at;
    if (at < text.size() && text[at] == '\n') return {at + 1, at + 1};
    return {at, at};
  }
};

}  // namespace

const ContainerEditor& dockerfile_editor() {
  static const DockerfileEditor editor;
  return editor;
}

void adapt_dockerfile(const Document& doc, Model& model) {
  const auto* file = doc.tree<dockerfile::File>();
  if (!file) return;
  std::vector<std::size_t> chain = final_image_stages(*file);
  if (chain.empty()) return;
  const dockerfile::Stage& final_stage = file->stages[chain.front()];
  const dockerfile::Stage& root = file->stages[chain.back()];

  Container c;
  c.source = ContainerSource::dockerfile_image;
  c.name = final_stage.name ? final_stage.name->value : "image";
  c.span = file->instructions[final_stage.from].keyword_span.cover(final_stage.image.span);
  c.location.stage = chain.front();
  c.image = {root.resolved_image.value_or(root.image.value), root.image.span};

  if (auto user = last_of(*file, chain, Keyword::user)) {
    const Instruction& ins = file->instructions[*user];
    if (!ins.words.empty()) {
      const dockerfile::Word& w = ins.words.front();
      auto resolved = dockerfile::expand(w.raw, dockerfile::variables_at(*file, *user), file->escape);
      c.user = {resolved.value_or(w.value), w.span};
    }
  }
  if (auto hc = last_of(*file, chain, Keyword::healthcheck)) {
    const Instruction& ins = file->instructions[*hc];
    bool none = !ins.words.empty() && ins.words.front().value == "NONE" && !ins.exec_form;
    c.healthcheck = {!none, ins.span};
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const dockerfile::Stage& s = file->stages[*it];
    for (std::size_t i = s.first; i < s.last; ++i) {
      const Instruction& ins = file->instructions[i];
      if (ins.keyword == Keyword::expose) {
        for (const auto& w : ins.words) {
          PortBinding p;
          p.container_port = w.value.substr(0, w.value.find('/'));
          p.span = w.span;
          c.ports.push_back(p);
        }
      } else if (ins.keyword == Keyword::env) {
        for (const auto& pair : ins.pairs) {
          EnvVar v;
          v.name = pair.key.value;
          v.name_span = pair.key.span;
          v.value_span = pair.value ? pair.value->span : pair.key.span;
          if (pair.value && pair.value->raw.find('$') == std::string::npos)
            v.literal = pair.value->value;
          c.env.push_back(v);
        }
      }
    }
  }
  c.editor = &dockerfile_editor();
  model.workloads.push_back({"image", c.name, c.span, {}, {}, {model.containers.size()}});
  model.containers.push_back(std::move(c));

  for (std::size_t i = 0; i < file->stages.size(); ++i) {
    const dockerfile::Stage& s = file->stages[i];
    if (s.parent) continue;  // built on another stage, not on an image
    bool in_final = std::find(chain.begin(), chain.end(), i) != chain.end();
    std::string stage_name = s.name ? s.name->value : std::to_string(i);
    model.images.push_back({s.resolved_image.value_or(s.image.value), s.image.span,
                            fmt::format("stage {}", stage_name), in_final});
  }
}

}  // namespace infralint
