import Foundation
import Hummingbird
import TurnscopeModel

/// The pass-through proxy on the collector's port: `/NAME/…` for a configured route goes to that
/// route's upstream, streamed back as it arrives and recorded beside the stream.
///
/// It runs before every other middleware, so that a model key in `Authorization` is never taken
/// for the collector's own credentials, and it turns the router's 404 into one that names the
/// routes there are.
struct ProxyMiddleware<Context: RequestContext>: RouterMiddleware {
    let collector: Collector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let configuration = collector.configuration
        let path = request.uri.path
        let name = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
        guard let route = configuration.proxyRoutes.first(where: { $0.name == name }) else {
            do {
                return try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                return notFound(path)
            }
        }
        guard configuration.isLoopback else {
            return JSONResponse.error(
                .forbidden,
                "the proxy routes answer only when the collector listens on loopback: a model key must never cross "
                    + "the network in clear to Turnscope (it listens on \(configuration.host))")
        }
        return await ProxyCall(collector: collector, route: route).forward(request)
    }

    private func notFound(_ path: String) -> Response {
        let routes = collector.configuration.proxyRoutes
        let named = routes.map { "/\($0.name)/ (\($0.upstream))" }.joined(separator: ", ")
        return JSONResponse.make(
            .notFound,
            [
                "error": "Not Found",
                "message": .string("nothing is served at \(path); the proxy routes are \(named.isEmpty ? "none" : named)"),
                "routes": .array(routes.map { .string($0.name) }),
            ])
    }
}
