/// What became of OTLP/gRPC when a command started, for its announcement and the browser's header.
enum GRPCStatus: Equatable, CustomStringConvertible {
    /// Serving on this address (the port bound, when 0 was asked for).
    case listening(ListenAddress)
    /// `--no-grpc`.
    case turnedOff
    /// The default address could not be used, for this reason (`in use`).
    case unavailable(ListenAddress, reason: String)

    /// `gRPC 127.0.0.1:4317`, `gRPC off`, `gRPC off: 127.0.0.1:4317 in use`.
    var description: String {
        switch self {
        case .listening(let address): "gRPC \(address.description)"
        case .turnedOff: "gRPC off"
        case .unavailable(let address, let reason): "gRPC off: \(address.description) \(reason)"
        }
    }

    /// The line `serve` prints: where to point a gRPC exporter, or why there is no gRPC.
    var announcement: String {
        guard case .listening(let address) = self else { return description }
        return "OTLP/gRPC on \(address.description); set OTEL_EXPORTER_OTLP_PROTOCOL=grpc "
            + "OTEL_EXPORTER_OTLP_ENDPOINT=http://\(address.description)"
    }

    /// For the header, where width is scarce: a server on the collector's own host is named by its
    /// port alone (`gRPC :4317`).
    func compact(besideHost host: String) -> String {
        if case .listening(let address) = self, address.host == host { return "gRPC :\(address.port)" }
        return description
    }
}
