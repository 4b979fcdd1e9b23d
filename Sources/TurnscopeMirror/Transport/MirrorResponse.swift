import Foundation

/// What the server answered.
public struct MirrorResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers by lowercased name (the last one wins when repeated).
    public var headers: [String: String]
    /// The body, capped at `CurlTransport.responseLimit` bytes.
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Seconds to wait before retrying, from `Retry-After` as delta-seconds or an HTTP date.
    public var retryAfter: Double? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}
