import Foundation
import Testing
import TurnscopeModel
import TurnscopeStore
import TurnscopeTUI

@Suite("Turn detail screen")
struct TurnDetailScreenTests {
    /// Turn 4 of the long agent session: two new messages (a Read call and its result), a
    /// completion with text and two Read calls whose results came back as tool spans.
    static let agentTurn = "refactor-auth-turn-04-gen"
    /// Turn 8: a Bash call and its short result are new.
    static let shortTurn = "refactor-auth-turn-08-gen"

    // MARK: - Golden screens

    @Test("an agent turn with tool calls and new messages at 80x24 and 160x48")
    func goldenAgentTurn() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        try Golden.check(demo.browser(root: TurnDetailScreen(turnId: Self.agentTurn)).frame(), "turn-agent-80x24")
        try Golden.check(
            demo.browser(width: 160, height: 48, root: TurnDetailScreen(turnId: Self.agentTurn)).frame(), "turn-agent-160x48")
    }

    @Test("hostile text shows placeholders and never an escape byte")
    func goldenHostile() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnDetailScreen(turnId: "hostile-terminal-paste-gen"))
        let frame = browser.frame()
        try Golden.check(frame, "turn-hostile-80x24")
        #expect(frame.text.contains("␛["))
        #expect(frame.text.contains("␛]0;pwned␇"))
        #expect(frame.text.contains("日本語のテスト"))
        let controls = frame.cells.filter { $0.text.unicodeScalars.contains { TerminalText.isControl($0) } }
        #expect(controls.isEmpty)
        // The whole document, raw view included, stays clean when everything is expanded.
        let tall = demo.browser(width: 80, height: 200, root: TurnDetailScreen(turnId: "hostile-terminal-paste-gen"))
        DemoStore.press([.character("e")], on: tall)
        #expect(!tall.frame().cells.contains { $0.text.unicodeScalars.contains { TerminalText.isControl($0) } })
        DemoStore.press([.character("r")], on: tall)
        #expect(tall.top is RawRecordScreen)
        #expect(!tall.frame().cells.contains { $0.text.unicodeScalars.contains { TerminalText.isControl($0) } })
    }

    @Test("a failed call: the error stands out and there is no completion")
    func goldenError() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let frame = demo.browser(root: TurnDetailScreen(turnId: "fix-ci-turn-1-gen")).frame()
        try Golden.check(frame, "turn-error-80x24")
        let errorRow = (0..<frame.height).first { frame.line($0).contains("✗ ERROR") }
        let row = try #require(errorRow)
        #expect(frame.line(row).contains("API Error: 529"))
        let label = try #require(frame.line(row).range(of: "✗ ERROR"))
        let column = frame.line(row).distance(from: frame.line(row).startIndex, to: label.lowerBound)
        #expect(frame[column, row].style == Theme().error.reversed)
        #expect(frame.text.contains("no completion: the call failed"))
    }

    // MARK: - What is new in this turn

    @Test("the new-in-this-turn marker is exactly on the messages the previous turn did not send")
    func newMarker() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        for id in ["refactor-auth-turn-02-gen", Self.shortTurn, "refactor-auth-turn-32-gen", "trip-planner-turn-2-gen"] {
            let detail = try #require(try demo.store.turn(id: id))
            let previousId = try #require(detail.previousTurnId)
            let previous = try #require(try demo.store.turn(id: previousId))
            let sentBefore = previous.observation.input?.messages ?? []
            let messages = try #require(detail.observation.input?.messages)
            let expected = messages.map { !sentBefore.contains($0) }
            #expect(expected.contains(true), "\(id) has something new")

            let browser = demo.browser(width: 100, height: 3_000, root: TurnDetailScreen(turnId: id))
            DemoStore.press([.character("e")], on: browser)
            let headers = Self.messageHeaders(in: browser.frame())
            #expect(headers.map(\.isNew) == expected, "\(id)")
            #expect(headers.map(\.role) == messages.map(\.role.rawValue), "\(id)")
        }
    }

    @Test("the first turn of a session marks nothing new and folds no history")
    func firstTurnHasNoMarker() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 100, height: 400, root: TurnDetailScreen(turnId: "refactor-auth-turn-01-gen"))
        let frame = browser.frame()
        #expect(!frame.text.contains("repeated from earlier turns"))
        #expect(Self.messageHeaders(in: frame).allSatisfy { !$0.isNew })
        #expect(frame.text.contains("▸ system ("))
    }

    @Test("the repeated history is one folded line that Enter unfolds and folds again")
    func historyFold() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnDetailScreen(turnId: Self.shortTurn))
        let folded = browser.frame()
        let foldRow = try #require((0..<folded.height).first { folded.line($0).contains("▸ 14 messages repeated from earlier turns — Enter to unfold") })
        #expect(folded[0, foldRow].text == "▌", "the turn opens with the cursor on the fold")
        #expect(!folded.text.contains("Refactor the auth module"))
        // `y` copies what the fold hides.
        #expect(browser.top.focusedText?.contains("Refactor the auth module") == true)

        DemoStore.press([.enter], on: browser)
        let open = browser.frame()
        #expect(open.text.contains("▾ 14 messages repeated from earlier turns — Enter to fold"))
        #expect(open.text.contains("Refactor the auth module"))
        #expect(open.text.contains("▸ system (1,262 chars) — Enter to unfold"))

        DemoStore.press([.enter], on: browser)
        #expect(browser.frame().text.contains("▸ 14 messages repeated from earlier turns"))
    }

    // MARK: - Large values

    @Test("a long tool result shows its first lines and \"more lines\"; Enter on that line expands it")
    func longResultExpands() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 80, height: 30, root: TurnDetailScreen(turnId: Self.agentTurn))
        let capped = browser.frame()
        let row = try #require((0..<capped.height).first { capped.line($0).contains("… 15 more lines — Enter to expand") })
        #expect(!capped.text.contains("11→"))
        _ = browser.handle(.mouse(MouseEvent(action: .press, x: 10, y: row)))
        DemoStore.press([.enter], on: browser)
        let expanded = browser.frame()
        #expect(!expanded.text.contains("15 more lines"))
        // Reading goes on where the cap was.
        #expect(expanded[0, row].text == "▌")
        #expect(expanded.line(row).contains("11→"))

        let tall = demo.browser(width: 80, height: 400, root: TurnDetailScreen(turnId: Self.agentTurn))
        let tallFrame = tall.frame()
        let capRow = try #require((0..<tallFrame.height).first { tallFrame.line($0).contains("… 15 more lines") })
        _ = tall.handle(.mouse(MouseEvent(action: .doublePress, x: 10, y: capRow)))
        #expect(tall.frame().text.contains("▴ 25 lines — Enter to collapse"))
        #expect(tall.frame().text.contains("    25→"))
    }

    @Test("e expands every fold and cap, and collapses them again")
    func expandAll() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 80, height: 1_000, root: TurnDetailScreen(turnId: Self.agentTurn))
        #expect(browser.frame().text.contains("Enter to expand"))
        DemoStore.press([.character("e")], on: browser)
        let open = browser.frame().text
        #expect(!open.contains("Enter to expand"))
        #expect(!open.contains("Enter to unfold"))
        #expect(open.contains("You are a coding agent"))
        DemoStore.press([.character("e")], on: browser)
        #expect(browser.frame().text.contains("▸ 6 messages repeated from earlier turns"))
    }

    @Test("a huge value is capped without being laid out whole, and stops at a limit when expanded")
    func hugeValue() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        let huge = (1...200_000).map { "line \($0) of a very long tool result" }.joined(separator: "\n")
        try demo.write(Self.toolSession(results: ["call_1": huge]))
        let browser = demo.browser(width: 80, height: 60, root: TurnDetailScreen(turnId: "t2"))
        let frame = browser.frame()
        let row = try #require((0..<frame.height).first { frame.line($0).contains("… 199,990 more lines — Enter to expand") })
        _ = browser.handle(.mouse(MouseEvent(action: .press, x: 10, y: row)))
        #expect(browser.top.focusedText?.hasSuffix("line 200000 of a very long tool result") == true, "y copies the whole value")
        DemoStore.press([.character("e")], on: browser)
        DemoStore.press([.character("G")], on: browser)
        #expect(browser.frame().text.contains("more lines — o opens it all in $PAGER"))
    }

    @Test("a turn known only from an agent's log events shows the user's prompt from its trace")
    func promptFromTheTrace() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        let start = Timestamp(iso8601: "2026-11-22T10:00:00Z")!
        try demo.write([
            .trace(TraceRecord(id: "prompt-1", sessionId: "cc", input: .messages([.text(.user, "fix the failing test")]))),
            .observation(
                ObservationRecord(
                    id: "events:claude-code:req_1", traceId: "prompt-1", kind: .generation, startTime: start,
                    endTime: start, model: "claude-sonnet-4-5", output: .messages([.text(.assistant, "Looking.")]),
                    usage: Usage(input: 3, output: 4))),
        ])
        let text = demo.browser(width: 100, height: 30, root: TurnDetailScreen(turnId: "events:claude-code:req_1")).frame().text
        #expect(text.contains("the user's prompt only"))
        #expect(text.contains("fix the failing test"))
        #expect(!text.contains("no prompt recorded"))
    }

    @Test("the tools a request offered are listed by name, their definitions folded")
    func toolsOffered() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        let start = Timestamp(iso8601: "2026-11-22T10:00:00Z")!
        let tools = [
            ToolDefinition(name: "Bash", description: "Run a shell command.\nMore text.", parameters: ["type": "object"]),
            ToolDefinition(name: "Read", description: "Read a file \u{1B}[31mred", parameters: ["type": "object"]),
        ]
        try demo.write([
            .trace(TraceRecord(id: "tr", sessionId: "s")),
            .observation(
                ObservationRecord(
                    id: "g", traceId: "tr", kind: .generation, startTime: start, model: "claude-sonnet-4-5",
                    input: .messages([.text(.user, "hi")]), toolDefinitions: tools)),
        ])
        let browser = demo.browser(width: 100, height: 80, root: TurnDetailScreen(turnId: "g"))
        let text = browser.frame().text
        #expect(text.contains("Tools offered  2 tools"))
        #expect(text.contains("Bash  Run a shell command."))
        #expect(!text.contains("More text."))
        #expect(!browser.frame().cells.contains { $0.text.unicodeScalars.contains { TerminalText.isControl($0) } })
    }

    @Test("how the answer came and ended is one line under the status, hostile text included")
    func answerFacts() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        let start = Timestamp(iso8601: "2026-11-22T10:00:00Z")!
        func call(_ id: String, _ metadata: JSONValue?) -> Record {
            .observation(
                ObservationRecord(
                    id: id, traceId: "tr", kind: .generation, startTime: start, endTime: start, model: "claude-sonnet-4-5",
                    input: .messages([.text(.user, "hi")]), metadata: metadata))
        }
        try demo.write([
            .trace(TraceRecord(id: "tr", sessionId: "s")),
            call("wire", ["finishReason": "tool_use", "stream": true, "provider": "anthropic", "httpStatus": 200, "responseId": "msg_01"]),
            call("plain", nil),
            call("hostile", ["finishReason": "stop\u{1B}]0;pwned\u{07}"]),
        ])
        let wire = demo.browser(width: 100, height: 30, root: TurnDetailScreen(turnId: "wire")).frame()
        let row = try #require((0..<wire.height).first { wire.line($0).contains("✓ ok") })
        #expect(wire.line(row + 1).contains("finish tool_use · streamed · provider anthropic · HTTP 200 · id msg_01"))
        let plain = demo.browser(width: 100, height: 30, root: TurnDetailScreen(turnId: "plain")).frame()
        #expect(!plain.text.contains("finish "))
        let hostile = demo.browser(width: 100, height: 30, root: TurnDetailScreen(turnId: "hostile")).frame()
        #expect(hostile.text.contains("finish stop␛]0;pwned␇"))
        #expect(!hostile.cells.contains { $0.text.unicodeScalars.contains { TerminalText.isControl($0) } })
    }

    // MARK: - Tool calls and results

    @Test("tool calls pair with results from the next turn's prompt, else say there is none yet")
    func pairingFromNextTurn() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        try demo.write(Self.toolSession(results: ["call_1": "42 files changed"]))
        let first = demo.browser(width: 80, height: 100, root: TurnDetailScreen(turnId: "t1")).frame().text
        #expect(first.contains("⚙ Bash {\"command\": \"git status\"}"))
        #expect(first.contains("↳ result · sent in turn 2"))
        #expect(first.contains("42 files changed"))
        #expect(first.contains("⚙ Read {\"path\": \"README.md\"}"))
        #expect(first.contains("↳ no result yet"))
    }

    @Test("a new tool result whose call the unread history made is still labelled with the call's tool")
    func resultOfAHistoryCall() throws {
        let demo = try DemoStore(sample: false)
        defer { demo.remove() }
        // Turn 2 already sent the calls; turn 3 sends only the result as new.
        let calls = Message(role: .assistant, parts: [.toolCall(ToolCall(id: "call_1", name: "Bash", arguments: ["command": "ls"]))])
        let ask = Message.text(.user, "What is here?")
        let result = Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_1", content: "README.md"))])
        func turn(_ id: String, _ seconds: Double, _ input: [Message]) -> Record {
            let at = Timestamp(iso8601: "2026-11-22T10:00:00Z")!.adding(seconds: seconds)
            return .observation(
                ObservationRecord(
                    id: id, traceId: "tr", kind: .generation, startTime: at, endTime: at, model: "gpt-4o",
                    input: .messages(input), output: .messages([.text(.assistant, "ok")])))
        }
        try demo.write([
            .trace(TraceRecord(id: "tr", sessionId: "history-calls", timestamp: Timestamp(iso8601: "2026-11-22T10:00:00Z"))),
            turn("h1", 0, [ask]), turn("h2", 5, [ask, calls]), turn("h3", 10, [ask, calls, result]),
        ])
        let text = demo.browser(width: 80, height: 60, root: TurnDetailScreen(turnId: "h3")).frame().text
        #expect(text.contains("▸ 2 messages repeated from earlier turns"))
        #expect(text.contains("↳ Bash result"))
    }

    // MARK: - Keys

    @Test("] and [ step to the next and previous turn of the session")
    func stepping() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnDetailScreen(turnId: Self.shortTurn))
        DemoStore.press([.character("]")], on: browser)
        let next = try #require(browser.top as? TurnDetailScreen)
        #expect(next.turnId == "refactor-auth-turn-09-gen")
        #expect(browser.frame().line(0).contains("Turn 9"))
        #expect(browser.stack.count == 1, "stepping replaces the screen")
        DemoStore.press([.character("["), .character("[")], on: browser)
        #expect((browser.top as? TurnDetailScreen)?.turnId == "refactor-auth-turn-07-gen")

        let last = demo.browser(root: TurnDetailScreen(turnId: "refactor-auth-turn-47-gen"))
        DemoStore.press([.character("]")], on: last)
        #expect((last.top as? TurnDetailScreen)?.turnId == "refactor-auth-turn-47-gen")
        #expect(last.frame().text.contains("the session's last"))
    }

    @Test("r shows the record as raw native JSON; t opens the trace timeline on this turn")
    func rawAndTimeline() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnDetailScreen(turnId: Self.shortTurn))
        DemoStore.press([.character("r")], on: browser)
        #expect(browser.top is RawRecordScreen)
        let raw = browser.frame().text
        #expect(raw.contains("\"id\": \"refactor-auth-turn-08-gen\""))
        let text = try #require(browser.top.focusedText)
        let parsed = try JSONText.parse(text)
        #expect(parsed["inputMessages"]?.arrayValue?.count == 16)
        #expect(parsed["type"] == .string("observation"))
        DemoStore.press([.character("q"), .character("t")], on: browser)
        let tree = try #require(browser.top as? TraceTreeScreen)
        #expect(tree.traceId == "refactor-auth-turn-08")
    }

    @Test("the help and the footer list the turn's keys")
    func helpListsKeys() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(root: TurnDetailScreen(turnId: Self.shortTurn))
        let footer = browser.frame().line(23)
        for key in ["Enter fold", "e expand all", "q back", "] next turn", "r raw JSON", "t timeline"] {
            #expect(footer.contains(key), "footer lacks \(key)")
        }
        DemoStore.press([.character("?")], on: browser)
        let help = browser.frame().text
        #expect(help.contains("previous turn"))
    }

    @Test("on a wide terminal the conversation and the completion sit side by side; Tab moves the cursor")
    func panes() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser(width: 160, height: 48, root: TurnDetailScreen(turnId: Self.agentTurn))
        let cursorColumns = { (frame: ScreenBuffer) in
            Set((0..<frame.height).flatMap { y in [0, 80].filter { frame[$0, y].text == "▌" } })
        }
        #expect(cursorColumns(browser.frame()) == [0])
        #expect(browser.top.focusedText?.contains("Refactor the auth module") == true)
        DemoStore.press([.tab], on: browser)
        #expect(cursorColumns(browser.frame()) == [80])
        DemoStore.press([.character("j"), .character("j")], on: browser)
        #expect(browser.top.focusedText == "Let me check the settings and what the package exports.")
        DemoStore.press([.tab], on: browser)
        #expect(cursorColumns(browser.frame()) == [0])
    }

    // MARK: - Cost and search

    @Test("an unpriced model's cost reads as unknown, never $0")
    func unknownCost() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let frame = demo.browser(width: 80, height: 60, root: TurnDetailScreen(turnId: "local-llama-podman-gen")).frame().text
        #expect(frame.contains("cost unknown"))
        #expect(frame.contains("no price for my-local-llama"))
        #expect(frame.contains("unknown"))
        #expect(!frame.contains("$0"))
    }

    @Test("a client-reported cost says so; a computed one names its price entry")
    func costSources() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let client = demo.browser(width: 80, height: 200, root: TurnDetailScreen(turnId: "trip-planner-turn-1-gen")).frame().text
        #expect(client.contains("cost reported by the client"))
        #expect(client.contains("$0.0029"))
        let computed = demo.browser(width: 80, height: 200, root: TurnDetailScreen(turnId: Self.agentTurn)).frame().text
        #expect(computed.contains("cost computed with price entry claude-sonnet-4-5"))
        #expect(computed.contains("cache read            15,449    $0.0046"))
    }

    @Test("a search opens the turn with its words highlighted and the cursor on the first match")
    func searchHighlight() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = Self.browser(demo, searching: "fakeredis", turn: "refactor-auth-turn-17-gen")
        let frame = browser.frame()
        let row = try #require(Self.highlightedRows(frame).first)
        let marked = (0..<frame.width).filter { frame[$0, row].style == Theme().highlight }.map { frame[$0, row].text }.joined()
        #expect(marked.lowercased() == "fakeredis")
        #expect(frame[0, row].text == "▌", "the cursor is on the match")
        #expect(frame.line(row).contains("I'll swap in fakeredis"))
    }

    @Test("a match inside the folded history opens the fold to show it")
    func searchOpensFold() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = Self.browser(demo, searching: "hunter2", turn: "hostile-terminal-paste-gen")
        #expect(!Self.highlightedRows(browser.frame()).isEmpty)
        let hidden = Self.browser(demo, searching: "process-local", turn: Self.agentTurn)
        let frame = hidden.frame()
        let row = try #require(Self.highlightedRows(frame).first)
        #expect(frame[0, row].text == "▌")
        #expect(frame.line(row).contains("process-local"), "the match came out of the repeated history")
    }

    @Test("/ then Enter on a hit opens its turn with the match highlighted")
    func searchFromPrompt() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let browser = demo.browser()
        DemoStore.press([.character("/")] + DemoStore.typing("podman") + [.enter, .enter], on: browser)
        #expect(browser.top is TurnDetailScreen)
        let frame = browser.frame()
        let row = try #require(Self.highlightedRows(frame).first)
        #expect(frame[0, row].text == "▌")
    }

    // MARK: - Preview

    @Test("the turns list previews the selected turn on wide terminals")
    func preview() throws {
        let demo = try DemoStore()
        defer { demo.remove() }
        let frame = demo.browser(width: 160, height: 48, root: TurnsScreen(sessionId: "sess-refactor-auth")).frame()
        let right = (0..<frame.height).map { y in (93..<frame.width).map { frame[$0, y].text }.joined() }.joined(separator: "\n")
        #expect(right.contains("Turn 47"))
        #expect(right.contains("claude-sonnet-4-5-20250929"))
        #expect(right.contains("New in this turn"))
        #expect(right.contains("Completion"))
        #expect(right.contains("POST /auth/refresh"))
    }

    // MARK: - Helpers

    /// A browser on `turn` after a search for `query`, as `n` from the search results opens it.
    static func browser(_ demo: DemoStore, searching query: String, turn: String) -> Browser {
        let context = BrowserContext(store: demo.store, theme: Theme(usesColor: true), now: DemoStore.now)
        context.search = SearchState(query: query, hits: [])
        return Browser(context: context, root: TurnDetailScreen(turnId: turn), width: 80, height: 24)
    }

    /// Rows with a highlighted cell, top first.
    static func highlightedRows(_ frame: ScreenBuffer) -> [Int] {
        (0..<frame.height).filter { y in (0..<frame.width).contains { frame[$0, y].style == Theme().highlight } }
    }

    /// The message header lines of the prompt (role, and whether it is marked new), read from a
    /// frame: a header starts right after the two-column gutter, its body is indented deeper.
    static func messageHeaders(in frame: ScreenBuffer) -> [(role: String, isNew: Bool)] {
        var headers: [(String, Bool)] = []
        let pattern = /^(?:[▸▾] )?(system|developer|user|assistant|tool)(?: · \S+)?(?: \([\d,]+ chars?\))?(  NEW)?(?: — Enter to (?:un)?fold)?$/
        for y in 0..<frame.height {
            let line = frame.line(y)
            if line.dropFirst(3).hasPrefix("Completion") { break }
            let content = String(line.dropFirst(3))
            guard let match = content.wholeMatch(of: pattern) else { continue }
            let gutter = line.dropFirst().prefix(2)
            let isNew = match.output.2 != nil
            #expect((gutter == "+ ") == isNew, "gutter and NEW tag disagree on: \(line)")
            headers.append((String(match.output.1), isNew))
        }
        return headers
    }

    /// A two-turn session: turn 1 asks for Bash (`call_1`) and Read (`call_2`); turn 2's prompt
    /// sends back the results given.
    static func toolSession(results: [String: String]) -> [Record] {
        let start = Timestamp(iso8601: "2026-11-22T10:00:00Z")!
        let calls = Message(
            role: .assistant,
            parts: [
                .toolCall(ToolCall(id: "call_1", name: "Bash", arguments: ["command": "git status"])),
                .toolCall(ToolCall(id: "call_2", name: "Read", arguments: ["path": "README.md"])),
            ])
        let ask = Message.text(.user, "What changed?")
        let answers = results.sorted { $0.key < $1.key }.map { Message(role: .tool, parts: [.toolResult(ToolResult(callId: $0.key, content: $0.value))]) }
        return [
            .trace(TraceRecord(id: "tr", sessionId: "tools", timestamp: start)),
            .observation(
                ObservationRecord(
                    id: "t1", traceId: "tr", kind: .generation, startTime: start, endTime: start, model: "gpt-4o",
                    input: .messages([ask]), output: .messages([calls]))),
            .observation(
                ObservationRecord(
                    id: "t2", traceId: "tr", kind: .generation, startTime: Timestamp(iso8601: "2026-11-22T10:00:05Z"),
                    endTime: Timestamp(iso8601: "2026-11-22T10:00:06Z"), model: "gpt-4o",
                    input: .messages([ask, calls] + answers), output: .messages([.text(.assistant, "Done.")]))),
        ]
    }
}
