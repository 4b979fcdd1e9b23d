import Foundation
import GRDB
import TurnscopeModel

/// Model values rebuilt from an observation row.
extension ObservationRow {
    var observationKind: ObservationKind { kind.flatMap(ObservationKind.init(rawValue:)) ?? .span }

    func summary(traceKey: String, sessionKey: String, number: Int, traceName: String?) -> TurnSummary {
        TurnSummary(
            id: key, traceId: traceKey, sessionId: sessionKey, number: number, name: name ?? traceName, model: model,
            startTime: startAt.map(Timestamp.init(microseconds:)), endTime: endAt.map(Timestamp.init(microseconds:)),
            completionStartTime: firstTokenAt.map(Timestamp.init(microseconds:)), usage: usage, cost: costUSD,
            costSource: costOrigin, toolCallCount: Int(toolCalls), level: level.flatMap(Level.init(rawValue:)),
            statusMessage: statusMessage)
    }

    func node(depth: Int) -> ObservationNode {
        ObservationNode(
            id: key, parentId: parentKey, depth: depth, kind: observationKind, name: name, model: model,
            startTime: startAt.map(Timestamp.init(microseconds:)), endTime: endAt.map(Timestamp.init(microseconds:)),
            level: level.flatMap(Level.init(rawValue:)), usage: usage, cost: costUSD)
    }

    /// The record as the client sent it (merged), for export and detail views; `omittingInput`
    /// leaves out that many leading messages of its input.
    func record(traceKey: String, blobs: inout BlobReader, omittingInput omitted: Int = 0) throws -> ObservationRecord {
        ObservationRecord(
            id: key, traceId: traceKey, parentId: parentKey, kind: kind.flatMap(ObservationKind.init(rawValue:)),
            name: name, startTime: startAt.map(Timestamp.init(microseconds:)),
            endTime: endAt.map(Timestamp.init(microseconds:)),
            completionStartTime: firstTokenAt.map(Timestamp.init(microseconds:)), model: model,
            modelParameters: try modelParameters?.value(blobs: &blobs)?.objectValue,
            input: try blobs.payload(input, droppingMessages: omitted), output: try blobs.payload(output),
            metadata: try wholeMetadata(blobs: &blobs), usage: usage, cost: clientCost,
            level: level.flatMap(Level.init(rawValue:)), statusMessage: statusMessage, version: version,
            environment: environment, eventTime: eventAt.map(Timestamp.init(microseconds:)),
            toolDefinitions: try toolDefinitions(blobs: &blobs))
    }

    /// The metadata with the parts kept apart (see SharedMetadata) put back.
    private func wholeMetadata(blobs: inout BlobReader) throws -> JSONValue? {
        let own = WriteTransaction.decodeJSON(metadata)
        guard case .json(let shared)? = try blobs.payload(sharedMetadata) else { return own }
        return SharedMetadata.join(own: own, shared: shared)
    }

    /// The tool definitions from their blob; a blob that no longer reads as a list gives none.
    private func toolDefinitions(blobs: inout BlobReader) throws -> [ToolDefinition]? {
        guard case .json(let value)? = try blobs.payload(tools) else { return nil }
        return try? ToolDefinition.list(json: value, path: "tools")
    }

    /// Cost parts as reported, or as priced: a computed cost's parts are not stored (see
    /// `price(clientCost:with:memo:)`) but priced again from its entry and usage. Should the
    /// entry's prices have changed since (another version's table, a user's price file), the
    /// parts would not add up to the stored cost, and none are given rather than wrong ones.
    func costParts(pricing: PriceTable) -> [String: Double] {
        if let detail = WriteTransaction.decodeJSON(costDetail) { return (try? Cost(json: detail, path: ""))?.parts ?? [:] }
        guard costSource == "computed", let costUSD, let usage, let entry = priceEntry,
            let priced = pricing.entry(key: entry)?.cost(for: usage), let total = priced.cost.effectiveTotal,
            abs(total - costUSD) <= 1e-9 * max(1, abs(costUSD))
        else { return [:] }
        return Self.rounded(priced.cost.parts)
    }

    /// Parts to a millionth of a millionth of a dollar, as a client's detail is kept: a product's
    /// binary noise (0.00017500000000000003) is not part of the price.
    static func rounded(_ parts: [String: Double]) -> [String: Double] { parts.mapValues { ($0 * 1e12).rounded() / 1e12 } }

    /// Rows of the observations table with the same columns, prefixed as `o.`.
    static let prefixedColumns = SQLText.names(columns).map { "o." + $0 }.joined(separator: ", ")
}

extension TraceRow {
    func record(blobs: inout BlobReader) throws -> TraceRecord {
        TraceRecord(
            id: key, name: name, userId: userId, sessionId: sessionKey,
            timestamp: startAt.map(Timestamp.init(microseconds:)), tags: tags.flatMap(WriteTransaction.decodeTags),
            metadata: WriteTransaction.decodeJSON(metadata), input: try blobs.payload(input),
            output: try blobs.payload(output), release: release, version: version, environment: environment,
            isPublic: isPublic, eventTime: eventAt.map(Timestamp.init(microseconds:)))
    }
}
