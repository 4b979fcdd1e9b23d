import Testing
import TurnscopeModel
import TurnscopeTUI

@Suite("Trace tree screen")
struct TraceTreeScreenTests {
    /// The RAG trace of the sample: a chain with an embedding, a retriever and an LLM call inside it.
    static let ragTrace = "rag-helpdesk-1"
    /// A travel-bot turn: a rate-limited call, its retry, and two tools the retry asked for.
    static let tripTrace = "trip-planner-turn-3"

    @Test("shows the RAG trace as a tree with a waterfall at 80x24")
    func goldenRagNarrow() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TraceTreeScreen(traceId: Self.ragTrace))
        try Golden.check(browser.frame(), "tree-rag-80x24")
    }

    @Test("gives the waterfall more room at 160x48, errors and tools included")
    func goldenTripWide() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 160, height: 48, root: TraceTreeScreen(traceId: Self.tripTrace))
        try Golden.check(browser.frame(), "tree-trip-160x48")
    }

    @Test("a refactor-auth turn: an LLM call and the tools it asked for, at 80x24")
    func goldenRefactorNarrow() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TraceTreeScreen(traceId: "refactor-auth-turn-04"))
        try Golden.check(browser.frame(), "tree-refactor-80x24")
    }

    @Test("hostile names are shown as placeholders and an event as a single mark")
    func goldenHostile() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TraceTreeScreen(traceId: "hostile-terminal-paste"))
        let frame = browser.frame()
        try Golden.check(frame, "tree-hostile-80x24")
        #expect(!frame.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        let event = try #require(row(containing: "sanitizer-skipped", in: frame))
        #expect(barCells(of: event, in: frame).map(\.text).filter { $0 != " " } == ["◆"])
    }

    @Test("a child's bar starts at or after its parent's start and ends within its bounds")
    func childBarsNestInTheirParent() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        for (width, height) in [(80, 24), (160, 48)] {
            let browser = demo.browser(width: width, height: height, root: TraceTreeScreen(traceId: Self.ragTrace))
            let frame = browser.frame()
            let parent = try #require(bar(named: "rag-pipeline", in: frame))
            // The chain spans the whole trace: its bar fills the column.
            #expect(parent.lowerBound == 0)
            for child in ["embed-query", "vector-search", "llm   answer"] {
                let bar = try #require(self.bar(named: child, in: frame), "no bar for \(child)")
                #expect(bar.lowerBound >= parent.lowerBound, "\(child) starts before its parent at \(width)")
                #expect(bar.upperBound <= parent.upperBound, "\(child) ends after its parent at \(width)")
            }
            // Children come in time order, so their bars step to the right.
            let starts = ["embed-query", "vector-search", "llm   answer"].map { bar(named: $0, in: frame)?.lowerBound ?? -1 }
            #expect(starts == starts.sorted())
            #expect(starts.last! > starts.first!)
        }
    }

    @Test("the cursor starts on the focused observation; Enter on an LLM call opens its turn")
    func focusAndOpen() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(
            root: TraceTreeScreen(traceId: Self.tripTrace, focusedObservationId: "trip-planner-turn-3-tool-2"))
        let frame = browser.frame()
        let selected = try #require(row(containing: "search_flights", in: frame))
        #expect(frame[0, selected].style.reverse)
        #expect(browser.top.focusedText?.hasPrefix("trip-planner-turn-3-tool-2") == true)
        // Up twice: tool-1, then the retry that asked for both tools.
        DemoStore.press([.character("k"), .character("k"), .enter], on: browser)
        let turn = try #require(browser.top as? TurnDetailScreen)
        #expect(turn.turnId == "trip-planner-turn-3-gen-2")
    }

    @Test("Enter on a node with children folds and unfolds it; the cursor stays on it")
    func fold() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TraceTreeScreen(traceId: Self.ragTrace))
        #expect(browser.frame().text.contains("vector-search"))
        DemoStore.press([.enter], on: browser)
        var frame = browser.frame()
        #expect(!frame.text.contains("vector-search"))
        let chain = try #require(row(containing: "rag-pipeline", in: frame))
        #expect(frame.line(chain).contains("▸ chain rag-pipeline +3"))
        #expect(frame[0, chain].style.reverse)
        DemoStore.press([.character(" ")], on: browser)
        frame = browser.frame()
        #expect(frame.text.contains("vector-search"))
        #expect(frame.text.contains("▾ chain rag-pipeline"))
    }

    @Test("a running trace grows on screen: an open bar, then the new child")
    func runningTraceGrows() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let start = DemoStore.now.adding(seconds: -60)
        try demo.write([
            .trace(TraceRecord(id: "live-trace", name: "live agent", sessionId: "live", timestamp: start)),
            .observation(ObservationRecord(id: "live-agent", traceId: "live-trace", kind: .agent, name: "planner", startTime: start)),
            .observation(
                ObservationRecord(
                    id: "live-step", traceId: "live-trace", parentId: "live-agent", kind: .span, name: "step-1",
                    startTime: start.adding(seconds: 1), endTime: start.adding(seconds: 5))),
        ])
        let browser = demo.browser(root: TraceTreeScreen(traceId: "live-trace"))
        var frame = browser.frame()
        let agent = try #require(row(containing: "planner", in: frame))
        #expect(frame.line(agent).contains("running"))
        #expect(frame.line(agent).hasSuffix("░"))
        #expect(!frame.text.contains("step-2"))
        try demo.write([
            .observation(
                ObservationRecord(
                    id: "live-step-2", traceId: "live-trace", parentId: "live-agent", kind: .tool, name: "step-2",
                    startTime: start.adding(seconds: 6), endTime: start.adding(seconds: 8)))
        ])
        #expect(browser.refresh(now: DemoStore.now))
        frame = browser.frame()
        #expect(frame.text.contains("step-2"))
        #expect(frame.text.contains("3 observations"))
    }

    // MARK: Reading the frame

    /// The first screen row whose text contains `text`.
    func row(containing text: String, in frame: ScreenBuffer) -> Int? {
        (0..<frame.height).first { frame.line($0).contains(text) }
    }

    /// The waterfall column: from the axis's `0` to the right edge, found on the heading row.
    func barColumn(in frame: ScreenBuffer) -> Range<Int> {
        let heading = (0..<frame.height).first { frame.line($0).contains("Observation") } ?? 0
        // The heading is ASCII up to the axis, so characters are columns there.
        let text = frame.line(heading)
        let costEnd = text.range(of: "Cost").map { text.distance(from: text.startIndex, to: $0.upperBound) } ?? 0
        let zero = (costEnd..<frame.width).first { frame[$0, heading].text == "0" } ?? costEnd
        return zero..<frame.width
    }

    /// The bar of the row naming `name`.
    func bar(named name: String, in frame: ScreenBuffer) -> ClosedRange<Int>? {
        row(containing: name, in: frame).flatMap { extent(of: $0, in: frame) }
    }

    func barCells(of row: Int, in frame: ScreenBuffer) -> [Cell] {
        barColumn(in: frame).map { frame[$0, row] }
    }

    /// The cells a row's bar covers, relative to the column's left edge.
    func extent(of row: Int, in frame: ScreenBuffer) -> ClosedRange<Int>? {
        let cells = barCells(of: row, in: frame)
        guard let first = cells.firstIndex(where: { $0.text != " " }),
            let last = cells.lastIndex(where: { $0.text != " " })
        else { return nil }
        return first...last
    }
}
