import Foundation
import TurnscopeIngest
import TurnscopeModel

/// The copy of one proxied call kept for the record, filled on the curl thread as bytes pass and
/// turned into records when the call ends. It never touches the stream the client reads.
///
/// Secret headers (`ProviderExchange.isSecretHeader`) are dropped as they are noted, so a key
/// never reaches the record, the database or a log.
final class ProxyRecording: @unchecked Sendable {
    private let route: String
    private let endpoint: ProviderEndpoint
    private let method: String
    private let path: String
    private let query: String?
    private let requestHeaders: ProviderHeaders
    private let requestBody: [UInt8]
    private let limit: Int
    private var timings: ProviderTimings
    private var status: Int?
    private var responseHeaders = ProviderHeaders()
    private var body: [UInt8] = []
    private var passedLimit = false
    /// Reads events only until the first token is timed; the decoder parses the whole copy later.
    private var parser: ServerSentEventParser?

    init(
        route: String, method: String, path: String, query: String?, headers: [(name: String, value: String)],
        body: [UInt8], limit: Int, start: Date
    ) {
        self.route = route
        self.method = method
        self.path = path
        self.query = query
        endpoint = ProviderEndpoint(method: method, path: path)
        requestHeaders = Self.kept(headers)
        requestBody = endpoint.isRecorded ? body : []
        self.limit = limit
        timings = ProviderTimings(start: Timestamp(start))
    }

    /// Whether the call becomes records at all (count_tokens, model lists … pass through unrecorded).
    var isRecorded: Bool { endpoint.isRecorded }

    func noteHead(_ head: UpstreamHead) {
        status = head.status
        responseHeaders = Self.kept(head.headers)
        let type = responseHeaders["content-type"]?.lowercased() ?? ""
        if type.hasPrefix("text/event-stream") { parser = ServerSentEventParser() }
    }

    func noteChunk(_ chunk: UnsafeRawBufferPointer) {
        let now = Date()
        if timings.firstByte == nil { timings.firstByte = Timestamp(now) }
        guard isRecorded else { return }
        if timings.firstToken == nil, var reading = parser {
            // A gzip-encoded stream cannot be read as it passes; its first token goes untimed.
            if responseHeaders["content-encoding"] == nil {
                if reading.feed(chunk).contains(where: endpoint.startsCompletion) {
                    timings.firstToken = Timestamp(now)
                    parser = nil
                } else {
                    parser = reading
                }
            }
        }
        let room = limit - body.count
        if chunk.count > room { passedLimit = true }
        if room > 0 { body.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<min(room, chunk.count)])) }
    }

    /// The records of the call, ended as `end` says; empty when it is not recorded.
    func records(ending end: ProxyEnd, id: String) -> [Record] {
        guard isRecorded else { return [] }
        timings.end = Timestamp(Date())
        if timings.firstToken == nil, parser == nil, status != nil, responseHeaders["content-type"]?.lowercased()
            .hasPrefix("text/event-stream") != true
        {
            // A whole JSON answer: its first token is its first byte.
            timings.firstToken = timings.firstByte
        }
        var kept = body
        if let encoding = responseHeaders["content-encoding"]?.lowercased(), encoding == "gzip" || encoding == "x-gzip",
            let inflated = try? Gunzip.inflate(body, limit: limit)
        {
            kept = inflated
        }
        let outcome: ProviderOutcome =
            switch end {
            case .complete: passedLimit ? .cutShort(.recordingLimit) : .complete
            case .upstreamFailed(let message): status == nil ? .failedBeforeResponse(message: message) : .cutShort(.upstreamClosed, detail: message)
            case .clientGone: .cutShort(.clientDisconnected)
            }
        let exchange = ProviderExchange(
            route: route, endpoint: endpoint, method: method, path: path, query: query, requestHeaders: requestHeaders,
            requestBody: requestBody, status: status, responseHeaders: responseHeaders, responseBody: .bytes(kept),
            timings: timings, outcome: outcome)
        return ProviderExchangeDecoder.records(for: exchange, id: id)
    }

    private static func kept(_ headers: [(name: String, value: String)]) -> ProviderHeaders {
        ProviderHeaders(headers.filter { !ProviderExchange.isSecretHeader($0.name) })
    }
}

/// How a proxied transfer ended, as the curl thread saw it.
enum ProxyEnd: Sendable {
    case complete
    case upstreamFailed(String)
    case clientGone
}
