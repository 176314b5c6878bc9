#pragma once

namespace infralint {

// Asks the kernel for transparent huge pages under the heap of the calling thread's malloc
// arena (a hint; no effect where THP is disabled). Call it at the start of a worker thread.
//
// Why: on the Firecracker VM we measure on, each first touch of a 4 KB anonymous page costs
// about 10 µs, so a one-file run spent ~1.6 ms of its ~6.5 ms in heap page faults and a
// corpus run a tenth of its CPU; a 2 MB page is faulted once. glibc does this itself under
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a static executable cannot be handed except by
// its caller. The main thread's heap is prepared before any static constructor
// (core/huge_pages.cpp); a run given GLIBC_TUNABLES is left to glibc.
void advise_huge_pages_for_thread_heap();

}  // namespace infralint
