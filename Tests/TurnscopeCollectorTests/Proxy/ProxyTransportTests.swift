import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TurnscopeCollector
import TurnscopeModel
import TurnscopeStore

/// The pass-through proxy end to end: a raw client, the collector, and a scripted upstream.
@Suite(.serialized)
struct ProxyTransportTests {
    static let key = "sk-ant-test-9f8e7d6c5b4a-never-stored"

    static func fixture(_ name: String) throws -> [UInt8] {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let url = try #require(Bundle.module.url(forResource: parts[0], withExtension: parts[1], subdirectory: "Fixtures/proxy"))
        return Array(try Data(contentsOf: url))
    }

    /// A started collector whose `anthropic` and `openai` routes go to `upstream`.
    static func collector(for upstream: ScriptedUpstream, host: String = "127.0.0.1") async throws -> (CollectorHarness, Int) {
        let base = "http://127.0.0.1:\(upstream.port)"
        let harness = try CollectorHarness(
            configuration: CollectorConfiguration(
                host: host, port: 0, publicKey: host == "127.0.0.1" ? nil : "pk", secretKey: host == "127.0.0.1" ? nil : "sk",
                proxyRoutes: [ProxyRoute(name: "anthropic", upstream: base), ProxyRoute(name: "openai", upstream: base + "/")]))
        return (harness, try await harness.collector.start())
    }

    /// The observations stored, once `count` have arrived.
    static func observations(_ harness: CollectorHarness, count: Int = 1) async throws -> [ObservationRecord] {
        for _ in 0..<200 {
            let found = try harness.exported().compactMap { record -> ObservationRecord? in
                if case .observation(let observation) = record { return observation } else { return nil }
            }
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("no observation was stored")
        return []
    }

    static func answer(_ status: Int, _ reason: String, _ headers: [String], _ body: [UInt8]) -> [UInt8] {
        Array(("HTTP/1.1 \(status) \(reason)\r\n" + headers.map { $0 + "\r\n" }.joined() + "Content-Length: \(body.count)\r\n\r\n").utf8) + body
    }

    @Test func aWholeAnthropicAnswerPassesThroughByteForByteAndIsRecorded() async throws {
        let response = try Self.fixture("anthropic_response_tooluse.json")
        let upstream = try ScriptedUpstream { _, connection in
            connection.send(Self.answer(200, "OK", ["Content-Type: application/json", "request-id: req_1"], response))
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let request = try Self.fixture("anthropic_request_tooluse.json")
        let client = try RawHTTPClient(port: port)
        try client.send(
            "POST", "/anthropic/v1/messages?beta=true",
            headers: [("x-api-key", Self.key), ("anthropic-version", "2023-06-01"), ("Content-Type", "application/json")],
            body: request)
        #expect(client.status == 200)
        #expect(client.header("request-id") == "req_1")
        #expect(try client.readBody() == response)
        let observations = try await Self.observations(harness)
        #expect(observations.first?.usage != nil)
        #expect(observations.first?.output != nil)
        await harness.collector.stop()
        let received = try #require(upstream.requests.first)
        #expect(received.requestLine == "POST /v1/messages?beta=true HTTP/1.1")
        #expect(received.body == request)
        #expect(received.header("x-api-key") == Self.key)
        #expect(received.header("expect") == nil)
        #expect(received.header("via") == nil)
        #expect(received.header("x-forwarded-for") == nil)
        #expect(received.header("host") == "127.0.0.1:\(upstream.port)")
        // The key went upstream and nowhere else.
        let database = try Data(contentsOf: harness.directory.appendingPathComponent("collector.db"))
        let wal = (try? Data(contentsOf: harness.directory.appendingPathComponent("collector.db-wal"))) ?? Data()
        #expect(database.range(of: Data(Self.key.utf8)) == nil)
        #expect(wal.range(of: Data(Self.key.utf8)) == nil)
    }

    @Test func anOpenAIStreamArrivesChunkByChunkBeforeTheUpstreamEnds() async throws {
        let stream = try Self.fixture("openai_stream_toolcall.sse")
        let split = stream.count / 2
        let firstRead = DispatchSemaphore(value: 0)
        let upstream = try ScriptedUpstream { _, connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            connection.sendChunk(Array(stream[..<split]))
            // The rest waits until the client has read the first half through the proxy.
            _ = firstRead.wait(timeout: .now() + 10)
            connection.sendChunk(Array(stream[split...]))
            connection.send("0\r\n\r\n")
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let client = try RawHTTPClient(port: port)
        try client.send(
            "POST", "/openai/v1/chat/completions", headers: [("Authorization", "Bearer \(Self.key)")],
            body: try Self.fixture("openai_chat_request_toolcall.json"))
        #expect(client.status == 200)
        var received: [UInt8] = []
        while received.count < split, let chunk = try client.nextChunk() { received += chunk }
        #expect(received == Array(stream[..<split]))
        firstRead.signal()
        received += try client.readBody()
        #expect(received == stream)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.usage != nil)
        #expect(observation.level != .warning)
        await harness.collector.stop()
    }

    @Test(arguments: [(429, "Too Many Requests"), (529, "Overloaded")])
    func upstreamErrorsPassBackVerbatimAndAreFailedTurns(status: Int, reason: String) async throws {
        let body = Array(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#.utf8)
        let upstream = try ScriptedUpstream { _, connection in
            connection.send(Self.answer(status, reason, ["Content-Type: application/json", "retry-after: 17"], body))
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let client = try RawHTTPClient(port: port)
        try client.send("POST", "/anthropic/v1/messages", body: try Self.fixture("anthropic_request_tooluse.json"))
        #expect(client.status == status)
        #expect(client.header("retry-after") == "17")
        #expect(try client.readBody() == body)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == .error)
        // Header values are recorded without the line's CR LF.
        #expect(observation.metadata?["retryAfter"] == "17")
        #expect(observation.metadata?["httpStatus"] == .integer(Int64(status)))
        #expect(observation.metadata?["responseHeaders"]?["content-type"] == "application/json")
        await harness.collector.stop()
    }

    @Test func aGzippedAnswerPassesThroughCompressedAndIsRecordedInflated() async throws {
        let response = try Self.fixture("anthropic_response_tooluse.json")
        let compressed = try Self.gzip(response)
        let upstream = try ScriptedUpstream { _, connection in
            connection.send(Self.answer(200, "OK", ["Content-Type: application/json", "Content-Encoding: gzip"], compressed))
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let client = try RawHTTPClient(port: port)
        try client.send(
            "POST", "/anthropic/v1/messages", headers: [("Accept-Encoding", "gzip"), ("Content-Type", "application/json")],
            body: try Self.fixture("anthropic_request_tooluse.json"))
        #expect(client.status == 200)
        #expect(client.header("content-encoding") == "gzip")
        #expect(try client.readBody() == compressed)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == nil)
        #expect(observation.output != nil)
        #expect(observation.usage != nil)
        await harness.collector.stop()
    }

    /// `bytes` gzipped by the system's gzip.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    @Test func aStreamDroppedUpstreamIsCutForTheClientAndRecordedAsWarning() async throws {
        let stream = try Self.fixture("anthropic_stream_tooluse.sse")
        let upstream = try ScriptedUpstream { _, connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            connection.sendChunk(Array(stream[..<(stream.count / 2)]))
            shutdown(connection.socket, Int32(SHUT_RDWR))
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let client = try RawHTTPClient(port: port)
        try client.send("POST", "/anthropic/v1/messages", body: try Self.fixture("anthropic_request_tooluse.json"))
        #expect(client.status == 200)
        #expect(throws: (any Error).self) { _ = try client.readBody() }
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == .warning)
        await harness.collector.stop()
    }

    @Test func aClientThatHangsUpCancelsTheUpstreamCall() async throws {
        let upstreamSawClose = DispatchSemaphore(value: 0)
        let upstream = try ScriptedUpstream { _, connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            for _ in 0..<200 {
                guard connection.sendChunk(Array("event: ping\ndata: {\"type\":\"ping\"}\n\n".utf8)) else {
                    upstreamSawClose.signal()
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        do {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/anthropic/v1/messages", body: try Self.fixture("anthropic_request_tooluse.json"))
            _ = try client.nextChunk()
        }
        #expect(upstreamSawClose.wait(timeout: .now() + 10) == .success)
        await harness.collector.stop()
    }

    @Test func anUnknownRouteIsA404NamingTheRoutes() async throws {
        let upstream = try ScriptedUpstream { _, _ in }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let client = try RawHTTPClient(port: port)
        try client.send("POST", "/mistral/v1/chat/completions", body: Array("{}".utf8))
        #expect(client.status == 404)
        let text = String(decoding: try client.readBody(), as: UTF8.self)
        #expect(text.contains("anthropic"))
        #expect(text.contains("openai"))
        #expect(upstream.requests.isEmpty)
        await harness.collector.stop()
    }

    @Test func proxyRoutesAreForbiddenOffLoopback() async throws {
        let upstream = try ScriptedUpstream { _, _ in }
        defer { upstream.stop() }
        let harness = try CollectorHarness(
            configuration: CollectorConfiguration(
                host: "0.0.0.0", publicKey: "pk", secretKey: "sk",
                proxyRoutes: [ProxyRoute(name: "anthropic", upstream: "http://127.0.0.1:\(upstream.port)")]))
        try await harness.withClient { client in
            try await client.execute(uri: "/anthropic/v1/messages", method: .post, body: ByteBuffer(text: "{}")) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("loopback"))
            }
        }
        #expect(upstream.requests.isEmpty)
    }
}
