import Foundation

/// A strict RFC 8259 JSON parser that reads UTF-8 bytes straight into a `JSONValue`.
///
/// Why not `JSONDecoder`: decoding `JSONValue` through `Codable` probes every value with a chain
/// of failing `try?` attempts, so each number throws several errors, and the collector has to
/// ingest tens of thousands of observations a second. This parser makes one pass over the bytes,
/// scans and copies string runs without escapes eight bytes at a time, builds each array and
/// object once at its final size, and allocates little besides the values it returns.
///
/// It accepts exactly RFC 8259 JSON text: one value, optionally surrounded by whitespace (space,
/// tab, line feed, carriage return), and nothing after it. Trailing commas, leading zeros,
/// comments, single quotes, `NaN`/`Infinity` and unescaped control characters in strings are
/// errors. Where the RFC leaves a choice, this parser:
///
/// - reads an integer that fits in `Int64` as `.integer`, and a larger one, or any number with a
///   fraction or an exponent, as `.number`, correctly rounded to the nearest `Double`. `-0` is the
///   integer `0`; `-0.0` keeps its sign;
/// - rejects numbers beyond the range of `Double` (`1e400`): JSON cannot write infinity back;
/// - turns a `\u` escape of a lone UTF-16 surrogate into U+FFFD REPLACEMENT CHARACTER, because a
///   Swift `String` cannot hold one and losing a whole trace to one mangled emoji costs more than
///   the character;
/// - rejects invalid UTF-8 anywhere in the input, with its offset, rather than repairing it: such
///   input is not the text it claims to be;
/// - keeps the last member when an object repeats a key, as JavaScript's `JSON.parse` does;
/// - skips a leading UTF-8 byte order mark, which RFC 8259 §8.1 allows a parser to ignore;
/// - allows arrays and objects to nest `maximumDepth` levels deep (512 unless told otherwise) and
///   reports deeper input as an error. Open containers live on a heap-allocated stack rather than
///   the call stack, so no input can overflow the thread's stack.
public struct JSONParser {
    /// How deeply arrays and objects may nest unless a caller says otherwise; real traces stay
    /// well under 100.
    ///
    /// Raise it with care: the parser itself copes with any depth, but Swift frees, compares,
    /// hashes and `JSONWriter` writes nested values recursively, so a value some hundred
    /// thousand levels deep overflows the stack later, wherever it is let go.
    public static let defaultMaximumDepth = 512

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maximumDepth: Int
    /// Offset of the next byte to read.
    private var index = 0
    /// Reused by every string with escapes, so decoding them does not allocate a buffer each time.
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, count: Int, maximumDepth: Int) {
        self.base = base
        self.count = count
        self.maximumDepth = maximumDepth
    }

    // MARK: - Entry points

    /// Parses one JSON document from UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - bytes: the whole document; the other entry points all come here.
    ///   - maximumDepth: how many arrays and objects may be open at once; see
    ///     `defaultMaximumDepth`.
    /// - Throws: `JSONTextError` naming what is wrong and where, at the first problem.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONTextError) -> JSONValue {
        guard let start = bytes.baseAddress, bytes.count > 0 else {
            throw JSONTextError(reason: "unexpected end of input: expected a value", offset: 0, line: 1, column: 1)
        }
        var parser = JSONParser(
            base: start.assumingMemoryBound(to: UInt8.self), count: bytes.count, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONTextError) -> JSONValue {
        // `withUnsafeBytes` rethrows untyped errors; a `Result` carries the typed one across.
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONTextError) in try parse(buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse(
        _ data: Data, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONTextError) -> JSONValue {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(JSONTextError) in try parse(buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// Parses one JSON document held in a string.
    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONTextError) -> JSONValue {
        // Native strings hand out their UTF-8 without a copy; bridged ones need one.
        let direct = text.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONTextError) in try parse(UnsafeRawBufferPointer(buffer), maximumDepth: maximumDepth) }
        }
        if let direct { return try direct.get() }
        return try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// The elements of a JSON document that is an array, and the offset just past each: from
    /// its `[` at `start`, or from the `,` after element `k` of a document whose first elements
    /// were read before (the elements returned are then the ones after it).
    ///
    /// The document must end with the array, as `parse` requires; nesting counts the array as one
    /// level. Reading on from an element's end gives the elements a whole parse would, so a
    /// caller that kept the elements of a document can read one that starts with the same bytes
    /// from where they differ (`MessageListMemo`).
    public static func arrayElements(
        _ bytes: UnsafeRawBufferPointer, from start: Int, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONTextError) -> (elements: [JSONValue], ends: [Int]) {
        guard let base = bytes.baseAddress, start >= 0, start < bytes.count, maximumDepth > 0 else {
            throw JSONTextError(reason: "unexpected end of input: expected '[' or ','", offset: start, line: 1, column: 1)
        }
        var parser = JSONParser(
            base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count, maximumDepth: maximumDepth - 1)
        return try parser.parseElements(from: start)
    }

    // MARK: - Structure

    private mutating func parseElements(from start: Int) throws(JSONTextError) -> (elements: [JSONValue], ends: [Int]) {
        index = start
        let opening = base[index]
        guard opening == .openBracket || opening == .comma else {
            throw failure("expected '[' or ',', found \(describeByte(at: index))", at: index)
        }
        index &+= 1
        skipWhitespace()
        var elements: [JSONValue] = []
        var ends: [Int] = []
        if opening == .openBracket, index < count, base[index] == .closeBracket {
            index &+= 1
        } else {
            while true {
                skipWhitespace()
                if index < count, base[index] == .closeBracket, opening == .comma || !elements.isEmpty {
                    throw failure("trailing comma before ']'", at: index)
                }
                elements.append(try parseValue())
                ends.append(index)
                skipWhitespace()
                guard index < count else {
                    throw failure("unexpected end of input: expected ',' or ']' after an array element", at: index)
                }
                if base[index] == .comma {
                    index &+= 1
                    continue
                }
                guard base[index] == .closeBracket else {
                    throw failure("expected ',' or ']' after an array element", at: index)
                }
                index &+= 1
                break
            }
        }
        skipWhitespace()
        guard index == count else {
            throw failure("unexpected \(describeByte(at: index)) after the JSON document", at: index)
        }
        return (elements, ends)
    }


    private mutating func parseDocument() throws(JSONTextError) -> JSONValue {
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { index = 3 }
        let value = try parseValue()
        skipWhitespace()
        guard index == count else {
            throw failure("unexpected \(describeByte(at: index)) after the JSON document", at: index)
        }
        return value
    }

    /// Parses one value, however deeply nested, without recursing.
    private mutating func parseValue() throws(JSONTextError) -> JSONValue {
        // The open containers, innermost last: whether each is an object, and where its first
        // element sits in `values`. The elements of every open array and the member values of
        // every open object share the one `values` stack (object keys go on `keys`, which stays
        // in step), so a finished container is built at once at its exact size: one allocation
        // for an array, and a dictionary hashed once rather than rehashed as it grows.
        var isObject: [Bool] = []
        var starts: [Int] = []
        var values: [JSONValue] = []
        var keys: [String] = []

        parsing: while true {
            skipWhitespace()
            guard index < count else { throw failure("unexpected end of input: expected a value", at: index) }
            var value: JSONValue
            let byte = base[index]
            switch byte {
            case .quote:
                value = .string(try parseString())
            case .openBracket, .openBrace:
                guard isObject.count < maximumDepth else {
                    throw failure("arrays and objects nest more than \(maximumDepth) levels deep", at: index)
                }
                index &+= 1
                skipWhitespace()
                if byte == .openBracket {
                    if index < count, base[index] == .closeBracket {
                        index &+= 1
                        value = .array([])
                    } else {
                        isObject.append(false)
                        starts.append(values.count)
                        continue parsing
                    }
                } else {
                    if index < count, base[index] == .closeBrace {
                        index &+= 1
                        value = .object([:])
                    } else {
                        isObject.append(true)
                        starts.append(values.count)
                        keys.append(try parseKey(afterComma: false))
                        continue parsing
                    }
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case .minus, .digitZero...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw failure("expected a value, found \(describeByte(at: index))", at: index)
            }

            // Hand the value to the innermost container, closing every container it completes.
            while let inObject = isObject.last {
                values.append(value)
                skipWhitespace()
                if inObject {
                    guard index < count else {
                        throw failure("unexpected end of input: expected ',' or '}' after an object member", at: index)
                    }
                    switch base[index] {
                    case .comma:
                        index &+= 1
                        keys.append(try parseKey(afterComma: true))
                        continue parsing
                    case .closeBrace:
                        index &+= 1
                        isObject.removeLast()
                        let start = starts.removeLast()
                        let memberCount = values.count &- start
                        let keyStart = keys.count &- memberCount
                        var members = [String: JSONValue](minimumCapacity: memberCount)
                        for offset in 0..<memberCount {
                            members[keys[keyStart &+ offset]] = values[start &+ offset]  // a repeated key: last wins
                        }
                        keys.removeLast(memberCount)
                        values.removeLast(memberCount)
                        value = .object(members)
                    default:
                        throw failure("expected ',' or '}' after an object member", at: index)
                    }
                } else {
                    guard index < count else {
                        throw failure("unexpected end of input: expected ',' or ']' after an array element", at: index)
                    }
                    switch base[index] {
                    case .comma:
                        index &+= 1
                        skipWhitespace()
                        if index < count, base[index] == .closeBracket {
                            throw failure("trailing comma before ']'", at: index)
                        }
                        continue parsing
                    case .closeBracket:
                        index &+= 1
                        isObject.removeLast()
                        let start = starts.removeLast()
                        value = .array(Array(values[start...]))
                        values.removeLast(values.count &- start)
                    default:
                        throw failure("expected ',' or ']' after an array element", at: index)
                    }
                }
            }
            return value
        }
    }

    /// Reads an object member's key and the colon after it.
    private mutating func parseKey(afterComma: Bool) throws(JSONTextError) -> String {
        skipWhitespace()
        guard index < count else {
            throw failure("unexpected end of input: expected a string key for an object member", at: index)
        }
        guard base[index] == .quote else {
            if afterComma, base[index] == .closeBrace { throw failure("trailing comma before '}'", at: index) }
            throw failure("expected a string key for an object member, found \(describeByte(at: index))", at: index)
        }
        let key = try parseString()
        skipWhitespace()
        guard index < count else {
            throw failure("unexpected end of input: expected ':' after an object key", at: index)
        }
        guard base[index] == .colon else {
            throw failure("expected ':' after an object key, found \(describeByte(at: index))", at: index)
        }
        index &+= 1
        return key
    }

    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case .space, .lineFeed, .carriageReturn, .tab: index &+= 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONTextError) {
        let start = index
        let expected = literal.utf8Start
        for offset in 0..<literal.utf8CodeUnitCount {
            guard index < count else { throw failure("unexpected end of input in the literal '\(literal)'", at: index) }
            guard base[index] == expected[offset] else {
                throw failure("invalid literal: expected '\(literal)'", at: start)
            }
            index &+= 1
        }
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONTextError) -> JSONValue {
        let start = index
        let negative = base[index] == .minus
        if negative { index &+= 1 }
        guard index < count else { throw failure("unexpected end of input in a number", at: index) }
        guard base[index].isDigit else {
            throw failure("expected a digit after '-', found \(describeByte(at: index))", at: index)
        }

        // The integer part's magnitude, accumulated as we go so that the common case (an
        // integer that fits) needs no second pass.
        var magnitude: UInt64 = 0
        var overflow = false
        if base[index] == .digitZero {
            index &+= 1
            if index < count, base[index].isDigit {
                throw failure("leading zeros are not allowed in numbers", at: start)
            }
        } else {
            while index < count, base[index].isDigit {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(base[index] &- .digitZero))
                magnitude = sum
                overflow = overflow || o1 || o2
                index &+= 1
            }
        }

        var isInteger = true
        if index < count, base[index] == .dot {
            isInteger = false
            index &+= 1
            try expectDigits(after: "the decimal point")
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index &+= 1
            if index < count, base[index] == .plus || base[index] == .minus { index &+= 1 }
            try expectDigits(after: "the exponent marker")
        }

        if isInteger, !overflow {
            if !negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
            // Two's complement negation covers Int64.min, whose magnitude is Int64.max + 1.
            if negative, magnitude <= UInt64(Int64.max) &+ 1 { return .integer(Int64(bitPattern: 0 &- magnitude)) }
        }
        // Correct rounding is subtle; the standard library's parser gets it right, so the token
        // (already checked against the grammar above) goes to it whole.
        let token = String(decoding: UnsafeBufferPointer(start: base + start, count: index &- start), as: UTF8.self)
        guard let number = Double(token), number.isFinite else {
            // A hostile number can be megabytes long; the message needs only its start.
            let shown = token.utf8.count > 40 ? token.prefix(24) + "…" : Substring(token)
            throw failure("number \(shown) is too large for a 64-bit float", at: start)
        }
        return .number(number)
    }

    private mutating func expectDigits(after what: StaticString) throws(JSONTextError) {
        guard index < count else { throw failure("unexpected end of input in a number", at: index) }
        guard base[index].isDigit else {
            throw failure("expected a digit after \(what), found \(describeByte(at: index))", at: index)
        }
        while index < count, base[index].isDigit { index &+= 1 }
    }

    // MARK: - Strings

    /// Reads a string; `index` is at its opening quote.
    private mutating func parseString() throws(JSONTextError) -> String {
        let open = index
        let start = index &+ 1
        let (stop, isASCII) = scanPlain(from: start)
        guard stop < count, base[stop] == .quote else {
            return try parseEscapedString(open: open, stop: stop, isASCII: isASCII)
        }
        index = stop &+ 1
        // Most strings have no escapes and can be made from the input bytes directly.
        let bytes = UnsafeBufferPointer(start: base + start, count: stop &- start)
        return try makeString(bytes, isASCII: isASCII, input: start..<stop)
    }

    /// Finishes a string that `scanPlain` stopped in at `stop`, before its closing quote.
    private mutating func parseEscapedString(open: Int, stop: Int, isASCII: Bool) throws(JSONTextError) -> String {
        scratch.removeAll(keepingCapacity: true)
        let start = open &+ 1
        var runStart = start
        var position = stop
        var rawIsASCII = isASCII
        while true {
            guard position < count else { throw failure("unterminated string: unexpected end of input", at: open) }
            let byte = base[position]
            if byte == .quote { break }
            if byte < 0x20 {
                throw failure("unescaped control character \(byte.scalarName) in a string", at: position)
            }
            // A backslash: copy the run before it, then decode the escape.
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position &- runStart))
            guard position &+ 1 < count else {
                throw failure("unterminated string: unexpected end of input", at: open)
            }
            let escaped = base[position &+ 1]
            switch escaped {
            case .quote, .backslash, .slash: scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(.lineFeed)
            case UInt8(ascii: "r"): scratch.append(.carriageReturn)
            case UInt8(ascii: "t"): scratch.append(.tab)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: position &+ 2, escapeAt: position, open: open)
                position &+= 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate counts only when a low one follows as its own escape;
                    // otherwise it becomes U+FFFD and whatever follows is read normally.
                    if position &+ 8 <= count, base[position &+ 2] == .backslash,
                        base[position &+ 3] == UInt8(ascii: "u"), let low = peekHex4(at: position &+ 4),
                        (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
                        position &+= 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar)
            default:
                let shown =
                    (0x21...0x7E).contains(escaped)
                    ? "'\\\(Character(Unicode.Scalar(escaped)))'"
                    : "'\\' followed by \(describeByte(at: position &+ 1))"
                throw failure("invalid escape \(shown) in a string", at: position)
            }
            position &+= 2
            runStart = position
            let (stop, isASCII) = scanPlain(from: position)
            position = stop
            rawIsASCII = rawIsASCII && isASCII
        }
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position &- runStart))
        index = position &+ 1
        // Escapes decode to whole scalars and never split a multi-byte sequence in the input, so
        // the decoded bytes are valid exactly when the input between the quotes is.
        let result = scratch.withUnsafeBufferPointer { decoded in
            Result { () throws(JSONTextError) in try makeString(decoded, isASCII: rawIsASCII, input: start..<position) }
        }
        return try result.get()
    }

    /// A string from UTF-8 `bytes` that came from (or were decoded from) `input`.
    private func makeString(
        _ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, input: Range<Int>
    ) throws(JSONTextError) -> String {
        // ASCII is valid UTF-8, so there is nothing to repair and `decoding` is exact; it is also
        // several times cheaper than `validating` on short strings such as keys.
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw invalidUTF8(in: input) }
        return string
    }

    /// The offset of the first quote, backslash or control character at or after `start`, or
    /// `count` when there is none: the end of a run that can be copied as is. Also whether the
    /// run is all ASCII, which spares validating it as UTF-8.
    private func scanPlain(from start: Int) -> (stop: Int, isASCII: Bool) {
        var position = start
        var seen: UInt64 = 0  // every byte of the run OR-ed together
        // Eight bytes at a time, with the classic "has a zero byte" and "has a byte less than n"
        // bit tricks. Their lowest set bit is exact (a borrow only runs upwards, from a byte
        // that hit), and loading little-endian puts the earliest byte lowest.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        while position &+ 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let quotes = word ^ (ones &* UInt64(UInt8.quote))
            let backslashes = word ^ (ones &* UInt64(UInt8.backslash))
            let hits =
                (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
                    | ((word &- ones &* 0x20) & ~word)) & highs
            if hits != 0 {
                let plainBits = hits.trailingZeroBitCount & ~7  // 8 × the plain bytes before the hit
                if plainBits > 0 { seen |= word & (UInt64.max >> (64 &- plainBits)) }
                return (position &+ plainBits >> 3, seen & highs == 0)
            }
            seen |= word
            position &+= 8
        }
        while position < count {
            let byte = base[position]
            if byte == .quote || byte == .backslash || byte < 0x20 { break }
            seen |= UInt64(byte)
            position &+= 1
        }
        return (position, seen & highs == 0)
    }

    /// Reads the four hex digits of a `\u` escape whose backslash is at `escapeAt`.
    private func hex4(at start: Int, escapeAt: Int, open: Int) throws(JSONTextError) -> UInt32 {
        var value: UInt32 = 0
        for position in start..<(start &+ 4) {
            guard position < count else { throw failure("unterminated string: unexpected end of input", at: open) }
            guard let digit = base[position].hexValue else {
                throw failure("invalid \\u escape: expected four hex digits", at: escapeAt)
            }
            value = value << 4 | digit
        }
        return value
    }

    /// The four hex digits at `start`, if there are four.
    private func peekHex4(at start: Int) -> UInt32? {
        guard start &+ 4 <= count else { return nil }
        var value: UInt32 = 0
        for position in start..<(start &+ 4) {
            guard let digit = base[position].hexValue else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: - UTF-8

    /// The error for a string whose bytes in `range` are not valid UTF-8, pointing at the first
    /// bad byte. Only runs after the fast validation failed, so it can afford to go byte by byte.
    private func invalidUTF8(in range: Range<Int>) -> JSONTextError {
        var position = range.lowerBound
        while position < range.upperBound {
            let length = validUTF8Length(at: position, limit: range.upperBound)
            if length == 0 {
                return failure(
                    "invalid UTF-8 in a string (byte \(base[position].hexName))", at: position)
            }
            position &+= length
        }
        return failure("invalid UTF-8 in a string", at: range.lowerBound)
    }

    /// The length of the well-formed UTF-8 sequence at `position` (RFC 3629: no overlong forms,
    /// no surrogates, nothing past U+10FFFF), or 0 when there is none.
    private func validUTF8Length(at position: Int, limit: Int) -> Int {
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            position &+ offset < limit && range.contains(base[position &+ offset])
        }
        switch base[position] {
        case ..<0x80: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    // MARK: - Errors

    /// A description of the byte at `position` for an error message: `'x'`, `'é' (U+00E9)`,
    /// `control character U+0000` or `invalid UTF-8 byte 0xFF`.
    private func describeByte(at position: Int) -> String {
        let byte = base[position]
        switch byte {
        case 0x20...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case ..<0x20, 0x7F:
            return "control character \(byte.scalarName)"
        default:
            let length = validUTF8Length(at: position, limit: count)
            guard length > 0 else { return "invalid UTF-8 byte \(byte.hexName)" }
            let text = String(decoding: UnsafeBufferPointer(start: base + position, count: length), as: UTF8.self)
            let code = String(text.unicodeScalars.first!.value, radix: 16, uppercase: true)
            return "'\(text)' (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))"
        }
    }

    /// An error at `offset`, with the line and column worked out only now that they are needed.
    private func failure(_ reason: String, at offset: Int) -> JSONTextError {
        var line = 1
        var lineStart = 0
        for position in 0..<offset where base[position] == .lineFeed {
            line += 1
            lineStart = position &+ 1
        }
        // A byte order mark is invisible in editors, so it takes no column.
        if lineStart == 0, offset >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { lineStart = 3 }
        // Columns count Unicode scalars (every byte that does not continue a UTF-8 sequence).
        var column = 1
        for position in lineStart..<max(lineStart, offset) where base[position] & 0xC0 != 0x80 { column += 1 }
        return JSONTextError(reason: reason, offset: offset, line: line, column: column)
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let digitZero = UInt8(ascii: "0")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")

    fileprivate var isDigit: Bool { self &- .digitZero < 10 }

    fileprivate var hexValue: UInt32? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(self &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(self &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(self &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }

    /// `U+000A` for a control character.
    fileprivate var scalarName: String {
        let hex = String(self, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// `0xFF`.
    fileprivate var hexName: String {
        let hex = String(self, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" : "") + hex
    }
}
