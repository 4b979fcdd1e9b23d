import GRPCCore
import TurnscopeCollector

extension Result where Failure == OTLPExportFailure {
    /// The response to send, or, for an export that was not stored, `unavailable`: OTLP exporters
    /// retry it as they retry OTLP/HTTP's 503, and since nothing of the export was committed,
    /// sending it again duplicates nothing.
    func rpcAnswer() throws(RPCError) -> Success {
        switch self {
        case .success(let response): response
        case .failure(let failure): throw RPCError(code: .unavailable, message: failure.message)
        }
    }
}
