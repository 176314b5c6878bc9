#include "model/dockerfile_stages.hpp"

namespace infralint {

std::vector<std::size_t> final_image_stages(const dockerfile::File& file) {
  std::vector<std::size_t> chain;
  if (file.stages.empty()) return chain;
  std::optional<std::size_t> stage = file.stages.size() - 1;
  while (stage && chain.size() <= file.stages.size()) {
    chain.push_back(*stage);
    stage = file.stages[*stage].parent;
  }
  return chain;
}

}  // namespace infralint
