import Foundation
import TurnscopeModel

/// Why a whole Langfuse request body was refused: it is not JSON, or it lacks the `batch` array
/// (or, for `/api/public/scores`, is neither a score nor an array of scores). The collector
/// answers 400 `{"message": "Invalid request data", "error": description}`.
public struct LangfuseBatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `batch: is required` or the JSON parser's message.
    public var reason: String

    /// A body error.
    public init(reason: String) { self.reason = reason }

    /// What is wrong.
    public var description: String { reason }
}

extension LangfuseBatchError {
    /// Parses a request body as JSON, naming where it is malformed.
    static func parse(_ body: Data) throws(LangfuseBatchError) -> JSONValue {
        do {
            return try JSONText.parse(body)
        } catch {
            throw LangfuseBatchError(reason: error.description)
        }
    }
}
