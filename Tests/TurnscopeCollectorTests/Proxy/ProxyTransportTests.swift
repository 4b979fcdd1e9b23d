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
        // Up to 15 s: the record is written just after the client's last byte, later on a busy machine.
        for _ in 0..<600 {
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
        let (status, requestId, body) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send(
                "POST", "/anthropic/v1/messages?beta=true",
                headers: [("x-api-key", Self.key), ("anthropic-version", "2023-06-01"), ("Content-Type", "application/json")],
                body: request)
            return (client.status, client.header("request-id"), try client.readBody())
        }
        #expect(status == 200)
        #expect(requestId == "req_1")
        #expect(body == response)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.kind == .generation)
        #expect(observation.model == "claude-sonnet-4-5-20250929")
        #expect(observation.usage == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, cacheWrite1h: 0))
        #expect(
            observation.output?.messages?.first?.parts == [
                .text("I'll check the weather in Paris."),
                .toolCall(ToolCall(id: "toolu_01NRLabsLyVHZPKxbKvkfSMn", name: "get_weather", arguments: ["location": "Paris, FR"])),
            ])
        #expect(observation.toolDefinitions?.map(\.name) == ["get_weather"])
        #expect(observation.metadata?["responseId"] == "msg_019Q1hrJbZG26Fb9BQhrkHEr")
        #expect(observation.metadata?["requestId"] == "req_1")
        #expect(observation.metadata?["finishReason"] == "tool_use")
        #expect(observation.metadata?["httpStatus"] == 200)
        // The proxy timed the call: a whole JSON answer's first token is its first byte.
        let start = try #require(observation.startTime)
        let end = try #require(observation.endTime)
        let firstToken = try #require(observation.completionStartTime)
        #expect(start <= firstToken && firstToken <= end)
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
        let request = try Self.fixture("openai_chat_request_toolcall.json")
        let (status, firstPart, whole) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/openai/v1/chat/completions", headers: [("Authorization", "Bearer \(Self.key)")], body: request)
            var received: [UInt8] = []
            while received.count < split, let chunk = try client.nextChunk() { received += chunk }
            let firstPart = received
            firstRead.signal()
            received += try client.readBody()
            return (client.status, firstPart, received)
        }
        #expect(status == 200)
        #expect(firstPart == Array(stream[..<split]))
        #expect(whole == stream)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.usage == Usage(input: 186, output: 41, cacheRead: 1024, reasoning: 0, total: 1251))
        #expect(observation.output?.messages?.first?.toolCalls.map(\.name) == ["get_weather", "get_weather"])
        #expect(observation.output?.messages?.first?.toolCalls.last?.arguments == ["location": "Lyon, FR"])
        #expect(observation.metadata?["stream"] == true)
        #expect(observation.metadata?["finishReason"] == "tool_calls")
        #expect(observation.level == nil)
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
        let request = try Self.fixture("anthropic_request_tooluse.json")
        let (received, retryAfter, receivedBody) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/anthropic/v1/messages", body: request)
            return (client.status, client.header("retry-after"), try client.readBody())
        }
        #expect(received == status)
        #expect(retryAfter == "17")
        #expect(receivedBody == body)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == .error)
        #expect(observation.statusMessage == "\(status) Overloaded")
        #expect(observation.usage == nil)
        #expect(observation.metadata?["httpStatus"] == .integer(Int64(status)))
        #expect(observation.metadata?["retryAfter"] == "17")
        #expect(observation.metadata?["errorType"] == "overloaded_error")
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
        let request = try Self.fixture("anthropic_request_tooluse.json")
        let (status, encoding, body) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send(
                "POST", "/anthropic/v1/messages", headers: [("Accept-Encoding", "gzip"), ("Content-Type", "application/json")],
                body: request)
            return (client.status, client.header("content-encoding"), try client.readBody())
        }
        #expect(status == 200)
        #expect(encoding == "gzip")
        #expect(body == compressed)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == nil)
        #expect(observation.usage == Usage(input: 377, output: 65, cacheRead: 4096, cacheWrite5m: 1200, cacheWrite1h: 0))
        #expect(observation.output?.messages?.first?.toolCalls.map(\.name) == ["get_weather"])
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
        let request = try Self.fixture("anthropic_request_tooluse.json")
        let (status, bodyEnded) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/anthropic/v1/messages", body: request)
            // The client must see the cut: a body that ends without its last chunk.
            return (client.status, (try? client.readBody()) != nil)
        }
        #expect(status == 200)
        #expect(!bodyEnded)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == .warning)
        #expect(observation.statusMessage?.hasPrefix("the stream ended early") == true)
        #expect(observation.metadata?["cutShort"] == "upstreamClosed")
        // What arrived before the cut is kept.
        #expect(observation.model == "claude-sonnet-4-5-20250929")
        await harness.collector.stop()
    }

    @Test func aClientThatHangsUpCancelsTheUpstreamCall() async throws {
        let upstreamSawClose = DispatchSemaphore(value: 0)
        let upstream = try ScriptedUpstream { _, connection in
            connection.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            // Up to 15 s: the record is written just after the client's last byte, later on a busy machine.
        for _ in 0..<600 {
                guard connection.sendChunk(Array("event: ping\ndata: {\"type\":\"ping\"}\n\n".utf8)) else {
                    upstreamSawClose.signal()
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let request = try Self.fixture("anthropic_request_tooluse.json")
        try await onOwnThread {
            // The client goes away (its socket closed) after the first chunk.
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/anthropic/v1/messages", body: request)
            _ = try client.nextChunk()
        }
        #expect(upstreamSawClose.wait(timeout: .now() + 10) == .success)
        let observation = try #require(try await Self.observations(harness).first)
        #expect(observation.level == .warning)
        #expect(observation.metadata?["cutShort"] == "clientDisconnected")
        await harness.collector.stop()
    }

    @Test func anUnknownRouteIsA404NamingTheRoutes() async throws {
        let upstream = try ScriptedUpstream { _, _ in }
        defer { upstream.stop() }
        let (harness, port) = try await Self.collector(for: upstream)
        let (status, body) = try await onOwnThread {
            let client = try RawHTTPClient(port: port)
            try client.send("POST", "/mistral/v1/chat/completions", body: Array("{}".utf8))
            return (client.status, try client.readBody())
        }
        #expect(status == 404)
        let text = String(decoding: body, as: UTF8.self)
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
