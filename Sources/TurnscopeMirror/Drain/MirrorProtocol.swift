/// Which Langfuse API carries traces and observations.
public enum MirrorProtocol: String, Sendable {
    /// `POST /api/public/otel/v1/traces`: current servers and Langfuse Cloud, the only way they take
    /// traces and observations.
    case otlp
    /// `POST /api/public/ingestion`: older self-hosted servers (v2) without the OTLP endpoint. Every
    /// server takes scores here.
    case ingestion

    /// The endpoint's path under the host.
    public var path: String {
        switch self {
        case .otlp: "/api/public/otel/v1/traces"
        case .ingestion: "/api/public/ingestion"
        }
    }
}
