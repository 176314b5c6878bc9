#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.hpp"

namespace infralint {

// Text assembled from pieces of a parent buffer (a RUN's logical line with continuations and
// comment lines dropped, a PromQL expression inside YAML), with the map back to the parent's
// offsets so that findings inside it point at the right bytes of the file.
class MappedText {
 public:
  // Appends parent[span] as is.
  void append_source(std::string_view parent, Span span);
  // Appends text that has no bytes of its own in the parent; it maps to `anchor`.
  void append_synthetic(std::string_view text, std::size_t anchor);

  const std::string& text() const { return text_; }
  std::size_t to_parent(std::size_t offset) const;
  // Maps a span; its end maps as the end of the last byte, so it never spans a dropped gap.
  Span to_parent(Span span) const;

 private:
  struct Piece {
    std::size_t local_begin;
    std::size_t parent_begin;
    std::size_t size;
    bool synthetic;
  };
  std::string text_;
  std::vector<Piece> pieces_;
};

}  // namespace infralint
