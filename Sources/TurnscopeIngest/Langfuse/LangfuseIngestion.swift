import Foundation
import TurnscopeModel

/// The decoder for `POST /api/public/ingestion`, Langfuse's batch API, which Python SDK v2, JS SDK
/// v3 and litellm ≤ 1.103 use for everything and newer SDKs for scores (CONTRACT.md §3).
///
/// Pure: bytes in, records and per-event errors out. Each event is checked on its own, the way
/// Langfuse's server checks it, and only events Langfuse would refuse are refused, because SDKs
/// resend the whole batch when any event fails. Unknown body keys are ignored, as Langfuse strips
/// them. Inputs and outputs go through `PayloadNormalizer`, usage and cost through `UsageNormalizer`.
public enum LangfuseIngestion {
    /// Decodes a request body `{"batch": [event, …], "metadata": any}`.
    ///
    /// - Throws: `LangfuseBatchError` when the body is not JSON or has no `batch` array; the
    ///   collector answers 400 then, as Langfuse does. Bad events never throw: they are listed in
    ///   the result's `errors`.
    public static func decode(_ body: Data) throws(LangfuseBatchError) -> LangfuseBatch {
        try decode(LangfuseBatchError.parse(body))
    }

    /// Decodes a request body already parsed.
    public static func decode(_ value: JSONValue) throws(LangfuseBatchError) -> LangfuseBatch {
        guard case .object(let object) = value else {
            throw LangfuseBatchError(reason: "expected an object {\"batch\": [events]}, got \(value.typeName)")
        }
        guard let batch = object["batch"], batch != .null else { throw LangfuseBatchError(reason: "batch: is required") }
        guard case .array(let events) = batch else {
            throw LangfuseBatchError(reason: "batch: expected an array of events, got \(batch.typeName)")
        }

        var result = LangfuseBatch()
        var accepted: [(event: LangfuseEvent, position: Int)] = []
        accepted.reserveCapacity(events.count)
        for (offset, element) in events.enumerated() {
            do throws(LangfuseEventError) {
                let event = try LangfuseEvent(element, number: offset + 1)
                result.successes.append(event.id)
                accepted.append((event, offset))
            } catch {
                result.errors.append(error)
            }
        }
        // Langfuse's order (processEventBatch `sortBatch`): creates before updates, each by
        // envelope timestamp, so the first write of an observation fixes its kind and start even
        // when the SDK sent an update first. Ties keep batch order.
        accepted.sort { left, right in
            if left.event.type.isUpdate != right.event.type.isUpdate { return !left.event.type.isUpdate }
            if left.event.timestamp != right.event.timestamp { return left.event.timestamp < right.event.timestamp }
            return left.position < right.position
        }
        result.records = accepted.compactMap(\.event.record)
        return result
    }
}
