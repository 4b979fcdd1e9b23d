import Foundation
import Hummingbird

/// Requires HTTP Basic credentials matching the collector's keys, when it has keys
/// (`CollectorCredentials`, which gRPC checks the same way). The health probe never needs them.
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let credentials: CollectorCredentials

    init(configuration: CollectorConfiguration) {
        credentials = CollectorCredentials(configuration: configuration)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard credentials.required, request.uri.path != "/api/public/health" else {
            return try await next(request, context)
        }
        switch credentials.check(request.headers[.authorization]) {
        case .accepted:
            return try await next(request, context)
        case .missing:
            return JSONResponse.error(.unauthorized, "missing Authorization header: send HTTP Basic with the collector's public and secret key")
        case .invalid:
            return JSONResponse.error(.unauthorized, "invalid credentials: the public or secret key does not match the collector's")
        }
    }
}
