import ArgumentParser
import Foundation
import TurnscopeCollector

extension CollectorConfiguration {
    /// The configuration `serve` and the browser's embedded collector share: `--listen host:port`
    /// (a bracketed IPv6 host allowed), keys from the flags else `TURNSCOPE_PUBLIC_KEY` and
    /// `TURNSCOPE_SECRET_KEY`, the proxy's routes and trust, validated so an unsafe address fails before anything listens.
    static func fromCommandLine(
        listen: String, publicKey: String? = nil, secretKey: String? = nil, maxBodyBytes: Int = 16 << 20,
        proxy: ProxyOptions? = nil
    ) throws -> CollectorConfiguration {
        let address = try ListenAddress(parsing: listen, flag: "--listen", example: "127.0.0.1:4318")
        let environment = ProcessInfo.processInfo.environment
        var configuration = CollectorConfiguration(
            host: address.host, port: address.port,
            publicKey: publicKey ?? environment["TURNSCOPE_PUBLIC_KEY"],
            secretKey: secretKey ?? environment["TURNSCOPE_SECRET_KEY"], maxBodyBytes: maxBodyBytes)
        try proxy?.apply(to: &configuration)
        do {
            try configuration.validate()
        } catch {
            throw CommandError(error.description)
        }
        return configuration
    }
}
