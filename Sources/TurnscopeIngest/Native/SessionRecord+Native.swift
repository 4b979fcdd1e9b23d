import TurnscopeModel

extension SessionRecord {
    init(native reader: FieldReader) throws(FieldError) {
        self.init(id: try reader.requiredString("id"))
        source = try reader.string("source")
        project = try reader.string("project")
        label = try reader.string("label")
        if let cost = try reader.number("reportedCost") {
            guard cost >= 0 else { throw FieldError(path: reader.path(of: "reportedCost"), reason: "must not be negative") }
            reportedCost = cost
        }
    }

    var nativeJSON: JSONValue {
        var object: [String: JSONValue] = ["type": "session", "id": .string(id)]
        NativeFields.put(source, "source", into: &object)
        NativeFields.put(project, "project", into: &object)
        NativeFields.put(label, "label", into: &object)
        if let reportedCost { object["reportedCost"] = .number(reportedCost) }
        return .object(object)
    }
}
