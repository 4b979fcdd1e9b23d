import Foundation
import SwiftProtobuf
import TurnscopeModel

/// Builds the HTTP requests the drainer sends: OTLP exports and batch-ingestion posts, each with
/// Basic auth from the destination's keys. The keys live in the request headers only.
struct RequestBuilder {
    let destination: MirrorDestination
    let options: EncodeOptions

    private var authorization: String {
        "Basic " + Data("\(destination.publicKey):\(destination.secretKey)".utf8).base64EncodedString()
    }

    private var common: [(String, String)] {
        [
            ("Authorization", authorization), ("User-Agent", "turnscope-mirror"),
            ("x-langfuse-sdk-name", "turnscope"), ("x-langfuse-public-key", destination.publicKey),
        ]
    }

    /// An OTLP protobuf export, gzipped, for the real-time (v4) ingestion path.
    func otlp(_ traces: [OutgoingTrace]) -> MirrorRequest {
        let message = LangfuseSpanEncoder.request(traces, options: options)
        let bytes: [UInt8] = (try? message.serializedBytes()) ?? []
        return MirrorRequest(
            url: destination.host + MirrorProtocol.otlp.path,
            headers: common + [
                ("Content-Type", "application/x-protobuf"), ("Content-Encoding", "gzip"),
                ("x-langfuse-ingestion-version", "4"),
            ],
            body: Gzip.compress(bytes))
    }

    /// A batch-ingestion post of these events.
    func ingestion(_ events: [JSONValue]) -> MirrorRequest {
        MirrorRequest(
            url: destination.host + MirrorProtocol.ingestion.path,
            headers: common + [("Content-Type", "application/json")],
            body: LangfuseEventEncoder.batch(events))
    }
}
