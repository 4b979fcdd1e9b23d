import ArgumentParser
import Foundation
import TurnscopeCollector

extension CollectorConfiguration {
    /// The configuration `serve` and the browser's embedded collector share: `--listen host:port`
    /// (a bracketed IPv6 host allowed), keys from the flags else `TURNSCOPE_PUBLIC_KEY` and
    /// `TURNSCOPE_SECRET_KEY`, validated so an unsafe address fails before anything listens.
    static func fromCommandLine(
        listen: String, publicKey: String? = nil, secretKey: String? = nil, maxBodyBytes: Int = 16 << 20,
        upstreams: [String] = []
    ) throws -> CollectorConfiguration {
        let address = try ListenAddress(parsing: listen, flag: "--listen", example: "127.0.0.1:4318")
        let environment = ProcessInfo.processInfo.environment
        var routes = ProxyRoute.defaults
        for upstream in upstreams { routes = ProxyRoute.adding(try ProxyRoute(parsing: upstream), to: routes) }
        let configuration = CollectorConfiguration(
            host: address.host, port: address.port,
            publicKey: publicKey ?? environment["TURNSCOPE_PUBLIC_KEY"],
            secretKey: secretKey ?? environment["TURNSCOPE_SECRET_KEY"], maxBodyBytes: maxBodyBytes,
            proxyRoutes: routes)
        do {
            try configuration.validate()
        } catch {
            throw CommandError(error.description)
        }
        return configuration
    }
}
