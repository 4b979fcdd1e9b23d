import GRPCCore

/// Sends fixed bytes whatever the message: a request the generated client has no type for (a
/// real metrics export, against the acknowledgement's field-less request type).
struct RawBytesSerializer<Message>: MessageSerializer {
    let bytes: [UInt8]

    func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
        Bytes(bytes)
    }
}
