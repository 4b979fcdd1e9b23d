import CMalloc

/// How glibc's malloc serves large blocks in this process.
enum LargeAllocations {
    /// Gives every block of 128 KB or more (a request body, a decoded export, a page of rows) a
    /// mapping of its own, returned to the system when it is freed.
    ///
    /// glibc starts at that threshold but raises it to the size of each mapped block freed, up to
    /// 32 MB, so after the collector's first few exports every later one is carved out of an
    /// arena's heap instead, where the space stays resident after it is freed. Under `bench
    /// ingest` the collector's peak fell by about 12 MB with the threshold fixed at 128 KB; the
    /// page faults of fresh mappings cost about 6% of throughput in alternating runs, within their
    /// spread. Setting the threshold is also what turns glibc's raising of it off. (Capping the
    /// number of arenas saved as much but cost 15-20% of ingest.)
    static func keepApart() {
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    }
}
