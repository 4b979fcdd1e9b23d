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
        router.registerHandler(
            forMethod: Export.descriptor,
            deserializer: ExportDeserializer<Export.Input>(limit: collector.configuration.maxBodyBytes),
            serializer: ProtobufSerializer<Export.Output>()
        ) { request, _ in
            let message = try await ServerRequest(stream: request).message
            let response = try await OTLPExport.traces(OTLPTraces.decode(request: message), into: collector).rpcAnswer()
            return StreamingServerResponse(single: ServerResponse(message: response))
        }
    }
}
