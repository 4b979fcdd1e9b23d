import TurnscopeModel

/// JSON for people: indented two spaces, keys sorted, keys, strings and literals in their theme
/// styles. A string with newlines continues on the next lines (each ending in its `\n`) instead
/// of one endless line, so an `Edit` call's code reads as code.
///
/// Output is bounded: `lines` builds at most `limit` lines and only counts the rest, and `wrap`
/// stops at a budget, so a megabyte of arguments costs no more than what fits the cap.
enum PrettyJSON {
    /// The first `limit` lines of `value`, unwrapped, and how many lines it has in all.
    static func lines(_ value: JSONValue, theme: Theme, limit: Int) -> (lines: [StyledLine], total: Int) {
        var emitter = Emitter(theme: theme, limit: limit)
        emitter.write(value, indent: 0, prefix: [], comma: false)
        return (emitter.lines, lineCount(value))
    }

    /// The value on one line, `{"file_path": "…"}`, when it fits in `width` columns and holds no
    /// multi-line string; nil otherwise.
    static func inline(_ value: JSONValue, theme: Theme, width: Int) -> [Span]? {
        var spans: [Span] = []
        var budget = width
        guard inline(value, theme: theme, into: &spans, budget: &budget) else { return nil }
        return spans
    }

    /// A logical line cut to `width` columns; continuation lines are indented two columns deeper
    /// than the line's own indentation. Stops after `maxLines`.
    static func wrap(_ line: StyledLine, width: Int, maxLines: Int) -> [StyledLine] {
        let width = max(4, width)
        let indent = line.spans.first.map { $0.text.allSatisfy { $0 == " " } ? $0.text.count : 0 } ?? 0
        let continuation = min(indent + 2, width / 2)
        var result: [StyledLine] = []
        var current = StyledLine()
        var column = 0
        for span in line.spans {
            var piece = ""
            for character in span.text {
                let w = TerminalText.width(of: character)
                if column + w > width, column > continuation {
                    if !piece.isEmpty { current.append(piece, span.style) }
                    result.append(current)
                    if result.count >= maxLines { return result }
                    current = StyledLine(String(repeating: " ", count: continuation))
                    column = continuation
                    piece = ""
                }
                piece.append(character)
                column += w
            }
            if !piece.isEmpty { current.append(piece, span.style) }
        }
        result.append(current)
        return result
    }

    /// How many lines `lines` would produce, counted without building them.
    static func lineCount(_ value: JSONValue) -> Int {
        switch value {
        case .string(let text): return pieces(of: text).count
        case .array(let elements): return elements.isEmpty ? 1 : 2 + elements.reduce(0) { $0 + lineCount($1) }
        case .object(let members): return members.isEmpty ? 1 : 2 + members.values.reduce(0) { $0 + lineCount($1) }
        default: return 1
        }
    }

    /// The inside of a string literal: JSON escapes, then terminal placeholders for what JSON
    /// leaves raw (DEL, C1, bidi overrides), so widths are measured on what will be drawn.
    static func escaped(_ text: some StringProtocol) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.write(string: String(text))
        let quoted = String(decoding: writer.bytes, as: UTF8.self)
        return TerminalText.sanitize(String(quoted.dropFirst().dropLast()))
    }

    private static func pieces(of text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func scalar(_ value: JSONValue, theme: Theme) -> Span {
        switch value {
        case .null: Span("null", theme.jsonLiteral)
        case .bool(let flag): Span(flag ? "true" : "false", theme.jsonLiteral)
        case .integer(let number): Span(String(number), theme.jsonLiteral)
        case .number: Span(JSONText.string(value), theme.jsonLiteral)
        case .string(let text): Span("\"" + escaped(text) + "\"", theme.jsonString)
        case .array: Span("[]")
        case .object: Span("{}")
        }
    }

    private static func inline(_ value: JSONValue, theme: Theme, into spans: inout [Span], budget: inout Int) -> Bool {
        func add(_ span: Span) -> Bool {
            budget -= TerminalText.width(span.text)
            spans.append(span)
            return budget >= 0
        }
        switch value {
        case .string(let text) where text.contains("\n"): return false
        case .array(let elements) where !elements.isEmpty:
            guard add(Span("[")) else { return false }
            for (index, element) in elements.enumerated() {
                if index > 0, !add(Span(", ")) { return false }
                guard inline(element, theme: theme, into: &spans, budget: &budget) else { return false }
            }
            return add(Span("]"))
        case .object(let members) where !members.isEmpty:
            guard add(Span("{")) else { return false }
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0, !add(Span(", ")) { return false }
                guard add(Span("\"" + escaped(key) + "\"", theme.jsonKey)), add(Span(": ")) else { return false }
                guard inline(members[key]!, theme: theme, into: &spans, budget: &budget) else { return false }
            }
            return add(Span("}"))
        default:
            return add(scalar(value, theme: theme))
        }
    }

    /// Writes lines until the limit, then stops descending.
    private struct Emitter {
        let theme: Theme
        let limit: Int
        var lines: [StyledLine] = []

        var full: Bool { lines.count >= limit }

        mutating func emit(_ indent: Int, _ spans: [Span]) {
            guard !full else { return }
            lines.append(StyledLine([Span(String(repeating: " ", count: indent))] + spans))
        }

        mutating func write(_ value: JSONValue, indent: Int, prefix: [Span], comma: Bool) {
            guard !full else { return }
            let tail = comma ? [Span(",")] : []
            switch value {
            case .string(let text) where text.contains("\n"):
                let parts = PrettyJSON.pieces(of: text)
                for (index, part) in parts.enumerated() {
                    let first = index == 0
                    let last = index == parts.count - 1
                    let body = (first ? "\"" : "") + PrettyJSON.escaped(part) + (last ? "\"" : "\\n")
                    emit(first ? indent : indent + 2, (first ? prefix : []) + [Span(body, theme.jsonString)] + (last ? tail : []))
                }
            case .array(let elements) where !elements.isEmpty:
                emit(indent, prefix + [Span("[")])
                for (index, element) in elements.enumerated() {
                    write(element, indent: indent + 2, prefix: [], comma: index < elements.count - 1)
                }
                emit(indent, [Span("]")] + tail)
            case .object(let members) where !members.isEmpty:
                emit(indent, prefix + [Span("{")])
                let keys = members.keys.sorted()
                for (index, key) in keys.enumerated() {
                    let keySpans = [Span("\"" + PrettyJSON.escaped(key) + "\"", theme.jsonKey), Span(": ")]
                    write(members[key]!, indent: indent + 2, prefix: keySpans, comma: index < keys.count - 1)
                }
                emit(indent, [Span("}")] + tail)
            default:
                emit(indent, prefix + [PrettyJSON.scalar(value, theme: theme)] + tail)
            }
        }
    }
}
