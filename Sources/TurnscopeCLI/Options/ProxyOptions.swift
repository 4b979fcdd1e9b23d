import ArgumentParser
import TurnscopeCollector

/// The pass-through proxy's options, shared by `serve` and the browser's embedded collector.
struct ProxyOptions: ParsableArguments {
    @Option(
        name: .customLong("upstream"),
        help: ArgumentHelp(
            "Add or replace a proxy route: /NAME/… on the collector goes to URL/… (repeatable; anthropic and openai are built in).",
            valueName: "NAME=URL"))
    var upstreams: [String] = []

    @Option(
        help: ArgumentHelp(
            "Also trust the PEM certificate authorities in this file for upstream TLS (a private endpoint); the system's stay trusted.",
            valueName: "path"))
    var upstreamCaFile: String?

    /// `configuration` with these routes and this trust.
    func apply(to configuration: inout CollectorConfiguration) throws {
        for upstream in upstreams {
            configuration.proxyRoutes = ProxyRoute.adding(try ProxyRoute(parsing: upstream), to: configuration.proxyRoutes)
        }
        if let upstreamCaFile {
            do {
                configuration.upstreamTrust = try UpstreamTrust(addingCertificatesIn: upstreamCaFile)
            } catch {
                throw CommandError(error.description)
            }
        }
    }
}
