import TurnscopeModel

extension ObservationRecord {
    init(native reader: FieldReader) throws(FieldError) {
        var kind: ObservationKind?
        if let text = try reader.string("kind") {
            guard let parsed = ObservationKind(rawValue: text.lowercased()) else {
                let known = ObservationKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw FieldError(path: reader.path(of: "kind"), reason: "unknown kind \"\(text)\" (\(known))")
            }
            kind = parsed
        }
        self.init(id: try reader.requiredString("id"), kind: kind)
        traceId = try reader.string("traceId")
        parentId = try reader.string("parentId")
        name = try reader.string("name")
        startTime = try reader.timestamp("startTime")
        endTime = try reader.timestamp("endTime")
        completionStartTime = try reader.timestamp("completionStartTime")
        model = try reader.string("model")
        modelParameters = try reader.object("modelParameters")
        input = try NativeFields.payload(reader, "input")
        output = try NativeFields.payload(reader, "output")
        metadata = reader.value("metadata")
        usage = try reader.value("usage").map { (json) throws(FieldError) in try Usage(json: json, path: reader.path(of: "usage")) }
        cost = try reader.value("cost").map { (json) throws(FieldError) in try Cost(json: json, path: reader.path(of: "cost")) }
        level = try NativeFields.level(reader)
        statusMessage = try reader.string("statusMessage")
        version = try reader.string("version")
        environment = try reader.string("environment")
        eventTime = try reader.timestamp("eventTime")
        toolDefinitions = try reader.value("toolDefinitions").map { (json) throws(FieldError) in
            try ToolDefinition.list(json: json, path: reader.path(of: "toolDefinitions"))
        }
    }

    var nativeJSON: JSONValue {
        var object: [String: JSONValue] = ["type": "observation", "id": .string(id)]
        NativeFields.put(kind?.rawValue, "kind", into: &object)
        NativeFields.put(traceId, "traceId", into: &object)
        NativeFields.put(parentId, "parentId", into: &object)
        NativeFields.put(name, "name", into: &object)
        NativeFields.put(startTime, "startTime", into: &object)
        NativeFields.put(endTime, "endTime", into: &object)
        NativeFields.put(completionStartTime, "completionStartTime", into: &object)
        NativeFields.put(model, "model", into: &object)
        if let modelParameters { object["modelParameters"] = .object(modelParameters) }
        NativeFields.put(input, "input", into: &object)
        NativeFields.put(output, "output", into: &object)
        NativeFields.put(metadata, "metadata", into: &object)
        NativeFields.put(usage?.json, "usage", into: &object)
        NativeFields.put(cost?.json, "cost", into: &object)
        NativeFields.put(level?.rawValue, "level", into: &object)
        NativeFields.put(statusMessage, "statusMessage", into: &object)
        NativeFields.put(version, "version", into: &object)
        NativeFields.put(environment, "environment", into: &object)
        if let toolDefinitions { object["toolDefinitions"] = .array(toolDefinitions.map(\.json)) }
        NativeFields.put(eventTime, "eventTime", into: &object)
        return .object(object)
    }
}
