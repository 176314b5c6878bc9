#include "engine/libgit.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <mutex>

namespace infralint {
namespace {

// INFRALINT_LIBGIT2_SONAME comes from the build (the soname of the libgit2 it compiled against).
const LibGit* load() {
  void* handle = ::dlopen(INFRALINT_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    std::fprintf(stderr,
                 "infralint: warning: cannot load %s (%s): .gitignore files are not applied and "
                 "reports carry no git commit\n",
                 INFRALINT_LIBGIT2_SONAME, ::dlerror());
    return nullptr;
  }
  static LibGit git;
  bool complete = true;
  auto bind = [&](auto& function, const char* name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
    if (!function) complete = false;
  };
  bind(git.libgit2_init, "git_libgit2_init");
  bind(git.libgit2_shutdown, "git_libgit2_shutdown");
  bind(git.repository_open_ext, "git_repository_open_ext");
  bind(git.repository_free, "git_repository_free");
  bind(git.repository_workdir, "git_repository_workdir");
  bind(git.ignore_path_is_ignored, "git_ignore_path_is_ignored");
  bind(git.reference_name_to_id, "git_reference_name_to_id");
  bind(git.oid_tostr, "git_oid_tostr");
  bind(git.status_list_new, "git_status_list_new");
  bind(git.status_list_entrycount, "git_status_list_entrycount");
  bind(git.status_list_free, "git_status_list_free");
  if (!complete || git.libgit2_init() < 0) {
    std::fprintf(stderr, "infralint: warning: %s lacks a function infralint uses; not used\n",
                 INFRALINT_LIBGIT2_SONAME);
    return nullptr;
  }
  // Never shut down: the process ends soon after, and other threads may still ask.
  return &git;
}

}  // namespace

const LibGit* libgit() {
  static std::once_flag once;
  static const LibGit* loaded = nullptr;
  std::call_once(once, [] { loaded = load(); });
  return loaded;
}

}  // namespace infralint
