import ArgumentParser
import Foundation
import TurnscopeCollector
import TurnscopeGRPC

/// OTLP/gRPC beside the collector (`serve` and the browser): on 127.0.0.1:4317 by default,
/// elsewhere with `--grpc-listen`, off with `--no-grpc`.
///
/// The default port taken (another collector already serving gRPC) only turns gRPC off, with a
/// word on stdout and in the header; a port the user chose that cannot be bound is an error.
struct GRPCOptions: ParsableArguments {
    /// OTLP/gRPC's standard address.
    static let defaultAddress = "127.0.0.1:4317"

    @Option(help: ArgumentHelp("Where OTLP/gRPC listens (default: \(Self.defaultAddress)).", valueName: "host:port"))
    var grpcListen: String?

    @Flag(help: "Serve no OTLP/gRPC.")
    var noGrpc = false

    func validate() throws {
        if noGrpc, grpcListen != nil { throw ValidationError("--grpc-listen and --no-grpc contradict each other") }
        if let grpcListen { _ = try ListenAddress(parsing: grpcListen, flag: "--grpc-listen", example: Self.defaultAddress) }
    }

    /// The gRPC server started beside `collector`, or nil, and what became of it.
    ///
    /// - Throws: `CommandError` when an address given with `--grpc-listen` cannot be used.
    func start(beside collector: Collector) async throws -> (server: OTLPGRPCServer?, status: GRPCStatus) {
        if noGrpc { return (nil, .turnedOff) }
        let address = try ListenAddress(
            parsing: grpcListen ?? Self.defaultAddress, flag: "--grpc-listen", example: Self.defaultAddress)
        let server = OTLPGRPCServer(collector: collector, host: address.host, port: address.port)
        do {
            let port = try await server.start()
            return (server, .listening(ListenAddress(host: address.host, port: port)))
        } catch {
            if grpcListen != nil { throw CommandError(error.description) }
            return (nil, .unavailable(address, reason: error.description.contains("already in use") ? "in use" : "unavailable"))
        }
    }
}
