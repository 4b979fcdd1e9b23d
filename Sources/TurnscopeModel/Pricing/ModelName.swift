/// Reduces the many spellings of one model name to a common form, so that the name a trace carries
/// (`anthropic/claude-sonnet-4.5`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
/// `claude-sonnet-4-5@20250929`) meets the table's key for the same model.
///
/// The reductions only ever remove packaging (provider paths, Bedrock region and vendor prefixes,
/// Bedrock version suffixes, Vertex's `@`, the dot in `4.5`) and never touch the model's own name,
/// so `gpt-4o` and `gpt-4o-mini` stay apart: matching is by equality of reduced forms, never by
/// prefix or substring.
enum ModelName {
    /// The reduced form ("level A"): lowercased; a trailing `[…]` marker (Claude Code's `[1m]`)
    /// dropped; everything up to the last `/` dropped (`openrouter/anthropic/`, `vertex_ai/`,
    /// `bedrock/us-east-1/`); leading `word.` prefixes dropped (Bedrock's `us.`, `global.`,
    /// `anthropic.`, `meta.`); a `:N` suffix dropped with a
    /// dated `-vN` before it (`-20250929-v1:0`); `@` turned
    /// into `-` (Vertex's `claude-sonnet-4-5@20250929`); a dot between digits turned into `-` (`4.5`).
    /// Fine-tunes (`ft:gpt-4o-mini-2024-07-18:org::id`) keep only `ft:` and the base model.
    static func canonical(_ name: String) -> String {
        var bytes = trimmedLowercase(name)
        // Claude Code appends "[1m]" to name the 1M-token context variant.
        if bytes.last == UInt8(ascii: "]"), let open = bytes.lastIndex(of: UInt8(ascii: "[")) {
            bytes.removeSubrange(open...)
        }
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) { bytes.removeSubrange(...slash) }
        if bytes.starts(with: "ft:".utf8) {
            // OpenAI fine-tunes: "ft:<base>:<org>:<suffix>:<id>"; LiteLLM prices them as "ft:<base>".
            if let colon = bytes[3...].firstIndex(of: UInt8(ascii: ":")) { bytes.removeSubrange(colon...) }
        } else {
            while let dot = leadingWordDot(bytes) { bytes.removeSubrange(...dot) }
            stripVersionSuffix(&bytes)
            for index in bytes.indices where bytes[index] == UInt8(ascii: "@") { bytes[index] = UInt8(ascii: "-") }
        }
        for index in bytes.indices.dropFirst().dropLast()
        where bytes[index] == UInt8(ascii: ".") && isDigit(bytes[index - 1]) && isDigit(bytes[index + 1]) {
            bytes[index] = UInt8(ascii: "-")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The reduced form without a release date ("level B"), and that date as `yyyymmdd`: strips
    /// `-20250929`, `-2024-08-06` or `-latest` (an alias, so no date). Names without one come back
    /// unchanged with a nil date.
    static func undated(_ canonical: String) -> (base: String, date: String?) {
        let bytes = Array(canonical.utf8)
        let latest = Array("-latest".utf8)
        if bytes.count > latest.count, bytes.suffix(latest.count).elementsEqual(latest) {
            return (String(decoding: bytes.dropLast(latest.count), as: UTF8.self), nil)
        }
        // -yyyymmdd
        if bytes.count > 9, bytes[bytes.count - 9] == UInt8(ascii: "-") {
            let digits = bytes.suffix(8)
            if digits.allSatisfy(isDigit), digits.starts(with: "20".utf8) {
                return (String(decoding: bytes.dropLast(9), as: UTF8.self), String(decoding: digits, as: UTF8.self))
            }
        }
        // -yyyy-mm-dd
        if bytes.count > 11 {
            let tail = Array(bytes.suffix(11))
            let dashes = [0, 5, 8].allSatisfy { tail[$0] == UInt8(ascii: "-") }
            let digits = tail.enumerated().filter { ![0, 5, 8].contains($0.offset) }.map(\.element)
            if dashes, digits.allSatisfy(isDigit), digits.starts(with: "20".utf8) {
                return (String(decoding: bytes.dropLast(11), as: UTF8.self), String(decoding: digits, as: UTF8.self))
            }
        }
        return (canonical, nil)
    }

    /// The providers a spelling points to, to choose among entries that price the same model:
    /// each `/` segment before the model (`openrouter/anthropic/…` gives `openrouter` and
    /// `anthropic`), `vertex_ai` for an `@` date, `bedrock` for a region or vendor prefix or a `:N`
    /// version suffix.
    static func hints(_ name: String) -> [String] {
        let bytes = trimmedLowercase(name)
        var segments = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        guard let model = segments.popLast() else { return [] }
        var hints = segments.map { String(decoding: $0, as: UTF8.self) }
        if model.contains(UInt8(ascii: "@")) { hints.append("vertex_ai") }
        var stripped = Array(model)
        if !model.starts(with: "ft:".utf8) {
            let hasPrefix = leadingWordDot(stripped) != nil
            let before = stripped.count
            stripVersionSuffix(&stripped)
            if hasPrefix || stripped.count != before { hints.append("bedrock") }
        }
        return hints
    }

    /// The family of a LiteLLM provider name, the form hints use: the part before the first `-`
    /// (`vertex_ai-anthropic_models` → `vertex_ai`), with Bedrock's two APIs joined as `bedrock`.
    static func providerFamily(_ provider: String?) -> String {
        guard let provider else { return "" }
        let lower = provider.lowercased()
        let family = lower.split(separator: "-", maxSplits: 1).first.map(String.init) ?? lower
        return family.hasPrefix("bedrock") ? "bedrock" : family
    }

    // MARK: - Byte helpers (model names are ASCII in practice; bytes keep this fast and exact)

    private static func trimmedLowercase(_ name: String) -> [UInt8] {
        var bytes = Array(name.lowercased().utf8)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let leading = bytes.prefix(while: isSpace).count
        bytes.removeFirst(leading)
        return bytes
    }

    /// The index of the dot ending a leading `word.` (letters and hyphens only, so `gpt-4.1` and
    /// `ai21.` are left alone) when more follows it.
    private static func leadingWordDot(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.first, isLetter(first) else { return nil }
        var index = 1
        while index < bytes.count, isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count - 1, bytes[index] == UInt8(ascii: ".") else { return nil }
        return index
    }

    /// Drops Bedrock's `:0`, and the `-v1` before it when a release date precedes that
    /// (`…-20250929-v1:0` → `…-20250929`, Anthropic's Bedrock form). Elsewhere `-vN` is part of the
    /// name and stays: `anthropic.claude-v2:1` is Claude 2.1, `titan-embed-text-v2:0` not `-v1`.
    private static func stripVersionSuffix(_ bytes: inout [UInt8]) {
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")), colon > 0, colon < bytes.count - 1,
            bytes[(colon + 1)...].allSatisfy(isDigit)
        else { return }
        bytes.removeSubrange(colon...)
        let digits = bytes.reversed().prefix(while: isDigit).count
        let v = bytes.count - digits - 1
        guard digits > 0, v > 0, bytes[v] == UInt8(ascii: "v"), bytes[v - 1] == UInt8(ascii: "-") else { return }
        let name = bytes[..<(v - 1)]
        let date = name.suffix(9)
        if date.count == 9, date.first == UInt8(ascii: "-"), date.dropFirst().allSatisfy(isDigit) {
            bytes.removeSubrange((v - 1)...)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
