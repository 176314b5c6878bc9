// core/huge_pages: the heaps carry the huge-page advice and the code and data are mapped before main.
// Read back from /proc/self/smaps, the kernel's own account of this process's mappings.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "core/huge_pages.hpp"

using namespace infralint;

namespace {

struct Mapping {
  bool found = false;
  std::string flags;     // VmFlags: two-letter codes; "hg" is MADV_HUGEPAGE
  long size_kb = -1;     // Size:
  long resident_kb = -1; // Rss:
};

Mapping mapping_of(const void* p) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  Mapping m;
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> begin >> dash >> end && dash == '-' && line.find(':') > line.find(' ')) {
      if (m.found) break;
      inside = begin <= at && at < end;
      m.found = inside;
      continue;
    }
    if (!inside) continue;
    if (line.rfind("VmFlags:", 0) == 0) m.flags = line.substr(8) + " ";
    if (line.rfind("Size:", 0) == 0) m.size_kb = std::atol(line.c_str() + 5);
    if (line.rfind("Rss:", 0) == 0) m.resident_kb = std::atol(line.c_str() + 4);
  }
  return m;
}

// Static storage that nothing writes: resident only if the data segment was populated.
char untouched_static_storage[64 << 10];

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPrepared = false;  // the sanitizer's malloc: nothing is advised
#else
constexpr bool kPrepared = true;
#endif

}  // namespace

TEST_CASE("huge pages: main heap and worker arenas are advised; code and data are mapped at start") {
  if (!kPrepared || std::getenv("GLIBC_TUNABLES")) return;

  void* main_block = std::malloc(300 << 10);
  Mapping heap = mapping_of(main_block);
  std::free(main_block);
  REQUIRE(heap.found);
  CHECK_MESSAGE(heap.flags.find(" hg ") != std::string::npos, "main heap flags:" << heap.flags);

  Mapping arena;
  std::thread([&] {
    advise_huge_pages_for_thread_heap();
    void* worker_block = std::malloc(300 << 10);
    arena = mapping_of(worker_block);
    std::free(worker_block);
  }).join();
  REQUIRE(arena.found);
  CHECK_MESSAGE(arena.flags.find(" hg ") != std::string::npos, "worker arena flags:" << arena.flags);

  // Every page of the code is resident, not only the ones this test has run.
  Mapping code = mapping_of(reinterpret_cast<const void*>(&advise_huge_pages_for_thread_heap));
  REQUIRE(code.found);
  CHECK(code.size_kb > 1024);
  CHECK(code.resident_kb == code.size_kb);
  // And every page of the writable data, written by nothing yet.
  Mapping data = mapping_of(untouched_static_storage);
  REQUIRE(data.found);
  CHECK(data.size_kb >= 64);
  CHECK(data.resident_kb == data.size_kb);
}
