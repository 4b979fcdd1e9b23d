import GRPCCore
import GRPCProtobuf
import TurnscopeCollector
import TurnscopeIngest
import TurnscopeOTLP

/// OTLP/gRPC `TraceService/Export`: the request is decoded by the same pure decoder as OTLP/HTTP's
/// protobuf body and stored through the same writer (`OTLPExport`); the answer comes only once the
/// records are committed.
///
/// Registered by hand rather than through the generated protocol, whose registration fixes the
/// deserializer: this one enforces the collector's size limit (`ExportDeserializer`).
struct TraceService: RegistrableRPCService {
    typealias Export = Opentelemetry_Proto_Collector_Trace_V1_TraceService.Method.Export

    let collector: Collector

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerExport(
            Export.descriptor, limit: collector.configuration.maxBodyBytes, input: Export.Input.self,
            output: Export.Output.self
        ) { message in
            try await OTLPExport.traces(OTLPTraces.decode(request: message), into: collector).rpcAnswer()
        }
    }
}
