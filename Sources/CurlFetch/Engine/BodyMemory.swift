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
/// core as threads contend. Two are enough for the four busy threads of a pass (fetch loop, two
/// check workers, SQLite writer): a 100,000-listing pass then holds 58 MB instead of 65 MB while
/// checking and peaks 20 MB lower, at the same speed (docs/0012).
///
/// Process-wide, so the executable decides; a library never calls it on its own.
public enum BodyMemory {
    public static func keepFreedBodiesForReuse() {
        ocw_keep_freed_memory(4 << 20, 16 << 20, 2)
    }
}
