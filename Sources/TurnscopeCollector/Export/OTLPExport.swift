import TurnscopeIngest
import TurnscopeOTLP

/// Storing one decoded OTLP export and building the exporter's answer: the part OTLP/HTTP
/// (`OTLPRoutes`) and OTLP/gRPC (TurnscopeGRPC) share, so both acknowledge the same way.
///
/// The records are committed before the answer exists, so an acknowledged export is on disk.
/// Spans or log records the decoder refused are reported as OTLP partial success (the exporter
/// logs it and does not retry); a failed write is `OTLPExportFailure`, which each protocol turns
/// into its retryable refusal (HTTP 503, gRPC `unavailable`).
package enum OTLPExport {
    /// Stores a trace export's records; the answer once they are committed.
    package static func traces(
        _ batch: OTLPBatch, into collector: Collector
    ) async -> Result<Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse, OTLPExportFailure> {
        await store(batch, into: collector).map { traceResponse(for: batch) }
    }

    /// Stores a logs export's records; the answer once they are committed.
    package static func logs(
        _ batch: OTLPBatch, into collector: Collector
    ) async -> Result<Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceResponse, OTLPExportFailure> {
        await store(batch, into: collector).map { logsResponse(for: batch) }
    }

    /// The trace answer: partial success when spans were rejected, else empty ("all accepted").
    package static func traceResponse(for batch: OTLPBatch) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse {
        var response = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse()
        if batch.rejected > 0 {
            response.partialSuccess.rejectedSpans = Int64(batch.rejected)
            response.partialSuccess.errorMessage = batch.rejectionMessage ?? ""
        }
        return response
    }

    /// The logs answer: partial success when log records were rejected, else empty.
    package static func logsResponse(for batch: OTLPBatch) -> Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceResponse {
        var response = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceResponse()
        if batch.rejected > 0 {
            response.partialSuccess.rejectedLogRecords = Int64(batch.rejected)
            response.partialSuccess.errorMessage = batch.rejectionMessage ?? ""
        }
        return response
    }

    /// Commits the batch's records through the collector's group-commit writer, the one every
    /// route writes through, and returns once they are on disk.
    private static func store(_ batch: OTLPBatch, into collector: Collector) async -> Result<Void, OTLPExportFailure> {
        guard !batch.records.isEmpty else { return .success(()) }
        if case .failure(let error) = await collector.writer.write(batch.records, client: "otlp") {
            return .failure(OTLPExportFailure(message: "the export was not stored: \(error)"))
        }
        return .success(())
    }
}

/// An export that was decoded but not stored: nothing of it was committed, so the exporter should
/// send it again.
package struct OTLPExportFailure: Error, Sendable {
    /// Why, for the exporter's log.
    package let message: String
}
