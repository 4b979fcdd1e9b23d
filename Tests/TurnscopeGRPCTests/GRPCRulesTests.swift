import Foundation
import GRPCCore
import Testing
import TurnscopeCollector
import TurnscopeGRPC

/// The collector's rules over gRPC: keys for a non-loopback address, and a clear refusal to start.
@Suite struct GRPCRulesTests {
    typealias Traces = Opentelemetry_Proto_Collector_Trace_V1_TraceService

    static let keys = CollectorConfiguration(host: "0.0.0.0", port: 0, publicKey: "pk-lf-grpc", secretKey: "sk-lf-grpc")
    /// HTTP Basic of the keys above, as OTEL_EXPORTER_OTLP_HEADERS would carry it.
    static let basic = "Basic " + Data("pk-lf-grpc:sk-lf-grpc".utf8).base64EncodedString()

    @Test func onANonLoopbackAddressOnlyTheCollectorsKeysAreAccepted() async throws {
        let harness = try GRPCHarness(configuration: Self.keys, host: "0.0.0.0")
        try await harness.withClient { client in
            let traces = Traces.Client(wrapping: client)
            for metadata: Metadata in [[:], ["authorization": "Basic cGstbGYtZ3JwYzp3cm9uZw=="], ["authorization": "Bearer sk-lf-grpc"]] {
                await #expect("\(metadata)") {
                    _ = try await traces.export(OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x12)]), metadata: metadata)
                } throws: { error in
                    (error as? RPCError)?.code == .unauthenticated
                }
            }
            _ = try await traces.export(OTLPRequests.traces([OTLPRequests.chatSpan(id: 0x13)]), metadata: ["authorization": "\(Self.basic)"])
        }
        #expect(try harness.observations().map(\.id) == ["1313131313131313"])
    }

    @Test func aNonLoopbackAddressWithoutKeysIsRefusedBeforeListening() async throws {
        let harness = try GRPCHarness(configuration: CollectorConfiguration(port: 0), host: "0.0.0.0")
        await #expect {
            _ = try await harness.server.start()
        } throws: { error in
            "\(error)".contains("refusing to listen on 0.0.0.0 without keys")
        }
        await harness.stop()
    }

    @Test func aTakenPortIsAnErrorThatSaysSo() async throws {
        let first = try GRPCHarness()
        let port = try await first.server.start()
        let second = OTLPGRPCServer(collector: first.collector, host: "127.0.0.1", port: port)
        await #expect {
            _ = try await second.start()
        } throws: { error in
            "\(error)" == "cannot listen for gRPC on 127.0.0.1:\(port): the address is already in use"
        }
        await first.stop()
    }
}
