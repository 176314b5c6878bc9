// Precompiled once per target (see use_precompiled_headers in CMakeLists.txt): the standard
// library and fmt are most of every translation unit's parse time. Never include it directly.
#pragma once
// GCC forgets that a precompiled header's contents come from system headers, and then warns
// (-Warray-bounds, -Wstringop-overflow) inside inlined standard-library code it would ignore.
#pragma GCC system_header

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
