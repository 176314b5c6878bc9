// fmt's compiled part, for the static executables (see CMakeLists.txt): Debian ships fmt as a
// shared object and headers only, and fmt's header-only mode tripled the compile time of every
// file that formats. format-inl.h defines the library's functions; the templates its shared
// object carries compiled are instantiated here once, for char.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template auto locale_ref::get<std::locale>() const -> std::locale;
template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);
}  // namespace detail
FMT_END_NAMESPACE
