import Foundation

/// The bytes kept in an `input` or `output` column: references to blobs, not the content itself.
///
/// A chat is a list of message blob ids. An agent's history is mostly ids that were stored one
/// after another, so the list is kept as runs of consecutive ids: a zig-zag varint jump to the start
/// of each run and the run's length. A history of a thousand messages then costs a few bytes per
/// turn, not a copy of the history, nor even a byte per message.
enum PayloadColumn: Equatable {
    /// A chat: message blob ids in order.
    case messages([Int64])
    /// Any other JSON value: one blob id.
    case json(Int64)
    /// Metadata kept out of the row (see SharedMetadata): the blob of what every span of the
    /// process repeats and the blob of what calls alike repeat, each JSON objects, either absent.
    /// (Rows written before calls' parts were kept apart hold `.json` for the process part.)
    case metadata(process: Int64?, call: Int64?)

    private static let messagesTag: UInt8 = 1
    private static let jsonTag: UInt8 = 2
    private static let metadataTag: UInt8 = 3

    /// The encoded column value.
    var data: Data {
        var bytes: [UInt8] = []
        switch self {
        case .messages(let ids):
            bytes.append(Self.messagesTag)
            Varint.append(UInt64(ids.count), to: &bytes)
            var previous: Int64 = 0
            var index = 0
            while index < ids.count {
                var length = 1
                while index + length < ids.count, ids[index + length] == ids[index + length - 1] &+ 1 { length += 1 }
                Varint.append(Varint.zigzag(ids[index] &- previous), to: &bytes)
                Varint.append(UInt64(length), to: &bytes)
                previous = ids[index + length - 1]
                index += length
            }
        case .json(let id):
            bytes.append(Self.jsonTag)
            Varint.append(UInt64(bitPattern: id), to: &bytes)
        case .metadata(let process, let call):
            // Blob ids start at 1: 0 stands for an absent part.
            bytes.append(Self.metadataTag)
            Varint.append(UInt64(bitPattern: process ?? 0), to: &bytes)
            Varint.append(UInt64(bitPattern: call ?? 0), to: &bytes)
        }
        return Data(bytes)
    }

    /// Decodes a column value; nil for bytes this version did not write.
    init?(data: Data) {
        let bytes = [UInt8](data)
        guard let tag = bytes.first else { return nil }
        var offset = 1
        switch tag {
        case Self.messagesTag:
            guard let count = Varint.read(bytes, &offset), count < 10_000_000 else { return nil }
            var ids: [Int64] = []
            ids.reserveCapacity(Int(count))
            var previous: Int64 = 0
            while ids.count < Int(count) {
                guard let jump = Varint.read(bytes, &offset), let length = Varint.read(bytes, &offset),
                    length > 0, length <= count - UInt64(ids.count)
                else { return nil }
                let start = previous &+ Varint.unzigzag(jump)
                for step in 0..<Int64(length) { ids.append(start &+ step) }
                previous = ids[ids.count - 1]
            }
            self = .messages(ids)
        case Self.jsonTag:
            guard let id = Varint.read(bytes, &offset) else { return nil }
            self = .json(Int64(bitPattern: id))
        case Self.metadataTag:
            guard let process = Varint.read(bytes, &offset), let call = Varint.read(bytes, &offset) else { return nil }
            self = .metadata(
                process: process == 0 ? nil : Int64(bitPattern: process), call: call == 0 ? nil : Int64(bitPattern: call))
        default:
            return nil
        }
    }

    /// Every blob id referenced.
    var blobIds: [Int64] {
        switch self {
        case .messages(let ids): ids
        case .json(let id): [id]
        case .metadata(let process, let call): [process, call].compactMap { $0 }
        }
    }
}

/// LEB128 variable-length integers.
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func read(_ bytes: [UInt8], _ offset: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }
}
