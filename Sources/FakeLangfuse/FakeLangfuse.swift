import Foundation
import Synchronization
import TurnscopeModel

/// A stand-in for a Langfuse server on 127.0.0.1, for the mirror's tests and benchmark.
///
/// It serves the endpoints the mirror uses, decodes what it receives (OTLP protobuf and JSON,
/// gzip or not; batch ingestion), checks it against Langfuse's wire contract, and records the
/// spans, events and requests, and every contract violation, for a test to read. Tests script
/// answers per endpoint (errors, `Retry-After`, slow answers, dropped connections); without a
/// script it answers as Langfuse does: 200 `{}` for OTLP, 207 for batches.
public final class FakeLangfuse: Sendable {
    /// `http://127.0.0.1:PORT`, to use as LANGFUSE_HOST.
    public let host: String
    private let server: LoopbackServer
    private let state: Recorder

    /// The fake's records behind a lock, shared by the connection threads.
    private final class Recorder: Sendable {
        private let lock = Mutex(State())

        func withLock<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
            lock.withLock { body(&$0) }
        }
    }

    fileprivate struct State {
        var replies: [FakeEndpoint: [FakeReply]] = [:]
        var spans: [ReceivedSpan] = []
        var events: [ReceivedEvent] = []
        var requests: [ReceivedRequest] = []
        var violations: [String] = []
        var spanCount = 0
        var requestCount = 0
        var bodyBytes = 0
    }

    /// A fake accepting these keys. `otlpAvailable` false plays an older server (v2) that answers
    /// 404 on the OTLP endpoint. `keepsReceived` false answers OTLP exports without decoding them
    /// and only counts requests and bytes: the benchmark measures Turnscope, not the fake, and a
    /// real Langfuse does its decoding on its own machine.
    public init(publicKey: String, secretKey: String, otlpAvailable: Bool = true, keepsReceived: Bool = true) throws {
        let state = Recorder()
        let expected = "Basic " + Data("\(publicKey):\(secretKey)".utf8).base64EncodedString()
        server = try LoopbackServer { request in
            Self.handle(request, state: state, expectedAuthorization: expected, otlpAvailable: otlpAvailable, keeps: keepsReceived)
        }
        self.state = state
        host = "http://127.0.0.1:\(server.port)"
    }

    deinit { server.stop() }

    /// Stops listening and closes open connections.
    public func stop() { server.stop() }

    /// Scripts the answer to the next request to `endpoint` (answers queue in order).
    public func enqueue(_ reply: FakeReply, for endpoint: FakeEndpoint) {
        state.withLock { $0.replies[endpoint, default: []].append(reply) }
    }

    /// Every span received so far, in arrival order.
    public var spans: [ReceivedSpan] { state.withLock { $0.spans } }
    /// Every batch-ingestion event accepted so far.
    public var events: [ReceivedEvent] { state.withLock { $0.events } }
    /// Every request, in arrival order.
    public var requests: [ReceivedRequest] { state.withLock { $0.requests } }
    /// What broke the contract, one sentence each.
    public var violations: [String] { state.withLock { $0.violations } }
    /// Spans decoded (none when the fake does not keep what it receives).
    public var receivedSpanCount: Int { state.withLock { $0.spanCount } }
    /// Requests and body bytes, counted even when received data is not kept.
    public var receivedRequestCount: Int { state.withLock { $0.requestCount } }
    public var receivedBodyBytes: Int { state.withLock { $0.bodyBytes } }

    /// Waits until at least `count` spans arrived; false on timeout.
    public func waitFor(spans count: Int, timeout: Double) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if receivedSpanCount >= count { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return receivedSpanCount >= count
    }

    // MARK: Handling

    private static func handle(
        _ request: RawRequest, state: Recorder, expectedAuthorization: String, otlpAvailable: Bool, keeps: Bool
    ) -> LoopbackServer.Action {
        let endpoint: FakeEndpoint = switch (request.method, request.path) {
        case ("POST", "/api/public/otel/v1/traces"): .otlp
        case ("POST", "/api/public/ingestion"): .ingestion
        case ("GET", "/api/public/projects"): .projects
        default: .other
        }
        let scripted: FakeReply? = state.withLock { state in
            state.requestCount += 1
            state.bodyBytes += request.body.count
            if keeps {
                state.requests.append(ReceivedRequest(endpoint: endpoint, headers: request.headers, bodyBytes: request.body.count))
            }
            return state.replies[endpoint]?.isEmpty == false ? state.replies[endpoint]!.removeFirst() : nil
        }
        if let scripted { return play(scripted, request, state: state, keeps: keeps) }
        guard request.headers["authorization"] == expectedAuthorization else {
            state.withLock { $0.violations.append("\(request.path): missing or wrong Basic authorization") }
            return json(401, ["error": "UnauthorizedError", "message": "Invalid credentials"])
        }
        switch endpoint {
        case .otlp:
            guard otlpAvailable else { return json(404, ["error": "Not Found"]) }
            return keeps ? receiveOTLP(request, state: state, keeps: keeps) : json(200, [:])
        case .ingestion: return receiveBatch(request, refusing: 0, state: state, keeps: keeps)
        case .projects:
            return json(200, ["data": [["id": "fake-project", "name": "fake", "organization": ["id": "o", "name": "o"], "metadata": [:]]]])
        case .other: return json(404, ["error": "Not Found"])
        }
    }

    private static func play(_ reply: FakeReply, _ request: RawRequest, state: Recorder, keeps: Bool) -> LoopbackServer.Action {
        switch reply {
        case .status(let status, let headers, let body):
            return .respond(status: status, headers: headers, body: Array(body.utf8))
        case .delay(let seconds, let then):
            Thread.sleep(forTimeInterval: seconds)
            if case .status(200, _, _) = then, request.path.hasSuffix("/traces") {
                _ = receiveOTLP(request, state: state, keeps: keeps)
            }
            return play(then, request, state: state, keeps: keeps)
        case .drop:
            return .drop
        case .partialErrors(let count):
            return receiveBatch(request, refusing: count, state: state, keeps: keeps)
        }
    }

    private static func receiveOTLP(_ request: RawRequest, state: Recorder, keeps: Bool) -> LoopbackServer.Action {
        var violations: [String] = []
        if request.headers["x-langfuse-ingestion-version"] != "4" {
            violations.append("OTLP request without x-langfuse-ingestion-version: 4")
        }
        var body = request.body
        if request.headers["content-encoding"] == "gzip" {
            guard let inflated = GzipInflate.inflate(body) else { return json(400, ["error": "Invalid gzip body"]) }
            body = inflated
        }
        let contentType = request.headers["content-type"] ?? ""
        let spans: [ReceivedSpan]?
        if contentType.contains("application/x-protobuf") {
            spans = OTLPReading.spans(protobuf: body)
        } else if contentType.contains("application/json") {
            spans = OTLPReading.spans(json: body)
        } else {
            return json(400, ["error": "Invalid content type"])
        }
        guard let spans else { return json(400, ["error": "Invalid OTLP body"]) }
        if keeps { violations += spans.flatMap(SpanContract.violations) }
        state.withLock { state in
            state.spanCount += spans.count
            if keeps { state.spans += spans }
            state.violations += violations
        }
        return json(200, [:])
    }

    private static func receiveBatch(_ request: RawRequest, refusing: Int, state: Recorder, keeps: Bool) -> LoopbackServer.Action {
        guard let root = try? JSONText.parse(Data(request.body)), let batch = root.objectValue?["batch"]?.arrayValue else {
            state.withLock { $0.violations.append("ingestion body is not {\"batch\": [...]}") }
            return json(400, ["message": "Invalid request data"])
        }
        var successes: [JSONValue] = []
        var errors: [JSONValue] = []
        var accepted: [ReceivedEvent] = []
        var violations: [String] = []
        for (index, event) in batch.enumerated() {
            let id = event.objectValue?["id"]?.stringValue ?? "unknown"
            if let problem = EventContract.problem(event) {
                violations.append(problem)
                errors.append(["id": .string(id), "status": 400, "message": "Invalid request data", "error": .string(problem)])
            } else if index < refusing {
                errors.append(["id": .string(id), "status": 400, "message": "Invalid request data", "error": "refused by the test"])
            } else {
                successes.append(["id": .string(id), "status": 201])
                let object = event.objectValue ?? [:]
                accepted.append(
                    ReceivedEvent(
                        id: id, type: object["type"]?.stringValue ?? "", timestamp: object["timestamp"]?.stringValue ?? "",
                        body: object["body"] ?? .null))
            }
        }
        state.withLock { state in
            if keeps { state.events += accepted }
            state.violations += violations
        }
        return json(207, ["successes": .array(successes), "errors": .array(errors)])
    }

    private static func json(_ status: Int, _ value: JSONValue) -> LoopbackServer.Action {
        .respond(status: status, headers: ["Content-Type": "application/json"], body: value.jsonBytes)
    }
}
