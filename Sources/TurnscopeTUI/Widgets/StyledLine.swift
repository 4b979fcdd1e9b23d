/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of a document: styled spans, drawn left to right and clipped at the edge.
public struct StyledLine: Sendable, Hashable {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    /// A line of one span.
    public init(_ text: String, _ style: Style = .plain) {
        spans = [Span(text, style)]
    }

    /// The line's text without styles (what `y` copies and search matches).
    public var plainText: String { spans.map(\.text).joined() }

    /// Appends a span.
    public mutating func append(_ text: String, _ style: Style = .plain) {
        spans.append(Span(text, style))
    }

    /// Draws the line at a row of `area`, starting `indent` columns in; returns columns used.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) -> Int {
        var used = 0
        for span in spans where used < width {
            used += buffer.write(span.text, x: x + used, y: y, style: span.style, maxWidth: width - used)
        }
        return used
    }
}
