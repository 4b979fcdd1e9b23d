import Foundation
import Hummingbird
import SwiftProtobuf
import TurnscopeIngest
import TurnscopeModel
import TurnscopeOTLP

/// OTLP/HTTP: traces at the standard path and at Langfuse's, in protobuf or JSON, optionally
/// gzipped, answered with the OTLP response (with partial success when spans were rejected).
/// Logs likewise (agents' and GenAI's log events); metrics are acknowledged and dropped, so
/// exporters that send all three signals do not error.
struct OTLPRoutes {
    let collector: Collector

    func add(to router: Router<BasicRequestContext>) {
        router.post("/v1/traces") { request, _ in
            await IncomingBody.handle(request, limits: self.collector.configuration, self.traces)
        }
        router.post("/api/public/otel/v1/traces") { request, _ in
            await IncomingBody.handle(request, limits: self.collector.configuration, self.traces)
        }
        for path in ["/v1/logs", "/api/public/otel/v1/logs"] {
            router.post(RouterPath(stringLiteral: path)) { request, _ in
                await IncomingBody.handle(request, limits: self.collector.configuration, self.logs)
            }
        }
        for path in ["/v1/metrics", "/api/public/otel/v1/metrics"] {
            router.post(RouterPath(stringLiteral: path)) { request, _ in await self.acknowledge(request) }
        }
        // Two mistakes the agents' exporters make easy: Codex posts to exactly the URL configured
        // (the collector's root, when `/v1/logs` was left off), and Gemini CLI appends `/v1/logs`
        // to whatever path it is given. Both get a 404 that says what to configure.
        router.post("/") { _, _ in
            JSONResponse.error(
                .notFound,
                "OTLP/HTTP signals go to /v1/traces, /v1/logs and /v1/metrics; exporters that take a full URL per signal (Codex's [otel] table) need the path")
        }
        for signal in ["traces", "logs", "metrics"] {
            router.post(RouterPath(stringLiteral: "/v1/\(signal)/v1/\(signal)")) { _, _ in
                JSONResponse.error(
                    .notFound,
                    "the exporter appended /v1/\(signal) to an endpoint that already ended in it: configure the base URL (http://127.0.0.1:4318)")
            }
        }
    }

    private func traces(_ body: IncomingBody) async -> Response {
        await export(body, protobuf: OTLPTraces.decode(protobuf:), json: OTLPTraces.decode(json:)) { batch in
            await OTLPExport.traces(batch, into: self.collector)
        }
    }

    private func logs(_ body: IncomingBody) async -> Response {
        await export(body, protobuf: OTLPLogs.decode(protobuf:), json: OTLPLogs.decode(json:)) { batch in
            await OTLPExport.logs(batch, into: self.collector)
        }
    }

    /// Decodes an export by its media type, stores its records (`OTLPExport`, shared with gRPC),
    /// and answers with the signal's response only once they are committed.
    private func export<Answer: SwiftProtobuf.Message>(
        _ body: IncomingBody, protobuf: (Data) throws(OTLPDecodeError) -> OTLPBatch,
        json: (Data) throws(OTLPDecodeError) -> OTLPBatch,
        store: (OTLPBatch) async -> Result<Answer, OTLPExportFailure>
    ) async -> Response {
        let batch: OTLPBatch
        do {
            if body.isProtobuf {
                batch = try protobuf(body.data)
            } else if body.isJSON {
                batch = try json(body.data)
            } else {
                return JSONResponse.error(
                    .unsupportedMediaType,
                    "OTLP/HTTP takes application/x-protobuf or application/json, not \(body.mediaType.isEmpty ? "no Content-Type" : body.mediaType)")
            }
        } catch {
            return JSONResponse.error(.badRequest, "\(error)")
        }
        switch await store(batch) {
        case .success(let answer):
            return Self.respond(answer, protobuf: body.isProtobuf)
        case .failure(let failure):
            // 503 is retryable for OTLP exporters: nothing was stored, so the export should come again.
            return JSONResponse.error(.serviceUnavailable, failure.message)
        }
    }

    private func acknowledge(_ request: Request) async -> Response {
        if case .failure(let refusal) = await IncomingBody.read(request, limits: collector.configuration) {
            return refusal.response
        }
        let protobuf = request.headers[.contentType]?.contains("protobuf") ?? false
        return Self.respond(Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse(), protobuf: protobuf)
    }

    private static func respond(_ message: some SwiftProtobuf.Message, protobuf: Bool) -> Response {
        var buffer = ByteBuffer()
        if protobuf {
            buffer.writeBytes((try? message.serializedBytes() as [UInt8]) ?? [])
            return Response(status: .ok, headers: [.contentType: "application/x-protobuf"], body: .init(byteBuffer: buffer))
        }
        buffer.writeString((try? message.jsonString()) ?? "{}")
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}
