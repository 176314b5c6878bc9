#pragma once
#include <optional>
#include <string_view>

#include "core/document.hpp"
#include "core/edit.hpp"
#include "parse/toml/toml.hpp"

namespace infralint::toml_edits {

// Minimal byte edits of a railway.toml or railway.json value tree: everything outside the
// edited bytes (comments, order, indentation) stays as written.

// Replaces a string value, keeping its quotes when it is a plain one-line string without
// escapes; otherwise rewrites the whole token as a basic string (valid TOML and JSON).
Edit replace_string(const Document& doc, const toml::Node& value, std::string_view text);

// Removes an entry of `table`. TOML: its whole line (comment included) when nothing else is
// on that line; JSON: the member and one adjacent comma. Nullopt when the entry shares its
// line with others in TOML (an inline table), which this minimal editor leaves alone.
std::optional<Edit> remove_entry(const Document& doc, const toml::Document& tree,
                                 const toml::Node& table, const toml::Entry& entry);

// JSON: inserts `"key": <json_value>` as the first member of `object`, on its own line with
// the indentation of the current first member.
std::optional<Edit> insert_first_member(const Document& doc, const toml::Node& object,
                                        std::string_view key, std::string_view json_value);

}  // namespace infralint::toml_edits
