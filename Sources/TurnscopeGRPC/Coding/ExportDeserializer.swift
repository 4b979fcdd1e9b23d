import GRPCCore
import SwiftProtobuf

/// Parses an export request after checking its size against the collector's limit.
///
/// The limit is enforced here, not only by the transport: grpc-swift's HTTP/2 transport answers a
/// message over its own limit by resetting the stream, which exporters see as `UNAVAILABLE` and
/// retry, so an export that can never be accepted would be sent again and again. Refused here it
/// ends with `RESOURCE_EXHAUSTED`, which exporters drop, and the size counted is the message once
/// inflated, as OTLP/HTTP counts a gzip body. (The transport's own, larger limit still bounds what
/// it buffers: `OTLPGRPCServer`.)
///
/// Unknown fields are discarded, as OTLP/HTTP's decoder does: nothing reads them, and keeping them
/// would hold a copy of their bytes (all of a metrics export's, whose messages declare no fields).
struct ExportDeserializer<Message: SwiftProtobuf.Message>: MessageDeserializer {
    /// The largest message accepted, in bytes (`CollectorConfiguration.maxBodyBytes`).
    let limit: Int

    func deserialize<Bytes: GRPCContiguousBytes>(_ bytes: Bytes) throws -> Message {
        guard bytes.count <= limit else {
            throw RPCError(
                code: .resourceExhausted,
                message: "the message is \(bytes.count) bytes, more than the collector accepts (\(limit) bytes, --max-body-mb)")
        }
        var options = BinaryDecodingOptions()
        options.discardUnknownFields = true
        do {
            return try Message(serializedBytes: ProtobufBytes(bytes), options: options)
        } catch {
            throw RPCError(code: .invalidArgument, message: "not an OTLP protobuf \(Message.protoMessageName): \(error)")
        }
    }
}
