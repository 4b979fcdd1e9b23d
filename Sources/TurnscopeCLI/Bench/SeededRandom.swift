/// A small deterministic generator (SplitMix64) and the text a benchmark corpus is made of, so
/// two runs of a benchmark measure the same bytes.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
