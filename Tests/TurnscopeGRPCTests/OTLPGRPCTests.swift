import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import GRPCProtobuf
import Testing
import TurnscopeCollector
import TurnscopeGRPC
import TurnscopeModel
import TurnscopeOTLP

/// OTLP/gRPC end to end: a grpc-swift client over HTTP/2 on loopback, the server, the store.
@Suite struct OTLPGRPCTests {
    typealias Traces = Opentelemetry_Proto_Collector_Trace_V1_TraceService
    typealias Logs = Opentelemetry_Proto_Collector_Logs_V1_LogsService
    typealias Metrics = Opentelemetry_Proto_Collector_Metrics_V1_MetricsService

    @Test func spansAreStoredBeforeTheAnswer() async throws {
        let harness = try GRPCHarness()
        let response = try await harness.withClient { client in
            try await Traces.Client(wrapping: client).export(OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x11)]))
        }
        #expect(!response.hasPartialSuccess)
        let chat = try #require(harness.observations().first { $0.id == "1111111111111111" })
        #expect(chat.traceId == OTLPRequests.traceHex)
        #expect(chat.kind == .generation)
        #expect(chat.model == "gpt-4o-2024-08-06")
        #expect(chat.usage?.input == 120)
        #expect(chat.usage?.output == 42)
        let traces = try harness.exported().compactMap { if case .trace(let trace) = $0 { trace } else { nil } }
        #expect(traces.contains { $0.id == OTLPRequests.traceHex && $0.sessionId == "grpc-conversation" })
    }

    @Test func aSpanWithABadIdIsReportedAsPartialSuccessAndTheOthersAreStored() async throws {
        let harness = try GRPCHarness()
        let spans = [OTLPRequests.chatSpan(id: 0x22), OTLPRequests.chatSpan(id: 0x33, spanIDBytes: 3)]
        let response = try await harness.withClient { client in
            try await Traces.Client(wrapping: client).export(OTLPRequests.traces(spans))
        }
        #expect(response.partialSuccess.rejectedSpans == 1)
        #expect(response.partialSuccess.errorMessage.contains("spanId"), "\(response.partialSuccess.errorMessage)")
        #expect(try harness.observations().map(\.id) == ["2222222222222222"])
    }

    @Test func logsAreAcknowledgedAndEventsOfNoKnownFamilyAreNotStored() async throws {
        let harness = try GRPCHarness()
        let events = [OTLPRequests.logEvent("myapp.cache_miss"), OTLPRequests.logEvent("myapp.retry")]
        let response = try await harness.withClient { client in
            try await Logs.Client(wrapping: client).export(OTLPRequests.logs(events))
        }
        #expect(!response.hasPartialSuccess)
        #expect(try harness.exported().isEmpty)
    }

    @Test func aLogRecordWithABadTraceIdIsReportedAsPartialSuccess() async throws {
        let harness = try GRPCHarness()
        let events = [OTLPRequests.logEvent("myapp.cache_miss"), OTLPRequests.logEvent("myapp.retry", traceIDBytes: 5)]
        let response = try await harness.withClient { client in
            try await Logs.Client(wrapping: client).export(OTLPRequests.logs(events))
        }
        #expect(response.partialSuccess.rejectedLogRecords == 1)
        #expect(response.partialSuccess.errorMessage.contains("traceId"), "\(response.partialSuccess.errorMessage)")
    }

    @Test func aRealMetricsExportIsAcknowledgedWithAnEmptyAnswer() async throws {
        let harness = try GRPCHarness()
        let response = try await harness.withClient { client in
            try await Metrics.Client(wrapping: client).export(
                request: ClientRequest(message: Metrics.Method.Export.Input()),
                serializer: RawBytesSerializer(bytes: OTLPRequests.metricsRequestBytes),
                deserializer: ProtobufDeserializer<Metrics.Method.Export.Output>()
            ) { response in try response.message }
        }
        #expect(try response.serializedBytes() as [UInt8] == [])
        #expect(try harness.exported().isEmpty)
    }

    @Test func aGzipCompressedExportIsStored() async throws {
        let harness = try GRPCHarness()
        var options = CallOptions.defaults
        options.compression = .gzip
        let requestOptions = options
        _ = try await harness.withClient(compression: .gzip) { client in
            try await Traces.Client(wrapping: client).export(
                OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x44)]), options: requestOptions)
        }
        #expect(try harness.observations().map(\.id) == ["4444444444444444"])
    }

    @Test func anOversizedMessageIsResourceExhaustedAndTheNextCallStillWorks() async throws {
        let harness = try GRPCHarness(configuration: CollectorConfiguration(port: 0, maxBodyBytes: 64 << 10))
        let huge = OTLPRequests.chatSpan(id: 0x55, extra: [OTLPRequests.attribute("gen_ai.prompt", String(repeating: "x", count: 100 << 10))])
        try await harness.withClient { client in
            let traces = Traces.Client(wrapping: client)
            await #expect {
                _ = try await traces.export(OTLPRequests.traces([huge]))
            } throws: { error in
                (error as? RPCError)?.code == .resourceExhausted
            }
            _ = try await traces.export(OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x66)]))
        }
        #expect(try harness.observations().map(\.id) == ["6666666666666666"])
    }

    @Test func aGzipMessageIsMeasuredInflatedAsAGzipBodyIs() async throws {
        let harness = try GRPCHarness(configuration: CollectorConfiguration(port: 0, maxBodyBytes: 64 << 10))
        // 100 KiB of one letter: about a kilobyte on the wire, well over the limit once inflated.
        let huge = OTLPRequests.chatSpan(id: 0x58, extra: [OTLPRequests.attribute("gen_ai.prompt", String(repeating: "x", count: 100 << 10))])
        var options = CallOptions.defaults
        options.compression = .gzip
        let requestOptions = options
        _ = try await harness.withClient(compression: .gzip) { client in
            await #expect {
                _ = try await Traces.Client(wrapping: client).export(OTLPRequests.traces([huge]), options: requestOptions)
            } throws: { error in
                (error as? RPCError)?.code == .resourceExhausted
            }
        }
        #expect(try harness.observations().isEmpty)
    }

    @Test func aFailedWriteIsUnavailableSoTheExporterRetries() async throws {
        let harness = try GRPCHarness()
        try await harness.withClient { client in
            // The writer stopped (as when the collector shuts down): nothing can be committed.
            await harness.collector.stop()
            await #expect {
                _ = try await Traces.Client(wrapping: client).export(OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x77)]))
            } throws: { error in
                (error as? RPCError)?.code == .unavailable
            }
        }
        #expect(try harness.observations().isEmpty)
    }
}
