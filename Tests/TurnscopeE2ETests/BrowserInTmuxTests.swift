import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `turnscope` binary in a real terminal (tmux): what a user sees and types.
///
/// Serialized: each test starts a tmux server and a browser, and the machine that runs the suite
/// is often busy building; one at a time keeps the waits short and the failures readable.
@Suite("the browser in a real terminal", .serialized)
struct BrowserInTmuxTests {
    /// `turnscope demo` opens on the sample sessions with its collector in the header, quits on
    /// `q`, and deletes its temporary database.
    @Test func demoOpensOnTheSampleSessionsAndCleansUp() throws {
        let tmux = try TmuxSession()
        try tmux.start(["demo"])
        let screen = try tmux.waitFor("Refactor the auth module")
        #expect(screen.contains("turnscope › Sessions"))
        #expect(screen.contains("collector 127.0.0.1:"), "the header names where the embedded collector listens")
        #expect(screen.contains("How do I list only stopped containers"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
        let after = try tmux.capture()
        let line = try #require(after.split(separator: "\n").first { $0.hasPrefix("turnscope demo: ") }, "\(after)")
        let path = try #require(line.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(path.hasSuffix("demo.db"))
        #expect(!FileManager.default.fileExists(atPath: path), "the demo database is deleted on exit")
    }

    /// Sessions → the turns of sess-refactor-auth → one turn's detail, with Enter; `q` walks back.
    @Test func drillsIntoASessionAndATurn() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        try select(rowContaining: "Refactor the auth module", in: tmux)
        try tmux.send("Enter")
        let turns = try tmux.waitFor("the turns of sess-refactor-auth") {
            $0.contains("Sessions › Refactor the auth") && $0.contains("claude-sonnet-4-5")
        }
        #expect(turns.contains("Latency"), "the turns table has its columns:\n\(turns)")
        try tmux.send("Enter")
        let detail = try tmux.waitFor("a turn's detail") { $0.split(separator: "\n").first?.contains("› Turn") == true }
        #expect(!detail.contains("Latency   TTFT"), "the detail replaced the turns table:\n\(detail)")
        try tmux.send("q")
        try tmux.waitFor("back on the turns") { $0.split(separator: "\n").first?.contains("› Turn") == false && $0.contains("TTFT") }
        try tmux.send("q")
        try tmux.waitFor("back on the sessions") { screen in
            let header = screen.split(separator: "\n").first ?? ""
            return header.contains("turnscope › Sessions") && !header.contains("Sessions ›")
        }
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `/` searches message text; the hits are listed; Enter opens the turn where the match is.
    @Test func searchListsHitsAndOpensTheMatch() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        try tmux.send("/")
        try tmux.waitFor("Search: ")
        try tmux.type("containers")
        try tmux.send("Enter")
        let hits = try tmux.waitFor("the hits for containers") { $0.contains("matches for “containers”") }
        #expect(hits.contains("How do I list only stopped containers with podman?"), "the hit shows its text:\n\(hits)")
        try tmux.send("Enter")
        let match = try tmux.waitFor("the turn of the first hit") { $0.split(separator: "\n").first?.contains("Search › Turn") == true }
        let body = match.split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(body.contains("stopped containers"), "the opened turn shows the matched text:\n\(match)")
        try tmux.send("n")
        try tmux.waitFor("the next match") { $0.contains("match 2 of 2") }
        try tmux.send("C-c")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Resizing redraws the whole screen at the new size: what is on screen afterwards is exactly
    /// what a browser started at that size draws, so nothing of the old layout is left behind.
    @Test(arguments: [(80, 24), (160, 48)])
    func resizeRedrawsAtTheNewSize(width: Int, height: Int) throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database], width: 100, height: 30)
        try tmux.waitFor("Refactor the auth module")
        try tmux.resize(width: width, height: height)
        let fresh = try TmuxSession()
        try fresh.start(["view", "--db", database], width: width, height: height)
        let expected = try fresh.waitFor("Refactor the auth module")
        let resized = try tmux.waitFor("the resized screen to match a fresh one at \(width)x\(height)") { $0 == expected }
        let rows = resized.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count >= height, "\(rows.count) rows")
        #expect(rows.allSatisfy { $0.count <= width })
        #expect(rows[height - 1].contains("Enter open"), "the footer is on the last row:\n\(resized)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Live tail: a session imported by another process while the browser is open appears on
    /// screen without a key press.
    @Test func sessionImportedByAnotherProcessAppears() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        let marker = "Livetail\(UUID().uuidString.prefix(6))"
        let file = tmux.path("live.jsonl")
        try Data(Self.liveRecords(session: "sess-e2e-import", text: "\(marker) arrived while watching").utf8)
            .write(to: URL(fileURLWithPath: file))
        let result = try tmux.turnscope(["import", "--db", database, file])
        try #require(result.status == 0, "\(result.output)")
        try tmux.waitFor(marker)
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `turnscope` alone: the embedded collector's port is in the header, and a record posted to
    /// it shows up on screen.
    @Test func recordPostedToTheEmbeddedCollectorAppears() async throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        // gRPC on a free port, never the default 4317 another test or a real collector may hold.
        try tmux.start(["--db", database, "--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:0"], width: 140)
        let screen = try tmux.waitFor("the collector's address in the header") {
            $0.range(of: #"collector 127\.0\.0\.1:[1-9][0-9]* · gRPC :[1-9][0-9]*"#, options: .regularExpression) != nil
        }
        let header = String(screen.prefix { $0 != "\n" })
        let address = try #require(header.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression).map { header[$0] })
        let marker = "Posted\(UUID().uuidString.prefix(6))"
        var request = URLRequest(url: URL(string: "http://\(address)/api/turnscope/records")!)
        request.httpMethod = "POST"
        request.setValue("application/x-ndjson", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(Self.liveRecords(session: "sess-e2e-posted", text: "\(marker) over HTTP").utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        #expect((200..<300).contains(status), "\(status): \(String(decoding: body, as: UTF8.self))")
        try tmux.waitFor(marker)
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Langfuse keys without a host: the browser opens, the header says the mirror is off and the
    /// footer says why, once; `--mirror` makes the same environment a start-up error.
    @Test func keysWithoutAHostKeepTheMirrorOffAndSayWhy() throws {
        let tmux = try TmuxSession()
        tmux.extraEnvironment = ["LANGFUSE_PUBLIC_KEY": "pk-lf-e2e-0123456789", "LANGFUSE_SECRET_KEY": "sk-lf-e2e-9876543210"]
        let database = try tmux.sampleDatabase()
        try tmux.start(["--db", database, "--listen", "127.0.0.1:0", "--no-grpc"], width: 140)
        let screen = try tmux.waitFor("Refactor the auth module")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("mirror off") == true, "\(screen)")
        #expect(screen.contains("no default destination"), "\(screen)")
        #expect(!screen.contains("sk-lf-e2e"))
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)

        let refused = try tmux.turnscope(["--db", database, "--listen", "127.0.0.1:0", "--no-grpc", "--mirror"])
        #expect(refused.status != 0)
        #expect(refused.output.contains("--mirror: LANGFUSE_HOST (or LANGFUSE_BASE_URL) is not set"), "\(refused.output)")
    }

    /// The browser follows the coding agents' transcripts under its HOME: a Claude Code session
    /// written while it runs appears in the list, and the header says the agents are followed;
    /// `--no-agents` says they are not.
    @Test func aClaudeCodeSessionWrittenWhileTheBrowserRunsAppearsInIt() throws {
        let tmux = try TmuxSession()
        try tmux.start(["--db", tmux.path("agents.db"), "--listen", "127.0.0.1:0", "--no-grpc"], width: 140)
        let opened = try tmux.waitFor("the header") { $0.contains("agents on") }
        #expect(opened.split(separator: "\n").first?.contains("agents on") == true, "\(opened)")
        let folder = tmux.path(".claude/projects/-home-dev-acme")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let session = "5e55a1d0-0000-4000-8000-00000000e2e0"
        let lines = [
            #"{"type":"user","uuid":"u1","parentUuid":null,"sessionId":"\#(session)","cwd":"/home/dev/acme","promptId":"p1","timestamp":"2026-12-07T00:00:00.000Z","message":{"role":"user","content":"Rename the flaky fixture"}}"#,
            #"{"type":"assistant","uuid":"a1","parentUuid":"u1","sessionId":"\#(session)","cwd":"/home/dev/acme","timestamp":"2026-12-07T00:00:01.000Z","message":{"id":"msg_e2e_1","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_reason":"end_turn","content":[{"type":"text","text":"Renamed."}],"usage":{"input_tokens":12,"output_tokens":5,"cache_read_input_tokens":0,"cache_creation_input_tokens":0}}}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/\(session).jsonl"))
        let screen = try tmux.waitFor("the agent's session") { $0.contains("Rename the flaky fixture") }
        #expect(screen.contains("5e55a1d0"), "the session id shows beside its label: \(screen)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)

        let off = try TmuxSession()
        try off.start(["--db", off.path("agents.db"), "--listen", "127.0.0.1:0", "--no-agents", "--no-grpc"], width: 140)
        try off.waitFor("the header") { $0.contains("agents off") }
        try off.send("q")
        #expect(try off.waitForExit() == 0)
    }

    /// A port already taken is not a failure: the browser opens and says the collector is off.
    @Test func takenPortMeansBrowsingOnly() throws {
        let listener = try LoopbackListener()
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["--db", database, "--listen", "127.0.0.1:\(listener.port)"])
        let screen = try tmux.waitFor("Refactor the auth module")
        #expect(screen.contains("collector off: 127.0.0.1:\(listener.port) in use"), "\(screen)")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// The hostile sample trace (escape sequences, a title change, a screen clear, backspaces,
    /// bidi overrides) is drawn with visible placeholders; nothing of it acts on the terminal.
    @Test func hostileTextNeverReachesTheTerminalRaw() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Why does my release build fail")
        let titleBefore = try tmux.query("#{pane_title}")
        try select(rowContaining: "Why does my release build fail", in: tmux)
        try tmux.send("Enter")
        try tmux.waitFor("the hostile session's turns") { $0.contains("Sessions › Why does my release") }
        try tmux.send("Enter")
        let detail = try tmux.waitFor("the hostile turn with placeholders", escapes: true) {
            $0.split(separator: "\n").first?.contains("› Turn") == true && $0.contains("␛")
        }
        let captured = CapturedScreen(detail)
        let foreign = captured.sequences.filter { !$0.hasPrefix("\u{1B}[") || !$0.hasSuffix("m") }
        #expect(foreign.isEmpty, "only SGR sequences on screen, found \(foreign.map { $0.debugDescription })")
        let allowed = Set([0, 1, 2, 4, 7, 22, 24, 27, 39, 49]).union(30...37).union(90...97)
        for sequence in captured.sequences {
            let parameters = sequence.dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
            #expect(parameters.allSatisfy(allowed.contains), "an SGR the browser does not emit: \(sequence.debugDescription)")
        }
        #expect(try tmux.query("#{pane_title}") == titleBefore, "the hostile OSC 0 did not retitle the pane")
        #expect(captured.rows.first?.text.contains("turnscope") == true, "the hostile ESC[2J did not clear the header")
        try tmux.send("q", "q", "q")
        #expect(try tmux.waitForExit() == 0)
        #expect(try tmux.query("#{cursor_flag}") == "1", "the cursor is back after quitting")
    }

    /// Quitting from deep inside (Ctrl-C) or by `q` leaves the terminal as it was: main screen,
    /// cursor shown, mouse reporting off, exit status 0.
    @Test(arguments: ["C-c", "q"])
    func quittingRestoresTheTerminal(key: String) throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "1 0 1", "browsing: alternate screen, no cursor, mouse on")
        try tmux.send("Enter")
        try tmux.waitFor("a session's turns") { $0.contains("Sessions › ") }
        for _ in 0..<(key == "q" ? 3 : 1) { try tmux.send(key) }
        #expect(try tmux.waitForExit() == 0)
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0")
    }

    /// SIGTERM and SIGHUP end the browser with 128 + the signal and restore the terminal; a crash
    /// (SIGSEGV) restores it before dying of the signal. (Swift's backtracer is off in these tests:
    /// after a signal sent with kill, rather than a real fault, it returns and the process goes on.)
    @Test(arguments: [(SIGTERM, "143"), (SIGHUP, "129"), (SIGSEGV, "139")])
    func signalsRestoreTheTerminal(signal: Int32, status: String) throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        kill(try tmux.commandPid(), signal)
        let screen = try tmux.waitFor("turnscope to exit") { $0.contains("turnscope exited ") }
        #expect(screen.contains("turnscope exited \(status)"), "\(screen)")
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0")
    }

    /// Ctrl-Z gives the terminal back to the shell (main screen, cursor, no mouse reports) and
    /// stops the job; `fg` brings the browser back, repainted whole.
    @Test func ctrlZSuspendsToTheShellAndFgRepaints() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.startInShell(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        try tmux.send("C-z")
        let stopped = try tmux.waitFor("the job to stop") { $0.contains("Stopped") }
        #expect(!stopped.contains("Refactor the auth module"), "the main screen is back:\n\(stopped)")
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0")
        try tmux.type("fg")
        try tmux.send("Enter")
        try tmux.waitFor("the browser to come back") { $0.contains("Refactor the auth module") && $0.contains("turnscope › Sessions") }
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "1 0 1")
        try tmux.send("q")
        try tmux.waitFor("the prompt after quitting") { screen in
            screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.hasPrefix("PROMPT$") == true
                && !screen.contains("Refactor the auth module")
        }
        #expect(try tmux.query("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0")
    }

    /// `--no-color` and `NO_COLOR` keep the structure (bold, reverse, dim) without any colour.
    @Test(arguments: [("", ["--no-color"]), ("NO_COLOR=1", [])])
    func noColorDrawsWithAttributesOnly(prefix: String, flags: [String]) throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database] + flags, prefix: prefix)
        let screen = try tmux.waitFor("the sessions", escapes: true) { $0.contains("Refactor the auth module") }
        let captured = CapturedScreen(screen)
        let colours = captured.sequences.filter { sequence in
            sequence.dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
                .contains { (30...37).contains($0) || (90...97).contains($0) }
        }
        #expect(colours.isEmpty, "no colour: \(colours.map { $0.debugDescription })")
        #expect(!captured.selectedRows.isEmpty, "the selection still shows, in reverse video")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// A terminal without cursor addressing gets a one-line explanation that points to the
    /// line-oriented commands, and exit status 1; nothing is drawn.
    @Test func dumbTerminalIsRefusedWithAHint() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database], prefix: "TERM=dumb")
        #expect(try tmux.waitForExit() == 1)
        // The pane wraps the one-line message; read it unwrapped.
        let screen = try tmux.capture().replacingOccurrences(of: "\n", with: "")
        #expect(screen.contains("`turnscope sessions`"), "\(screen)")
        #expect(screen.contains("TERM=dumb"))
        #expect(try tmux.query("#{alternate_on} #{cursor_flag}") == "0 1", "the terminal was never taken over")
    }

    /// The mouse: a click selects a row, a double click opens it, the wheel moves the selection.
    /// (The X10 mouse reports ncurses asked tmux for are typed into the pane as a terminal sends them.)
    @Test func mouseClickSelectsDoubleClickOpensWheelScrolls() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        let screen = try tmux.waitFor("Refactor the auth module")
        let row = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Refactor the auth module") })
        func press(_ button: Int, x: Int, y: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
                + String(UnicodeScalar(UInt8(33 + y)))
        }
        try tmux.type(press(0, x: 8, y: row))
        try tmux.waitFor("a click to select the row", escapes: true) {
            CapturedScreen($0).selectedRows.contains { $0.contains("Refactor the auth module") }
        }
        // Press and release twice, 50 ms apart as a hand would: ncurses folds reports that arrive
        // in one burst into a single event.
        for _ in 0..<2 {
            try tmux.type(press(0, x: 8, y: row))
            Thread.sleep(forTimeInterval: 0.05)
            try tmux.type(press(3, x: 8, y: row))
            Thread.sleep(forTimeInterval: 0.05)
        }
        try tmux.waitFor("a double click to open the session") { $0.contains("Sessions › Refactor the auth") }
        let before = CapturedScreen(try tmux.waitFor("a selected turn", escapes: true) { !CapturedScreen($0).selectedRows.isEmpty }).selectedRows
        for _ in 0..<3 {
            try tmux.type(press(64, x: 8, y: 10))
            Thread.sleep(forTimeInterval: 0.05)
        }
        try tmux.waitFor("the wheel to move the selection", escapes: true) { CapturedScreen($0).selectedRows != before }
        try tmux.send("Q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `y` puts the focused content on the clipboard with OSC 52: tmux (with `set-clipboard on`)
    /// turns it into a paste buffer, which is what a terminal emulator would put on the clipboard.
    @Test func yCopiesWithOSC52() throws {
        let tmux = try TmuxSession()
        let database = try tmux.sampleDatabase()
        try tmux.start(["view", "--db", database])
        try tmux.waitFor("Refactor the auth module")
        try tmux.server(["set-option", "-g", "set-clipboard", "on"])
        try select(rowContaining: "Refactor the auth module", in: tmux)
        try tmux.send("y")
        try tmux.waitFor("the copy to be acknowledged") { $0.contains("copied ") }
        let deadline = Date().addingTimeInterval(TmuxSession.patience)
        var buffer = ""
        while Date() < deadline {
            buffer = try tmux.server(["show-buffer"]).output
            if buffer.contains("sess-refactor-auth") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(buffer.contains("sess-refactor-auth"), "the clipboard holds the selected session: \(buffer.prefix(500))")
        try tmux.send("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Moves the selection down the sessions list until the selected row shows `text`.
    private func select(rowContaining text: String, in tmux: TmuxSession) throws {
        for _ in 0..<40 {
            let screen = CapturedScreen(try tmux.capture(escapes: true))
            if screen.selectedRows.contains(where: { $0.contains(text) }) { return }
            let before = screen.selectedRows
            try tmux.send("j")
            _ = try? tmux.waitFor("the selection to move", escapes: true, timeout: 10) { CapturedScreen($0).selectedRows != before }
        }
        Issue.record("no row containing \(text) could be selected; the screen was:\n\(tmux.lastScreen)")
        throw TmuxSession.WaitFailure(what: "a row containing \(text)")
    }

    /// A trace and its generation in Turnscope's JSON Lines, timestamped now so the session is the
    /// newest and shows first.
    static func liveRecords(session: String, text: String) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        let id = "e2e-\(UUID().uuidString.prefix(8))"
        let message = #"[{"role":"user","parts":[{"type":"text","text":"\#(text)"}]}]"#
        return """
            {"type":"trace","id":"\(id)","name":"e2e","timestamp":"\(now)","sessionId":"\(session)","userId":"e2e","inputMessages":\(message)}
            {"type":"observation","id":"\(id)-gen","traceId":"\(id)","kind":"generation","name":"e2e","startTime":"\(now)","endTime":"\(now)","model":"gpt-4o-mini","inputMessages":\(message),"outputMessages":[{"role":"assistant","parts":[{"type":"text","text":"seen"}]}],"usage":{"input":10,"output":2}}

            """
    }
}
