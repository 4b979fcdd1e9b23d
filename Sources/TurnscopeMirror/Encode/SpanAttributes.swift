import TurnscopeModel
import TurnscopeOTLP

/// The attributes of one span, built in order.
struct SpanAttributes {
    private(set) var list: [Opentelemetry_Proto_Common_V1_KeyValue] = []

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.stringValue = value
        list.append(attribute)
    }

    mutating func add(_ key: String, strings: [String]?) {
        guard let strings else { return }
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = key
        attribute.value.arrayValue.values = strings.map { text in
            var value = Opentelemetry_Proto_Common_V1_AnyValue()
            value.stringValue = text
            return value
        }
        list.append(attribute)
    }

    /// A JSON value as text, as Langfuse's SDKs send inputs, outputs and detail objects.
    mutating func add(_ key: String, json: JSONValue?) {
        guard let json else { return }
        add(key, json.jsonString)
    }

    /// A JSON object as text; any other value is wrapped as `{"value": …}` so the key keeps the
    /// object Langfuse expects there.
    mutating func add(_ key: String, object: JSONValue?) {
        guard let object, object != .null else { return }
        add(key, json: object.objectValue == nil ? .object(["value": object]) : object)
    }
}
