internal import CCurlShim

/// Process-wide allocator settings for programs that receive many response bodies.
///
/// A body of a few hundred kilobytes is filled on the fetch thread and freed on another once
/// read. With glibc's defaults such a block sits above the `mmap` threshold or, once that
/// adapts, at the top of the fetch thread's heap, which glibc hands back to the kernel as soon
/// as it is free: every next body is written into fresh pages, and page faults took a tenth of a
/// pass's CPU time (docs/0012). Keeping up to 16 MiB of freed memory for reuse costs no more
/// than the bodies a pass holds at its peak (64 in flight) and removes those faults.
///
/// That allowance applies to each of glibc's heaps ("arenas"), and glibc opens up to eight per
/// core as threads contend. One heap serves every thread here. Memory one heap freed cannot serve
/// a thread allocating from another, and a publication spreads over threads (the store counts
/// coverage on its reader's thread, alerts are evaluated on another): with two heaps, a
/// 100,000-listing pass peaked at 77–80 MB or 86–90 MB depending on which thread drew from which
/// heap, with one at 77–78 MB every time, for the same CPU time (docs/0012, eleventh round).
///
/// glibc fixes how many heaps it may open when a second thread first allocates, so this must be
/// called before any other thread exists: at the top of the program's entry point.
///
/// Process-wide, so the executable decides; a library never calls it on its own.
public enum BodyMemory {
    public static func keepFreedBodiesForReuse() {
        ocw_keep_freed_memory(4 << 20, 16 << 20, 1)
    }
}
