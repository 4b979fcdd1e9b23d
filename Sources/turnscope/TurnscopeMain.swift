#if canImport(Glibc)
import CMalloc
import Glibc
#endif
import TurnscopeCLI

/// The `turnscope` executable: parses the command line and runs the command it names.
@main
struct TurnscopeMain {
    static func main() async {
        #if canImport(Glibc)
        // glibc gives each thread that allocates its own arena, up to 8 per core, and memory freed
        // in one stays there: a collector's NIO, writer, mirror and curl threads then hold far more
        // than they use (peak RSS under `bench ingest` fell by about a sixth with two). Two arenas
        // are plenty for two busy threads; an explicit MALLOC_ARENA_MAX still wins.
        if getenv("MALLOC_ARENA_MAX") == nil { _ = turnscope_limit_malloc_arenas(2) }
        #endif
        await Turnscope.main()
    }
}
