import TurnscopeModel

extension ScoreRecord {
    init(native reader: FieldReader) throws(FieldError) {
        let value: ScoreValue
        switch reader.value("value") {
        case .string(let text)?: value = .string(text)
        case let number? where number.doubleValue != nil: value = .number(number.doubleValue!)
        case .bool(let flag)?: value = .number(flag ? 1 : 0)
        case let other?: throw FieldError(path: reader.path(of: "value"), reason: "expected a number or a string, got \(other.typeName)")
        case nil: throw FieldError(path: reader.path(of: "value"), reason: "is required")
        }
        self.init(id: try reader.requiredString("id"), name: try reader.requiredString("name"), value: value)
        dataType = try reader.string("dataType")
        traceId = try reader.string("traceId")
        observationId = try reader.string("observationId")
        sessionId = try reader.string("sessionId")
        comment = try reader.string("comment")
        metadata = reader.value("metadata")
        timestamp = try reader.timestamp("timestamp")
        source = try reader.string("source")
        environment = try reader.string("environment")
    }

    var nativeJSON: JSONValue {
        var object: [String: JSONValue] = [
            "type": "score", "id": .string(id), "name": .string(name), "value": value.json,
        ]
        NativeFields.put(dataType, "dataType", into: &object)
        NativeFields.put(traceId, "traceId", into: &object)
        NativeFields.put(observationId, "observationId", into: &object)
        NativeFields.put(sessionId, "sessionId", into: &object)
        NativeFields.put(comment, "comment", into: &object)
        NativeFields.put(metadata, "metadata", into: &object)
        NativeFields.put(timestamp, "timestamp", into: &object)
        NativeFields.put(source, "source", into: &object)
        NativeFields.put(environment, "environment", into: &object)
        return .object(object)
    }
}
