import TurnscopeModel

extension TraceRecord {
    init(native reader: FieldReader) throws(FieldError) {
        self.init(id: try reader.requiredString("id"))
        name = try reader.string("name")
        userId = try reader.string("userId")
        sessionId = try reader.string("sessionId")
        timestamp = try reader.timestamp("timestamp")
        tags = try reader.strings("tags")
        metadata = reader.value("metadata")
        input = try NativeFields.payload(reader, "input")
        output = try NativeFields.payload(reader, "output")
        release = try reader.string("release")
        version = try reader.string("version")
        environment = try reader.string("environment")
        isPublic = try reader.bool("public")
        eventTime = try reader.timestamp("eventTime")
    }

    var nativeJSON: JSONValue {
        var object: [String: JSONValue] = ["type": "trace", "id": .string(id)]
        NativeFields.put(name, "name", into: &object)
        NativeFields.put(userId, "userId", into: &object)
        NativeFields.put(sessionId, "sessionId", into: &object)
        NativeFields.put(timestamp, "timestamp", into: &object)
        if let tags { object["tags"] = .array(tags.map(JSONValue.string)) }
        NativeFields.put(metadata, "metadata", into: &object)
        NativeFields.put(input, "input", into: &object)
        NativeFields.put(output, "output", into: &object)
        NativeFields.put(release, "release", into: &object)
        NativeFields.put(version, "version", into: &object)
        NativeFields.put(environment, "environment", into: &object)
        if let isPublic { object["public"] = .bool(isPublic) }
        NativeFields.put(eventTime, "eventTime", into: &object)
        return .object(object)
    }
}
