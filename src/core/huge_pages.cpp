#include "core/huge_pages.hpp"

#include <link.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace infralint {

#if INFRALINT_HUGE_PAGES
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
// glibc keeps each thread arena in a heap of HEAP_MAX_SIZE (64 MB on 64-bit), aligned to it.
constexpr std::uintptr_t kArenaHeap = std::uintptr_t{64} << 20;
// The main heap's first extension, all of it under the advice: address space only, a page
// costs memory when first written. A 6 MB manifest needs 300 MB; beyond the reserve, pages
// are small again (its run faulted 66 000 times with a 32 MB reserve, 200 times with this).
constexpr std::size_t kMainHeapReserve = std::size_t{1} << 30;
// Later extensions of the main heap, beyond the reserve.
constexpr std::size_t kMainHeapGrowth = std::size_t{32} << 20;
// glibc's own trim threshold, for a heap left unprepared.
constexpr int kDefaultTrimThreshold = 128 << 10;
// Allocations up to this size come from the advised heaps, not from a fresh mapping of 4 KB
// pages (the largest value glibc accepts; its own default adapts from 128 KB).
constexpr int kMmapThreshold = 32 << 20;

// A caller who tunes glibc's malloc (GLIBC_TUNABLES) keeps exactly what they asked for.
bool wanted() { return std::getenv("GLIBC_TUNABLES") == nullptr; }

std::uintptr_t address(void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// glibc has already allocated a little before any constructor (the static loader's search
// paths), so the main heap exists. Its top chunk (all of it beyond the last allocation,
// untouched) is where later allocations are cut from: a spacer chunk, kept and never touched,
// moves the top's start to a huge-page boundary, and the reserve beyond it gets the advice.
void* spacer = nullptr;

// The executable's own pages are mapped in one call per range instead of one fault per
// 64 KB touched: a one-file run faulted ~140 times in code, constants and static data. Code,
// constants and the part made read-only after start (RELRO) are mapped from the page cache;
// the writable rest (data, bss: ~35 pages, most of them written by static constructors) is
// made private at once. MADV_POPULATE_* need Linux 5.14; older kernels refuse them and
// nothing changes.
void populate(std::uintptr_t begin, std::uintptr_t end, int advice) {
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

void map_executable() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void*) {
        const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
        std::uintptr_t read_only_end = 0;  // of the RELRO range, page-aligned by the linker
        for (int i = 0; i < info->dlpi_phnum; ++i)
          if (info->dlpi_phdr[i].p_type == PT_GNU_RELRO)
            read_only_end = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr + info->dlpi_phdr[i].p_memsz;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD) continue;
          const std::uintptr_t begin = (info->dlpi_addr + segment.p_vaddr) & ~(page - 1);
          const std::uintptr_t end = info->dlpi_addr + segment.p_vaddr + segment.p_memsz;
          if (!(segment.p_flags & PF_W)) {
            populate(begin, end, MADV_POPULATE_READ);
          } else if (read_only_end % page == 0) {
            const std::uintptr_t split = std::max(begin, std::min(end, read_only_end));
            populate(begin, split, MADV_POPULATE_READ);
            populate(split, end, MADV_POPULATE_WRITE);
          }
        }
        return 1;  // the executable comes first; shared objects, if any, stay lazy
      },
      nullptr);
}

// Runs before every other static constructor (priority 101 sorts first in .init_array).
__attribute__((constructor(101))) void prepare_memory() {
  map_executable();
  if (!wanted()) return;
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);  // before the spacer, which must not be a mapping
  // Freed memory is not given back below the reserve: that would drop the advice with it.
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMainHeapReserve));
  mallopt(M_TOP_PAD, static_cast<int>(kMainHeapReserve));
  constexpr std::uintptr_t kHeader = 2 * sizeof(std::size_t);  // a chunk's size fields
  const std::uintptr_t top = address(sbrk(0)) - mallinfo2().keepcost;
  // The top's header lands on the page before the boundary; the chunks after it are advised.
  const std::uintptr_t boundary = (top + kHeader + (64 << 10) + kHugePage - 1) & ~(kHugePage - 1);
  spacer = std::malloc(boundary - kHeader - top - sizeof(std::size_t));
  mallopt(M_TOP_PAD, static_cast<int>(kMainHeapGrowth));
  // Refused (a strict overcommit policy) or not cut from the top: leave the heap as it was.
  if (!spacer) mallopt(M_TRIM_THRESHOLD, kDefaultTrimThreshold);
  if (address(spacer) != top + kHeader) return;
  const std::uintptr_t end = address(sbrk(0)) & ~(kHugePage - 1);
  if (end > boundary) madvise(reinterpret_cast<void*>(boundary), end - boundary, MADV_HUGEPAGE);
}

}  // namespace

void advise_huge_pages_for_thread_heap() {
  if (!wanted()) return;
  void* probe = std::malloc(1);
  const std::uintptr_t at = address(probe);
  std::free(probe);
  // The main heap lies below the break; thread arenas are mappings far above it.
  if (at < address(sbrk(0))) return;
  // The whole reserved heap, mapped or not yet writable: glibc widens it with mprotect, which
  // keeps the advice. Its first pages are already touched and stay small.
  madvise(reinterpret_cast<void*>(at & ~(kArenaHeap - 1)), kArenaHeap, MADV_HUGEPAGE);
}

#else

void advise_huge_pages_for_thread_heap() {}

#endif

}  // namespace infralint
