// toml++'s compiled part (its documented TOML_IMPLEMENTATION mode): Debian ships the library
// only as a shared object, and the executables are linked statically (see CMakeLists.txt).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
