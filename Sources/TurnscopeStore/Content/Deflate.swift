import CZlib
import Foundation

/// Raw DEFLATE for stored content.
///
/// Message text is prose, code and JSON, which deflate shrinks to a third or less; that keeps the
/// database smaller than the unique content it holds even after the full-text index and the row
/// overhead are added.
///
/// A compressor is reused across blobs: setting up a zlib stream costs more than compressing a
/// kilobyte, and a small hash table (memory level 4) keeps each reset cheap for message-sized input.
/// With a preset dictionary (`ContentDictionary`) it is primed again after each reset.
final class Deflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let ready: Bool
    private let dictionary: [UInt8]?
    /// The shortest input worth compressing: without a dictionary, deflate cannot shorten the
    /// first hundred bytes of anything much.
    private let shortest: Int

    init(level: Int32 = 1, dictionary: [UInt8]? = nil) {
        stream.initialize(to: z_stream())
        ready = deflateInit2_(stream, level, Z_DEFLATED, -15, 4, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        self.dictionary = dictionary
        shortest = dictionary == nil ? 96 : 32
    }

    deinit {
        if ready { deflateEnd(stream) }
        stream.deallocate()
    }

    /// The compressed bytes prefixed by the original length (a varint), or nil when compressing
    /// would not save space.
    func compress(_ input: [UInt8]) -> [UInt8]? {
        guard ready, input.count >= shortest, deflateReset(stream) == Z_OK else { return nil }
        if let dictionary {
            let primed = dictionary.withUnsafeBufferPointer { deflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) }
            guard primed == Z_OK else { return nil }
        }
        var output: [UInt8] = []
        Varint.append(UInt64(input.count), to: &output)
        let header = output.count
        let bound = Int(deflateBound(stream, uLong(input.count)))
        output.append(contentsOf: repeatElement(0, count: bound))
        let produced: Int? = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = target.baseAddress! + header
                stream.pointee.avail_out = uInt(bound)
                guard deflate(stream, Z_FINISH) == Z_STREAM_END else { return nil }
                return Int(stream.pointee.total_out)
            }
        }
        guard let produced, header + produced < input.count else { return nil }
        output.removeLast(bound - produced)
        return output
    }
}

/// Reading what `Deflater` wrote.
enum Inflate {
    /// The original bytes, nil when they are damaged; `dictionary` is the one they were deflated with.
    static func decompress(_ input: Data, dictionary: [UInt8]? = nil) -> Data? {
        let bytes = [UInt8](input)
        var offset = 0
        guard let length = Varint.read(bytes, &offset), length < 1 << 31 else { return nil }
        var output = Data(count: Int(length))
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        if let dictionary {
            // Raw inflate takes its dictionary up front: there is no header to ask for it.
            let primed = dictionary.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
            guard primed == Z_OK else { return nil }
        }
        let status: Int32 = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + offset)
                stream.avail_in = uInt(source.count - offset)
                stream.next_out = target.bindMemory(to: UInt8.self).baseAddress
                stream.avail_out = uInt(length)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.total_out == length else { return nil }
        return output
    }
}
