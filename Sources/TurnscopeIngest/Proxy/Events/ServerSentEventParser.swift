/// An incremental `text/event-stream` parser: feed it the response body in whatever chunks the
/// network delivers, and it hands back each event as soon as its blank line arrives.
///
/// It follows the WHATWG HTML standard's rules (§9.2.6, "Interpreting an event stream"):
///
/// - lines end with CR, LF or CRLF, and a CRLF split across two chunks is still one line end;
/// - a leading UTF-8 byte order mark is skipped;
/// - a line starting with `:` is a comment; `field: value` loses one space after the colon, and a
///   line with no colon is a field with an empty value;
/// - `data:` lines accumulate, joined by line feeds; `event:` sets the type (`message` when
///   absent or empty); `id:` sets the last event id, which carries over to later events, unless
///   its value contains NUL; `retry:` and unknown fields are ignored;
/// - a blank line dispatches the event, unless no `data:` line was read since the last one;
/// - text is decoded as UTF-8 only once a line is whole, so a character split across chunks
///   comes out whole, and invalid bytes become U+FFFD.
///
/// It sits beside a live stream, so its cost is linear in the bytes: lines are read straight out
/// of each chunk, line ends are found eight bytes at a time, and only a line that straddles two
/// chunks is copied, once, into a buffer that is reused.
public struct ServerSentEventParser: Sendable {
    /// The start of a line that began in an earlier chunk.
    private var partialLine: [UInt8] = []
    /// The `data:` values of the event being read, each followed by a line feed.
    private var data: [UInt8] = []
    /// The `event:` value of the event being read.
    private var type: String?
    /// The last `id:` value, which outlives the event that set it.
    private var lastEventId: String?
    /// Whether a field line was read since the last blank line: such an event is lost when the
    /// stream ends before its blank line.
    private var hasPendingFields = false
    /// Whether the last chunk ended with a CR, so that an LF starting the next one ends nothing.
    private var skipsLeadingLineFeed = false
    /// Whether the next line is the stream's first, which may start with a byte order mark.
    private var isFirstLine = true

    /// A parser at the start of a stream.
    public init() {}

    /// Reads one chunk and returns the events it completes, in order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        let count = chunk.count
        guard count > 0 else { return events }
        var index = 0
        if skipsLeadingLineFeed {
            skipsLeadingLineFeed = false
            if chunk[0] == Self.lineFeed { index = 1 }
        }
        var lineStart = index
        while true {
            index = Self.lineEnd(in: chunk, from: index)
            guard index < count else { break }
            let lineBytes = UnsafeRawBufferPointer(rebasing: chunk[lineStart..<index])
            if partialLine.isEmpty {
                read(line: lineBytes, into: &events)
            } else {
                partialLine.append(contentsOf: lineBytes)
                let whole = partialLine
                partialLine.removeAll(keepingCapacity: whole.count <= 1 << 16)
                whole.withUnsafeBytes { read(line: $0, into: &events) }
            }
            if chunk[index] == Self.carriageReturn {
                if index + 1 < count {
                    if chunk[index + 1] == Self.lineFeed { index += 1 }
                } else {
                    skipsLeadingLineFeed = true
                }
            }
            index += 1
            lineStart = index
        }
        if lineStart < count {
            partialLine.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[lineStart..<count]))
        }
        return events
    }

    /// Reads one chunk of any byte container (`[UInt8]`, `Data`, a slice).
    public mutating func feed(_ chunk: some Sequence<UInt8>) -> [ServerSentEvent] {
        if let events = chunk.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return events
        }
        return Array(chunk).withUnsafeBytes { feed($0) }
    }

    /// Ends the stream: says whether an event was under way (fields read, or a line begun, with
    /// no blank line after them), and resets the parser for a new stream.
    public mutating func finish() -> ServerSentEventStreamEnd {
        var ignored: [ServerSentEvent] = []
        var lineWasCut = false
        if !partialLine.isEmpty {
            let line = partialLine
            lineWasCut = line.first != Self.colon
            line.withUnsafeBytes { read(line: $0, into: &ignored) }
        }
        let end: ServerSentEventStreamEnd
        if hasPendingFields || lineWasCut {
            var partial: ServerSentEvent?
            if !data.isEmpty {
                data.removeLast()
                partial = ServerSentEvent(
                    type: Self.eventType(type), data: String(decoding: data, as: UTF8.self), id: lastEventId)
            }
            end = .cutShort(partialEvent: partial)
        } else {
            end = .complete
        }
        self = ServerSentEventParser()
        return end
    }

    // MARK: - Lines

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    /// Reads one whole line, without its line end.
    private mutating func read(line: UnsafeRawBufferPointer, into events: inout [ServerSentEvent]) {
        var line = line
        if isFirstLine {
            isFirstLine = false
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeRawBufferPointer(rebasing: line[3...])
            }
        }
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        guard first != Self.colon else { return }
        hasPendingFields = true
        let colonIndex = line.firstIndex(of: Self.colon)
        let field = UnsafeRawBufferPointer(rebasing: line[..<(colonIndex ?? line.count)])
        var valueStart = colonIndex.map { $0 + 1 } ?? line.count
        if valueStart < line.count, line[valueStart] == Self.space { valueStart += 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart...])
        if Self.equals(field, "data") {
            data.append(contentsOf: value)
            data.append(Self.lineFeed)
        } else if Self.equals(field, "event") {
            type = String(decoding: value, as: UTF8.self)
        } else if Self.equals(field, "id") {
            if !value.contains(0) { lastEventId = String(decoding: value, as: UTF8.self) }
        }
        // `retry:` sets a browser's reconnection delay, which means nothing to a recorder; any
        // other field is ignored by the standard.
    }

    /// The blank line: hands out the event read since the last one, if it had data.
    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        hasPendingFields = false
        defer { type = nil }
        guard !data.isEmpty else { return }
        data.removeLast()
        events.append(ServerSentEvent(type: Self.eventType(type), data: String(decoding: data, as: UTF8.self), id: lastEventId))
        // One huge event must not pin its buffer for the rest of a long stream.
        data.removeAll(keepingCapacity: data.count <= 1 << 16)
    }

    private static func eventType(_ type: String?) -> String {
        guard let type, !type.isEmpty else { return "message" }
        return type
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return bytes.elementsEqual(expected)
    }

    /// The index of the first CR or LF at or after `start`, or `buffer.count` when there is none.
    /// Event data is JSON, which has no raw line breaks, so lines are long: the scan tests eight
    /// bytes per step for either byte (the "has a zero byte" trick on the bytes XORed with each).
    private static func lineEnd(in buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = buffer.count
        var index = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lineFeeds = ones &* UInt64(lineFeed)
        let carriageReturns = ones &* UInt64(carriageReturn)
        while index + 8 <= count {
            let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let withLF = word ^ lineFeeds
            let withCR = word ^ carriageReturns
            let found = ((withLF &- ones) & ~withLF & highs) | ((withCR &- ones) & ~withCR & highs)
            if found != 0 { break }
            index += 8
        }
        while index < count {
            let byte = buffer[index]
            if byte == lineFeed || byte == carriageReturn { return index }
            index += 1
        }
        return count
    }
}
