import TurnscopeModel

/// Helpers shared by the record codecs: payloads travel as `input`/`inputMessages` (and
/// `output`/`outputMessages`) so a chat and a plain JSON value never look alike.
enum NativeFields {
    static func payload(_ reader: FieldReader, _ key: String) throws(FieldError) -> Payload? {
        if let messages = reader.value(key + "Messages") {
            return .messages(try Message.list(json: messages, path: reader.path(of: key + "Messages")))
        }
        return reader.value(key).map(Payload.json)
    }

    static func put(_ payload: Payload?, _ key: String, into object: inout [String: JSONValue]) {
        switch payload {
        case .messages(let messages): object[key + "Messages"] = .array(messages.map(\.json))
        case .json(let value): object[key] = value
        case nil: break
        }
    }

    static func put(_ value: String?, _ key: String, into object: inout [String: JSONValue]) {
        if let value { object[key] = .string(value) }
    }

    static func put(_ value: Timestamp?, _ key: String, into object: inout [String: JSONValue]) {
        if let value { object[key] = .string(value.iso8601) }
    }

    static func put(_ value: JSONValue?, _ key: String, into object: inout [String: JSONValue]) {
        if let value { object[key] = value }
    }

    static func level(_ reader: FieldReader) throws(FieldError) -> Level? {
        guard let text = try reader.string("level") else { return nil }
        guard let level = Level(rawValue: text.uppercased()) else {
            throw FieldError(path: reader.path(of: "level"), reason: "must be DEBUG, DEFAULT, WARNING or ERROR, got \"\(text)\"")
        }
        return level
    }
}
