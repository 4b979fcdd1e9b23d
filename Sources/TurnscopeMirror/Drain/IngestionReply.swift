import Foundation
import TurnscopeModel

/// A batch-ingestion 207 answer: which events failed, and whether for a reason a retry could fix.
struct IngestionReply {
    /// Event ids the server refused as invalid (4xx), with its message.
    var refused: [String: String] = [:]
    /// Event ids that failed on the server's side (5xx): retry later.
    var failed: [String: String] = [:]

    /// Reads `{"successes": […], "errors": [{"id", "status", "message", "error"}]}`; a body that does
    /// not parse has no errors (the SDKs treat any 2xx the same way).
    init(_ body: [UInt8]) {
        guard let value = try? JSONText.parse(Data(body)), let errors = value.objectValue?["errors"]?.arrayValue else {
            return
        }
        for error in errors {
            guard let object = error.objectValue, let id = object["id"]?.stringValue else { continue }
            let status = object["status"]?.integerValue.map { Int($0) } ?? 500
            let message = [object["message"]?.stringValue, object["error"]?.stringValue].compactMap { $0 }
                .joined(separator: ": ")
            let reason = "\(status): \(message.isEmpty ? "no details" : message)"
            if status >= 500 { failed[id] = reason } else { refused[id] = reason }
        }
    }
}
