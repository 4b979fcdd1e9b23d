import TurnscopeModel

/// A document being built for the turn detail: styled lines, an anchor per line, and the plain
/// text each block stands for (what `y` copies and `o` pages).
///
/// Anchors are stable across rebuilds so the cursor stays put when a fold above it opens: a fold's
/// toggle line is `fold:ID`, and the k-th line of a block is `BLOCK#k`. Every line starts with a
/// two-column gutter that marks what is new in this turn.
struct DetailDocument {
    /// Lines of a closed capped value before its "… N more lines" line.
    static let capShown = 10
    /// A value up to this many lines is shown whole.
    static let cap = 12
    /// Even an expanded value stops here; the rest is for `o` ($PAGER).
    static let expandedLimit = 2_000

    let width: Int
    let theme: Theme
    /// Search words to highlight.
    let terms: [String]
    let folds: FoldState

    private(set) var lines: [StyledLine] = []
    private(set) var anchors: [String?] = []
    /// The whole plain text of each block and fold, by id.
    private(set) var texts: [String: String] = [:]
    /// The first line showing a search match.
    private(set) var firstMatch: Int?
    /// Closed folds that hide a search match.
    private(set) var foldsHidingMatches: Set<String> = []
    /// Where the cursor lands when the turn opens (the prompt's first line).
    var landing: Int?
    /// The gutter drawn before every line appended next (`+ ` on new messages).
    var gutter = Span("  ")
    private var lineCounts: [String: Int] = [:]

    init(width: Int, theme: Theme, terms: [String], folds: FoldState) {
        self.width = max(16, width)
        self.theme = theme
        self.terms = terms
        self.folds = folds
    }

    /// Columns left for content after the gutter and `indent`.
    func available(indent: Int) -> Int { max(8, width - 2 - indent) }

    /// Appends a line of a block.
    mutating func append(_ spans: [Span], block: String?) {
        var line = StyledLine([gutter])
        line.spans += spans
        if let block {
            let k = lineCounts[block, default: 0]
            lineCounts[block] = k + 1
            anchors.append("\(block)#\(k)")
        } else {
            anchors.append(nil)
        }
        lines.append(line)
    }

    /// Appends an empty line.
    mutating func blank() {
        let saved = gutter
        gutter = Span("  ")
        append([], block: nil)
        gutter = saved
    }

    /// Appends a section title ("Prompt", "Usage").
    mutating func title(_ text: String, detail: String? = nil) {
        var spans = [Span(text, theme.title)]
        if let detail { spans.append(Span("  " + detail, theme.dimmed)) }
        append(spans, block: nil)
    }

    /// Appends the toggle line of a fold: `▸ label — Enter to unfold`, or `▾` when open.
    mutating func foldLine(_ id: String, indent: Int = 0, label: [Span], hidden text: String) {
        let open = folds.isOpen(id)
        var spans = [Span(String(repeating: " ", count: indent)), Span(open ? "▾ " : "▸ ", theme.header)]
        spans += label
        spans.append(Span(open ? " — Enter to fold" : " — Enter to unfold", theme.dimmed))
        appendToggle(id, spans: spans, text: text, hidesMatch: !open && matches(text))
    }

    /// Appends a line that Enter toggles the fold `id` on.
    mutating func appendToggle(_ id: String, spans: [Span], text: String, hidesMatch: Bool) {
        texts["fold:" + id] = text
        if hidesMatch { foldsHidingMatches.insert(id) }
        lines.append(StyledLine([gutter] + spans))
        anchors.append("fold:" + id)
    }

    /// Records the plain text a block stands for.
    mutating func setText(_ text: String, for block: String) { texts[block] = text }

    /// Whether `text` holds a search word.
    func matches(_ text: String) -> Bool { !terms.isEmpty && Highlight.matches(text, terms: terms) }

    /// Appends already laid-out text as lines of `block`, highlighting search words.
    mutating func appendLaidOut(_ laid: [String], block: String, indent: Int, style: Style) -> Bool {
        let pad = Span(String(repeating: " ", count: indent))
        var matched = false
        for text in laid {
            var spans = [pad]
            for (piece, isMatch) in Highlight.split(text, terms: terms) {
                spans.append(Span(piece, isMatch ? theme.highlight : style))
                if isMatch {
                    matched = true
                    if firstMatch == nil { firstMatch = lines.count }
                }
            }
            append(spans, block: block)
        }
        return matched
    }

    /// Appends styled lines (pretty JSON) as lines of `block`, highlighting search words in them.
    mutating func appendStyled(_ styled: [StyledLine], block: String, indent: Int) -> Bool {
        let pad = Span(String(repeating: " ", count: indent))
        var matched = false
        for line in styled {
            var spans = [pad]
            for span in line.spans {
                for (piece, isMatch) in Highlight.split(span.text, terms: terms) {
                    spans.append(Span(piece, isMatch ? theme.highlight : span.style))
                    if isMatch {
                        matched = true
                        if firstMatch == nil { firstMatch = lines.count }
                    }
                }
            }
            append(spans, block: block)
        }
        return matched
    }
}
