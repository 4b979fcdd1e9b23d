import CZlib
import Foundation

/// Inflates gzip request bodies without ever holding more than a set limit in memory.
///
/// A gzip bomb (a few kilobytes that inflate to gigabytes) is refused as soon as the output passes
/// the limit, instead of being inflated first and measured after.
enum Gunzip {
    enum Failure: Error {
        /// The inflated body would pass the limit.
        case tooLarge(limit: Int)
        /// The bytes are not valid gzip.
        case corrupt(String)
    }

    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 16 + 15: expect a gzip header and trailer, with the largest window.
        guard inflateInit2_(&stream, 16 + 15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("cannot start inflating")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        var failure: Failure?
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit {
                    failure = .tooLarge(limit: limit)
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return }
                if status != Z_OK {
                    failure = .corrupt(stream.msg.map { String(cString: $0) } ?? "inflate error \(status)")
                    return
                }
                if stream.avail_in == 0, produced == 0 {
                    failure = .corrupt("truncated gzip stream")
                    return
                }
            } while true
        }
        if let failure { throw failure }
        return output
    }
}
