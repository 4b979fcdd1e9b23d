import Foundation

/// The credentials a collector with keys expects: HTTP Basic of its public and secret key, the
/// same value in an HTTP `Authorization` header and in gRPC `authorization` metadata, so one pair
/// of keys (and one exporter setting) serves both protocols.
package struct CollectorCredentials: Sendable {
    /// What a request carried, judged against the keys.
    package enum Verdict: Sendable, Equatable {
        /// The collector has no keys, or the request carried the right ones.
        case accepted
        /// Keys are required and the request carried no credentials.
        case missing
        /// Keys are required and the request's credentials do not match them.
        case invalid
    }

    /// `Basic base64(public:secret)`, or nil when the collector has no keys and accepts anything.
    private let expected: String?

    /// The credentials `configuration`'s keys call for.
    package init(configuration: CollectorConfiguration) {
        if configuration.requiresAuthentication, let publicKey = configuration.publicKey,
            let secretKey = configuration.secretKey
        {
            expected = "Basic " + Data("\(publicKey):\(secretKey)".utf8).base64EncodedString()
        } else {
            expected = nil
        }
    }

    /// Whether requests must authenticate at all.
    package var required: Bool { expected != nil }

    /// Judges the credentials a request carried (nil: none).
    ///
    /// Without keys every request is accepted, whatever it carries: SDKs always send some, and the
    /// collector then listens on loopback only.
    package func check(_ given: String?) -> Verdict {
        guard let expected else { return .accepted }
        guard let given else { return .missing }
        return Self.constantTimeEqual(given, expected) ? .accepted : .invalid
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the key.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
