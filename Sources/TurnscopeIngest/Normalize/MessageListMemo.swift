import Foundation
import TurnscopeModel

/// The JSON list last read from text while one export is decoded, element by element, so that
/// the next list that starts with the same bytes is parsed and normalized only from where the two
/// differ.
///
/// An agent resends its whole conversation on every call, grown by a message or two, and an
/// export holds a session's calls one after another: parsing each span's prompt from the start
/// made decoding an export cost its calls times the session's length. JSON text parses the same
/// way every time, so the elements whose bytes are unchanged are the elements read before; the
/// rest is read as usual, and the payload is the one a whole parse gives (anything the memo
/// cannot read, it leaves to the caller's whole parse, errors included).
///
/// The messages taken from the memo share their strings with the previous span's, which also
/// lets the store see that a prompt repeats the last one (`ContentIdentity`) without comparing
/// those strings byte by byte again.
struct MessageListMemo {
    /// The last list's text, its elements, the offset just past each, and each as a message.
    private var text = ""
    private var elements: [JSONValue] = []
    private var ends: [Int] = []
    private var messages: [Message?] = []

    /// The payload `PayloadNormalizer.payload(from:)` gives for `value` parsed as JSON, when
    /// `value` is text holding a JSON array; nil for anything else, and for text that does not
    /// parse (the caller's own parse then decides, and reports, as before).
    mutating func payload(from value: JSONValue) -> Payload? {
        guard case .string(let text) = value else { return nil }
        let previous = self.text
        let isList = text.utf8.withContiguousStorageIfAvailable { new in
            previous.utf8.withContiguousStorageIfAvailable { old in
                readElements(of: UnsafeRawBufferPointer(new), after: UnsafeRawBufferPointer(old))
            }
        }
        guard let isList, isList == true else { return nil }
        self.text = text
        guard !messages.isEmpty, !messages.contains(where: { $0 == nil }) else { return .json(.array(elements)) }
        return .messages(messages.map { $0! })
    }

    /// Reads `new` on from the last element it shares with `old`, whose elements the memo holds,
    /// and makes the memo hold `new`'s; false, leaving the memo as it was, when `new` is not a
    /// JSON array.
    private mutating func readElements(of new: UnsafeRawBufferPointer, after old: UnsafeRawBufferPointer) -> Bool {
        guard let first = new.firstIndex(where: { !Self.isSpace($0) }), new[first] == UInt8(ascii: "[") else { return false }
        var kept = elements.isEmpty ? 0 : Self.keptElements(ends: ends, shared: Self.sharedPrefix(new, old))
        // An element ends where a whole parse of `new` ends it only if a ',' or ']' follows: a
        // number the shared bytes cut short (`[1,2` of `[1,23]`) goes on in `new`.
        var resume = first
        while kept > 0 {
            var next = ends[kept - 1]
            while next < new.count, Self.isSpace(new[next]) { next += 1 }
            if next < new.count, new[next] == UInt8(ascii: ",") || new[next] == UInt8(ascii: "]") {
                resume = next
                break
            }
            kept -= 1
        }
        let tail: (elements: [JSONValue], ends: [Int])
        if kept > 0, new[resume] == UInt8(ascii: "]") {
            var after = resume + 1
            while after < new.count, Self.isSpace(new[after]) { after += 1 }
            guard after == new.count else { return false }
            tail = ([], [])
        } else {
            guard let parsed = try? JSONParser.arrayElements(new, from: resume) else { return false }
            tail = parsed
        }
        elements.removeSubrange(kept...)
        ends.removeSubrange(kept...)
        messages.removeSubrange(kept...)
        elements += tail.elements
        ends += tail.ends
        messages += tail.elements.map(PayloadNormalizer.message(element:))
        return true
    }

    /// How many of the elements ending at `ends` lie wholly within the first `shared` bytes.
    private static func keptElements(ends: [Int], shared: Int) -> Int {
        var low = 0
        var high = ends.count
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] <= shared { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// How many bytes `a` and `b` start with in common.
    private static func sharedPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let limit = min(a.count, b.count)
        guard limit > 0, let left = a.baseAddress, let right = b.baseAddress else { return 0 }
        // Whole blocks by memcmp, then the block that differs byte by byte.
        let block = 256
        var offset = 0
        while offset + block <= limit, memcmp(left + offset, right + offset, block) == 0 { offset += block }
        while offset < limit, a[offset] == b[offset] { offset += 1 }
        return offset
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
