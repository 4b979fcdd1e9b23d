import TurnscopeCollector
import TurnscopeGRPC

/// A collector a command started, with its OTLP/gRPC server when that is on.
struct RunningCollector: Sendable {
    let collector: Collector
    let grpc: OTLPGRPCServer?

    /// Stops gRPC, then the collector: gRPC answers what is in flight while the writer still runs,
    /// and the writer stops last, so nothing acknowledged is lost.
    func stop() async {
        await grpc?.stop()
        await collector.stop()
    }
}
