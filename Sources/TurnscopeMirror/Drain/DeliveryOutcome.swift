/// What the drainer does with a server's answer to one request.
enum DeliveryOutcome: Equatable {
    /// 2xx: the records are upstream.
    case delivered
    /// The body was too large (413): send it in halves.
    case tooLarge
    /// The server refused the records as invalid (400, 422): halve to find the bad ones, then park
    /// them with `reason`.
    case invalid(reason: String)
    /// The OTLP endpoint does not exist (404, 405): an older server; use batch ingestion.
    case endpointMissing
    /// Nothing is wrong with the records: try again later (429, 5xx, network, wrong keys).
    case retryLater(reason: String, after: Double?)

    /// Classifies a response to a request that carried records.
    static func classify(_ response: MirrorResponse) -> DeliveryOutcome {
        let status = response.status
        let detail = Self.detail(response)
        switch status {
        case 200..<300: return .delivered
        case 413: return .tooLarge
        case 400, 422: return .invalid(reason: "\(status): \(detail)")
        case 404, 405: return .endpointMissing
        case 401, 403:
            return .retryLater(
                reason: "\(status) \(status == 401 ? "unauthorized: check LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY" : "forbidden"): \(detail)",
                after: nil)
        default: return .retryLater(reason: "\(status): \(detail)", after: response.retryAfter)
        }
    }

    /// The first line of the server's answer, short and printable.
    static func detail(_ response: MirrorResponse) -> String {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let printable = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return printable.isEmpty ? "no details" : printable
    }
}
