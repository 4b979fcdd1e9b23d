/// An answer a test scripts for the next request to an endpoint.
public indirect enum FakeReply: Sendable {
    /// This status, headers and body.
    case status(Int, headers: [String: String] = [:], body: String = "")
    /// Wait, then answer (a slow server).
    case delay(seconds: Double, then: FakeReply)
    /// Close the connection without answering.
    case drop
    /// Batch ingestion: a 207 in which the first `count` events are refused as invalid (400).
    case partialErrors(count: Int)
}

/// The Langfuse endpoints the fake serves.
public enum FakeEndpoint: String, Sendable, Hashable {
    /// `POST /api/public/otel/v1/traces`
    case otlp
    /// `POST /api/public/ingestion`
    case ingestion
    /// `GET /api/public/projects`
    case projects
    /// Anything else (answered 404).
    case other
}
