import TurnscopeModel

/// An OTLP attribute value as received.
public enum AttributeValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([AttributeValue])
    /// A kvlist or bytes value, kept as its description.
    case other(String)

    public var description: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .other(let text): text
        }
    }
}

/// A span the fake received, ids as lowercase hex.
public struct ReceivedSpan: Sendable, Hashable {
    public var traceId: String
    public var spanId: String
    public var parentSpanId: String?
    public var name: String
    public var startTimeUnixNano: UInt64
    public var endTimeUnixNano: UInt64
    public var attributes: [String: AttributeValue]
    /// 0 unset, 1 ok, 2 error.
    public var statusCode: Int
    public var resourceAttributes: [String: AttributeValue]
    public var scopeName: String
}

/// A batch-ingestion event the fake accepted.
public struct ReceivedEvent: Sendable, Hashable {
    public var id: String
    public var type: String
    public var timestamp: String
    public var body: JSONValue
}

/// A request as it arrived: which endpoint, its headers (lowercased names) and body size.
public struct ReceivedRequest: Sendable, Hashable {
    public var endpoint: FakeEndpoint
    public var headers: [String: String]
    /// Bytes on the wire (compressed when it was).
    public var bodyBytes: Int
}
