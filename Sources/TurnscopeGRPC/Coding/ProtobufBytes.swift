import GRPCCore
import SwiftProtobuf

/// The bytes gRPC received, as swift-protobuf reads them (both protocols ask for the same
/// operations), so a message is parsed in place without a copy.
struct ProtobufBytes<Bytes: GRPCContiguousBytes>: SwiftProtobufContiguousBytes {
    var bytes: Bytes

    init(_ bytes: Bytes) { self.bytes = bytes }
    init(repeating byte: UInt8, count: Int) { bytes = Bytes(repeating: byte, count: count) }
    init<S: Sequence>(_ sequence: S) where S.Element == UInt8 { bytes = Bytes(sequence) }

    var count: Int { bytes.count }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeMutableBytes(body)
    }
}
