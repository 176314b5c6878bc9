#pragma once
#include <git2.h>

namespace infralint {

// libgit2, loaded when first needed (dlopen). Linked normally it brings fifteen libraries
// (mbedTLS, Kerberos, libssh2, OpenSSL, ...) into every start: half the start-up of a one-file
// run on this machine, for the few runs that walk a directory inside a repository or write an
// audit report.
struct LibGit {
  decltype(&::git_libgit2_init) libgit2_init;
  decltype(&::git_libgit2_shutdown) libgit2_shutdown;
  decltype(&::git_repository_open_ext) repository_open_ext;
  decltype(&::git_repository_free) repository_free;
  decltype(&::git_repository_workdir) repository_workdir;
  decltype(&::git_ignore_path_is_ignored) ignore_path_is_ignored;
  decltype(&::git_reference_name_to_id) reference_name_to_id;
  decltype(&::git_oid_tostr) oid_tostr;
  decltype(&::git_status_list_new) status_list_new;
  decltype(&::git_status_list_entrycount) status_list_entrycount;
  decltype(&::git_status_list_free) status_list_free;
};

// The loaded library, initialised (git_libgit2_init) once for the process; nullptr when it
// cannot be loaded, after one warning on stderr saying what is lost.
const LibGit* libgit();

}  // namespace infralint
