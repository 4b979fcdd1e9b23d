import TurnscopeCLI

/// The `turnscope` executable: parses the command line and runs the command it names.
@main
struct TurnscopeMain {
    static func main() async {
        LargeAllocations.keepApart()
        await Turnscope.main()
    }
}
