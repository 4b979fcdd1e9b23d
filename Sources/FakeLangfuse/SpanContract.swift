import Foundation
import TurnscopeModel

/// What Langfuse's OTLP endpoint reads (CONTRACT.md §6.4–6.5), as checks on a received span:
/// each returns the violations it finds, as sentences naming the span and the key.
enum SpanContract {
    static let observationTypes: Set<String> = [
        "span", "generation", "event", "embedding", "agent", "tool", "chain", "retriever", "guardrail", "evaluator",
    ]
    static let knownKeys: Set<String> = [
        "langfuse.observation.type", "langfuse.observation.input", "langfuse.observation.output",
        "langfuse.observation.level", "langfuse.observation.status_message", "langfuse.observation.model.name",
        "langfuse.observation.model.parameters", "langfuse.observation.usage_details",
        "langfuse.observation.cost_details", "langfuse.observation.completion_start_time",
        "langfuse.observation.prompt.name", "langfuse.observation.prompt.version", "langfuse.observation.metadata",
        "langfuse.trace.name", "langfuse.trace.tags", "langfuse.trace.public", "langfuse.trace.input",
        "langfuse.trace.output", "langfuse.trace.metadata", "langfuse.release", "langfuse.version",
        "langfuse.environment", "langfuse.internal.as_root",
    ]
    static let objectKeys = [
        "langfuse.observation.model.parameters", "langfuse.observation.usage_details", "langfuse.observation.cost_details",
        "langfuse.observation.metadata", "langfuse.trace.metadata",
    ]

    static func violations(_ span: ReceivedSpan) -> [String] {
        var found: [String] = []
        let name = "span \(span.spanId)"
        if !isHex(span.traceId, 32) { found.append("\(name): traceId \(span.traceId) is not 16 bytes") }
        if !isHex(span.spanId, 16) { found.append("\(name): spanId is not 8 bytes") }
        if let parent = span.parentSpanId, !isHex(parent, 16) { found.append("\(name): parentSpanId is not 8 bytes") }
        for (key, value) in span.attributes where key.hasPrefix("langfuse.") {
            let isPrefixed = key.hasPrefix("langfuse.observation.metadata.") || key.hasPrefix("langfuse.trace.metadata.")
            if !knownKeys.contains(key), !isPrefixed { found.append("\(name): Langfuse does not read \(key)") }
            if key != "langfuse.trace.tags", case .string = value {} else if key != "langfuse.trace.tags" {
                found.append("\(name): \(key) must be a string, is \(value)")
            }
        }
        if case .string(let type)? = span.attributes["langfuse.observation.type"], !observationTypes.contains(type) {
            found.append("\(name): langfuse.observation.type \(type) is not a Langfuse observation type")
        }
        for key in objectKeys {
            guard case .string(let text)? = span.attributes[key] else { continue }
            guard let object = (try? JSONText.parse(text))?.objectValue else {
                found.append("\(name): \(key) is not a JSON object string")
                continue
            }
            if key.hasSuffix("usage_details") || key.hasSuffix("cost_details"),
                let bad = object.first(where: { $0.value.doubleValue == nil })
            {
                found.append("\(name): \(key).\(bad.key) is not a number")
            }
        }
        if case .string(let text)? = span.attributes["langfuse.observation.completion_start_time"] {
            let unquoted = (try? JSONText.parse(text))?.stringValue ?? text
            if Timestamp(iso8601: unquoted) == nil { found.append("\(name): completion_start_time \(text) is not ISO 8601") }
        }
        if case .string(let level)? = span.attributes["langfuse.observation.level"],
            !["DEBUG", "DEFAULT", "WARNING", "ERROR"].contains(level)
        {
            found.append("\(name): level \(level) is not a Langfuse level")
        }
        if let tags = span.attributes["langfuse.trace.tags"] {
            if case .array(let values) = tags, values.allSatisfy({ if case .string = $0 { true } else { false } }) {} else {
                found.append("\(name): langfuse.trace.tags must be a string array")
            }
        }
        return found
    }

    static func isHex(_ text: String, _ count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
