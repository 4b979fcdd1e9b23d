import GRPCCore
import GRPCProtobuf
import TurnscopeCollector

/// OTLP/gRPC `MetricsService/Export`, acknowledged and dropped as OTLP/HTTP's `/v1/metrics` is, so
/// exporters that send all three signals (Claude Code's does) do not log errors.
///
/// Its messages are the field-less ones of scripts/proto (see the comment there): the request's
/// metrics are stepped over unread, and the empty answer means "all accepted". The size limit is
/// the collector's, as for traces and logs.
struct MetricsService: RegistrableRPCService {
    typealias Export = Opentelemetry_Proto_Collector_Metrics_V1_MetricsService.Method.Export

    let collector: Collector

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerExport(
            Export.descriptor, limit: collector.configuration.maxBodyBytes, input: Export.Input.self,
            output: Export.Output.self
        ) { _ in
            Export.Output()
        }
    }
}
