import Foundation
import TurnscopeModel
import TurnscopeOTLP

/// Decodes OTLP trace exports (`POST /v1/traces`, and Langfuse's `/api/public/otel/v1/traces`) into
/// records: one observation per span, plus trace records for roots and for spans that carry
/// trace-level attributes.
///
/// It understands the attribute conventions LLM clients use, in this order of precedence:
/// Langfuse's SDKs and litellm (`langfuse.*`), OpenTelemetry GenAI (`gen_ai.*`, with OpenLLMetry's
/// older flattened `gen_ai.prompt.{i}.*`), and OpenInference (`llm.*`, `input.value`, …).
///
/// Pure: bytes in, records out. Decompressing a gzip body, limiting its size and answering the
/// exporter are the collector's job.
public enum OTLPTraces {
    /// Decodes a binary `ExportTraceServiceRequest` (`application/x-protobuf`).
    ///
    /// - Throws: `OTLPDecodeError` when the body is not such a message (truncated, garbage).
    ///   Spans without valid ids do not throw; they are counted in `OTLPBatch.rejected`.
    public static func decode(protobuf data: Data) throws(OTLPDecodeError) -> OTLPBatch {
        batch(try OTLPProtobufReader.read(data))
    }

    /// Decodes an OTLP/JSON `ExportTraceServiceRequest` (`application/json`): hex ids, integer
    /// enums, 64-bit integers as numbers or strings, unknown fields ignored.
    ///
    /// - Throws: `OTLPDecodeError` when the body is not JSON or not shaped like the request.
    ///   Spans without valid ids do not throw; they are counted in `OTLPBatch.rejected`.
    public static func decode(json data: Data) throws(OTLPDecodeError) -> OTLPBatch {
        batch(try OTLPJSONReader.read(data))
    }

    /// Decodes a request gRPC has already parsed.
    public static func decode(request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest) -> OTLPBatch {
        batch(OTLPProtobufReader.read(request: request))
    }

    private static func batch(_ list: OTLPSpanList) -> OTLPBatch {
        var records: [Record] = []
        records.reserveCapacity(list.spans.count * 2)
        var memo = MessageListMemo()
        for span in list.spans { records += OTLPSpanMapper.records(for: span, memo: &memo) }
        return OTLPBatch(records: records, rejected: list.rejections.count, rejectionMessage: list.rejectionMessage)
    }
}
