#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "parse/yaml/yaml.hpp"

namespace infralint {

// One compose document: its top level and the views of it compose rules share.
struct ComposeFile {
  const yaml::Stream& stream;
  const yaml::Node& root;

  // A top-level section (`services`, `networks`, ...) when it is a mapping, else null.
  const yaml::Node* section(std::string_view name) const;
  // The services whose definition is a mapping, in source order.
  std::vector<const yaml::Pair*> services() const;
  // Whether other files may complete this one (top-level `include`, or an override file by its
  // name), so that a name it does not define may be defined elsewhere.
  bool partial(std::string_view path) const;
};

// The top-level resources services refer to by name.
enum class ComposeResource { network, volume, secret, config };
std::string_view section_name(ComposeResource r);  // "networks", ...
std::string_view singular(ComposeResource r);      // "network", ...

// A service naming a top-level resource.
struct ResourceUse {
  std::string name;
  Span span;  // the name as written
  std::string service;
};

// Every use of a resource of kind `r` by the file's services (`networks:`, named volumes in
// `volumes:`, `secrets:`/`configs:` short and long syntax, `build.secrets`). Names written
// through interpolation are left out.
std::vector<ResourceUse> resource_uses(const ComposeFile& file, ComposeResource r);

// A compose short-syntax volume "SRC:DST[:MODE]" split at its colons.
struct ShortVolume {
  std::string source;  // empty for an anonymous volume
  std::string target;
  std::string mode;
};
ShortVolume split_short_volume(std::string_view spec);
// Whether a short-syntax volume source names a host path rather than a named volume.
bool is_host_source(std::string_view source);

// The directory relative paths of a compose file resolve against; empty when the document is
// not a file on disk, or not inside a repository checkout (no .git above it): a file copied on
// its own says nothing about the files beside it.
std::filesystem::path compose_dir(std::string_view doc_path);

}  // namespace infralint
