import Foundation
import TurnscopeModel
import TurnscopeOTLP

/// Decodes OTLP log exports (`POST /v1/logs`, or gRPC `LogsService/Export`) into records.
///
/// Coding agents and GenAI instrumentations report model calls as log events: Claude Code's
/// `claude_code.api_request`, Codex's `codex.sse_event`, Gemini CLI's `gemini_cli.api_response`, the
/// GenAI `gen_ai.client.inference.operation.details`. Each family has its own mapping
/// (`OTLPLogMapper`); records of no known family are acknowledged and not stored.
///
/// Pure: bytes in, records out. A call that several exports describe (its log events, its span,
/// the agent's transcript) is made one turn by ids the mappings share and, where no id is shared,
/// by the store's twin matching.
public enum OTLPLogs {
    /// Decodes a binary `ExportLogsServiceRequest` (`application/x-protobuf`).
    ///
    /// - Throws: `OTLPDecodeError` when the body is not such a message. Records with malformed
    ///   ids do not throw; they are counted in `OTLPBatch.rejected`.
    public static func decode(protobuf data: Data) throws(OTLPDecodeError) -> OTLPBatch {
        batch(try OTLPLogProtobufReader.read(data))
    }

    /// Decodes an OTLP/JSON `ExportLogsServiceRequest` (`application/json`).
    ///
    /// - Throws: `OTLPDecodeError` when the body is not JSON or not shaped like the request.
    public static func decode(json data: Data) throws(OTLPDecodeError) -> OTLPBatch {
        batch(try OTLPLogJSONReader.read(data))
    }

    /// Decodes a request gRPC has already parsed.
    public static func decode(request: Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest) -> OTLPBatch {
        batch(OTLPLogProtobufReader.read(request: request))
    }

    private static func batch(_ list: OTLPLogList) -> OTLPBatch {
        OTLPBatch(
            records: OTLPLogMapper.records(for: list.records), rejected: list.rejections.count,
            rejectionMessage: list.rejectionMessage)
    }
}
