/// The deterministic text a benchmark corpus is made of (SplitMix64, as the agent workload uses),
/// so two runs of a benchmark measure the same bytes.
struct SeededRandom {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private static let words = """
        the a session token cache model prompt tool result file test build error fix refactor module \
        function struct return value index query store write read parse json line stream turn agent \
        claude codex swift sqlite commit branch merge review latency cost usage output input context \
        window retry timeout server client request response header body schema migration table column
        """.split(separator: " ").map(String.init)

    /// `count` words separated by spaces.
    mutating func sentence(words count: Int) -> String {
        var text = ""
        for index in 0..<count {
            if index > 0 { text += " " }
            text += Self.words[next(below: Self.words.count)]
        }
        return text
    }

    /// About `bytes` bytes of code-like lines, as a file a tool read.
    mutating func paragraphs(bytes: Int) -> String {
        var text = ""
        var line = 1
        while text.utf8.count < bytes {
            text += "\(line)\t" + String(repeating: " ", count: 4 * next(below: 3)) + sentence(words: 3 + next(below: 9)) + "\n"
            line += 1
        }
        return text
    }
}
