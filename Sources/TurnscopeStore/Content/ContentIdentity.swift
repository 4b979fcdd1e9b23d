import Foundation
import TurnscopeModel

/// Byte-for-byte equality of model values.
///
/// Swift's `String ==` compares canonical equivalence, so `"é"` equals `"e\u{301}"`; content
/// addressing must not merge those, or a message would come back with other bytes than it was sent
/// with. Comparing UTF-8 bytes is also faster than normalization-aware comparison.
enum ContentIdentity {
    static func same(_ a: String, _ b: String) -> Bool {
        // Lengths first (free for native strings), then the bytes in place; only strings without
        // contiguous UTF-8 (bridged ones) are copied.
        guard a.utf8.count == b.utf8.count else { return false }
        let direct = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                // One storage holds the same bytes: a decoder that reused a message it had read
                // before (`MessageListMemo`) hands over the very strings the last prompt held.
                left.count == 0 || left.baseAddress == right.baseAddress
                    || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
        if let direct, let result = direct { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): same(a, b)
        default: false
        }
    }

    static func same(_ a: Message, _ b: Message) -> Bool {
        guard same(a.role.rawValue, b.role.rawValue), same(a.name, b.name), a.parts.count == b.parts.count else {
            return false
        }
        for index in a.parts.indices where !same(a.parts[index], b.parts[index]) { return false }
        return true
    }

    static func same(_ a: MessagePart, _ b: MessagePart) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)):
            return same(x, y)
        case (.image(let x, let xType), .image(let y, let yType)):
            return same(x, y) && same(xType, yType)
        case (.toolCall(let x), .toolCall(let y)):
            return same(x.id, y.id) && same(x.name, y.name) && same(x.arguments, y.arguments)
        case (.toolResult(let x), .toolResult(let y)):
            return same(x.callId, y.callId) && same(x.content, y.content) && x.isError == y.isError
        case (.reasoning(let x, let xSignature), .reasoning(let y, let ySignature)):
            return same(x, y) && same(xSignature, ySignature)
        case (.other(let x), .other(let y)):
            return same(x, y)
        default:
            return false
        }
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return same(x, y)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], same(value, other) else { return false }
            }
            // Keys compared with `==` above may differ in bytes only by normalization: check them too.
            return x.keys.allSatisfy { key in y.keys.contains { same($0, key) } }
        default:
            return a == b
        }
    }
}
