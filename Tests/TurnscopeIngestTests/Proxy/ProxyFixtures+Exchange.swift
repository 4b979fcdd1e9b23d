import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// Building a `ProviderExchange` around the fixtures, and picking apart the records it decodes to.
extension ProxyFixtures {
    static let start = Timestamp(iso8601: "2026-12-07T10:00:00.000Z")!
    static let firstByte = Timestamp(iso8601: "2026-12-07T10:00:00.400Z")!
    static let firstToken = Timestamp(iso8601: "2026-12-07T10:00:00.450Z")!
    static let end = Timestamp(iso8601: "2026-12-07T10:00:02.000Z")!
    static let timings = ProviderTimings(start: start, firstByte: firstByte, firstToken: firstToken, end: end)

    /// A call to `path` under `route` with the request body `request` and response `body`.
    static func exchange(
        route: String = "anthropic", path: String = "/v1/messages", query: String? = nil,
        headers: ProviderHeaders = ["Content-Type": "application/json"], request: [UInt8], status: Int? = 200,
        responseHeaders: ProviderHeaders = [:], body: ProviderResponseBody, timings: ProviderTimings = timings,
        outcome: ProviderOutcome = .complete
    ) -> ProviderExchange {
        ProviderExchange(
            route: route, path: path, query: query, requestHeaders: headers, requestBody: request, status: status,
            responseHeaders: responseHeaders, responseBody: body, timings: timings, outcome: outcome)
    }

    /// The trace and the observation of a decoded call.
    static func decode(_ exchange: ProviderExchange, id: String = "call-1") throws -> (TraceRecord, ObservationRecord) {
        // A coding agent's call also marks its session (`sessionSource`): the rest is the call.
        let records = ProviderExchangeDecoder.records(for: exchange, id: id).filter {
            if case .session = $0 { false } else { true }
        }
        try #require(records.count == 2)
        guard case .trace(let trace) = records[0], case .observation(let observation) = records[1] else {
            Issue.record("expected a trace then an observation, got \(records)")
            throw CancellationError()
        }
        return (trace, observation)
    }

    /// The source the call's records give its session, when they mark it at all.
    static func sessionSource(_ exchange: ProviderExchange) -> String? {
        for case .session(let session) in ProviderExchangeDecoder.records(for: exchange, id: "call-1") {
            return session.source
        }
        return nil
    }

    /// The single output message's parts.
    static func outputParts(_ observation: ObservationRecord) throws -> [MessagePart] {
        let messages = try #require(observation.output?.messages)
        try #require(messages.count == 1)
        #expect(messages[0].role == .assistant)
        return messages[0].parts
    }
}
