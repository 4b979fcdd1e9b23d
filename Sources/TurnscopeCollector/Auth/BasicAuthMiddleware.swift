import Foundation
import Hummingbird

/// Requires HTTP Basic credentials matching the collector's keys, when it has keys.
///
/// Without keys every request is accepted, whatever credentials it carries: SDKs always send
/// some, and the collector then listens on loopback only. The health probe never needs them.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let expected: String?

    init(configuration: CollectorConfiguration) {
        if configuration.requiresAuthentication, let publicKey = configuration.publicKey,
            let secretKey = configuration.secretKey
        {
            expected = "Basic " + Data("\(publicKey):\(secretKey)".utf8).base64EncodedString()
        } else {
            expected = nil
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let expected, request.uri.path != "/api/public/health" else {
            return try await next(request, context)
        }
        guard let given = request.headers[.authorization] else {
            return JSONResponse.error(.unauthorized, "missing Authorization header: send HTTP Basic with the collector's public and secret key")
        }
        guard Self.constantTimeEqual(given, expected) else {
            return JSONResponse.error(.unauthorized, "invalid credentials: the public or secret key does not match the collector's")
        }
        return try await next(request, context)
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
