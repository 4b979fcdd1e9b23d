import ArgumentParser

/// A `host:port` given on the command line (`--listen`, `--grpc-listen`); a bracketed IPv6 host is
/// allowed and an empty host means 127.0.0.1.
struct ListenAddress: Equatable {
    var host: String
    var port: Int

    /// An address already split.
    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `text`, naming `flag` in the error.
    init(parsing text: String, flag: String, example: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else {
            throw ValidationError("\(flag) takes host:port, like \(example)")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "127.0.0.1" : host
        self.port = port
    }

    /// `host:port`, the host bracketed when it is IPv6.
    var description: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}
