import GRPCCore
import GRPCProtobuf
import TurnscopeCollector
import TurnscopeIngest
import TurnscopeOTLP

/// OTLP/gRPC `LogsService/Export`: decoded like OTLP/HTTP's `/v1/logs` (log events of the known
/// families become records, the others are acknowledged and not stored) and answered only once
/// the records are committed. Registered by hand for the size limit, as `TraceService` is.
struct LogsService: RegistrableRPCService {
    typealias Export = Opentelemetry_Proto_Collector_Logs_V1_LogsService.Method.Export

    let collector: Collector

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerExport(
            Export.descriptor, limit: collector.configuration.maxBodyBytes, input: Export.Input.self,
            output: Export.Output.self
        ) { message in
            try await OTLPExport.logs(OTLPLogs.decode(request: message), into: collector).rpcAnswer()
        }
    }
}
