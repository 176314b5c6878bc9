#pragma once
// Shared by the readers of suppression comments and annotations (src/engine/suppressions*.cpp).
#include <string_view>
#include <vector>

#include "engine/suppressions.hpp"

namespace infralint::suppression_detail {

// A comment in the text: `#` to the end of its line.
struct Comment {
  Span span;
  bool own_line = false;  // nothing but white space before the '#'
};

std::string_view trim(std::string_view s);
std::vector<Comment> comments_of(const Document& doc);
// The span a comment on its own line refers to: the next line with code — in a Dockerfile the
// whole instruction that starts there.
Span next_code_target(const Document& doc, std::size_t comment_line);
Span whole_line_removal(const Document& doc, std::size_t line);
// Resolves a `separator`-separated list of ids (ours, or `peer:id` aliases) into `s.rules`;
// `all` sets all_rules; ids that name nothing go to unknown_ids.
void resolve_ids(std::string_view list, Suppression& s, char separator,
                 std::string_view peer_prefix = {});

// Peers' comment pragmas (hadolint, BuildKit, dclint, pint), read through aliases.
void peer_comment_suppressions(const Document& doc, const std::vector<Comment>& comments,
                               std::vector<Suppression>& out);
// Kubernetes annotations, ours and the peers', on objects and pod templates.
void annotation_suppressions(const Document& doc, std::vector<Suppression>& out);
// `reason` and `until=YYYY-MM-DD` from the text after our pragma's ids.
void read_reason(std::string_view text, Suppression& s);

}  // namespace infralint::suppression_detail
