import Foundation
import TurnscopeModel

/// The metadata columns of an observation: its own keys as JSON text in `metadata`, the repeated
/// parts as blobs `shared_metadata` references (see SharedMetadata).
extension ObservationRow {
    /// Merges a record's metadata into the row as `policy` says: the own keys and the call part
    /// key by key (a later span adds attributes to the earlier ones), the process part whole.
    ///
    /// Neither part is searchable: every span of a process would match its host or SDK name, and
    /// every call of a model its server address. A call part becomes a blob only once a second
    /// row has the same (`BlobWriter.blobIfRepeated`); until then it stays in the row's own JSON.
    mutating func merge(metadata: JSONValue?, policy: MergePolicy, blobs: inout BlobWriter) throws {
        let incoming = SharedMetadata.split(metadata)
        let (storedProcess, storedCall) = sharedParts
        var stored = SharedMetadata.Parts(own: WriteTransaction.decodeJSON(self.metadata))
        if incoming.call != nil, storedCall != nil || stored.own != nil {
            // The stored call part, to merge into: from its blob, or from the row's own JSON
            // (seen once, or written before call parts were kept apart).
            var reader = BlobReader(db: blobs.db)
            let call = try storedCall.flatMap { try reader.value($0) }
            stored = SharedMetadata.split(SharedMetadata.join(own: stored.own, shared: call))
        }
        var own = policy.metadata(stored.own, incoming.own)
        var call = storedCall
        if incoming.call != nil, let value = policy.metadata(stored.call, incoming.call) {
            call = try blobs.blobIfRepeated(of: value, observation: id, trace: traceId)
            if call == nil { own = SharedMetadata.join(own: own, shared: value) }
        }
        self.metadata = WriteTransaction.encodeJSON(own)

        var process = storedProcess
        if let value = incoming.process, policy.incomingWins || process == nil {
            process = try blobs.blob(of: value, observation: id, trace: traceId, searchable: false)
        }
        sharedMetadata = process == nil && call == nil ? nil : PayloadColumn.metadata(process: process, call: call).data
    }

    /// A row's own metadata with its call part put back, not its process part: what names a call
    /// (its request and response ids) is never in the process part, and reading that blob for
    /// every candidate twin cost a tenth of the log events' ingest.
    static func callMetadata(own: String?, shared: Data?, blobs: inout BlobReader) throws -> JSONValue? {
        let own = WriteTransaction.decodeJSON(own)
        guard case .metadata(_, let call?)? = shared.flatMap(PayloadColumn.init(data:)), let value = try blobs.value(call)
        else { return own }
        return SharedMetadata.join(own: own, shared: value)
    }

    /// The blob ids of the stored process and call parts.
    private var sharedParts: (process: Int64?, call: Int64?) {
        switch sharedMetadata.flatMap(PayloadColumn.init(data:)) {
        case .metadata(let process, let call)?: (process, call)
        case .json(let process)?: (process, nil)
        default: (nil, nil)
        }
    }
}
