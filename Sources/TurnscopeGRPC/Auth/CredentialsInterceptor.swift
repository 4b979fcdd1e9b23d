import GRPCCore
import TurnscopeCollector

/// Refuses RPCs without the collector's keys in their `authorization` metadata: the same
/// `Basic base64(public:secret)` value, checked by the same `CollectorCredentials`, as OTLP/HTTP's
/// `Authorization` header, so one exporter setting (`OTEL_EXPORTER_OTLP_HEADERS`) serves both.
///
/// The server installs it only when the collector has keys.
struct CredentialsInterceptor: ServerInterceptor {
    let credentials: CollectorCredentials

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>, context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        switch credentials.check(request.metadata[stringValues: "authorization"].first { _ in true }) {
        case .accepted:
            return try await next(request, context)
        case .missing:
            return StreamingServerResponse(
                error: RPCError(
                    code: .unauthenticated,
                    message: "missing authorization metadata: send `authorization: Basic …` with the collector's public and secret key"))
        case .invalid:
            return StreamingServerResponse(
                error: RPCError(
                    code: .unauthenticated, message: "invalid credentials: the public or secret key does not match the collector's"))
        }
    }
}
