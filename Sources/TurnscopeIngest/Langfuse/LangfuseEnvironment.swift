/// Langfuse's normalization of environment names (CONTRACT.md §3.4), shared by every Langfuse
/// decoder so that `Production`, `langfuse-production` and `production` land in one environment.
public enum LangfuseEnvironment {
    /// The environment of records that name none, or name one Langfuse cannot use.
    public static let fallback = "default"

    /// Lowercased, any leading `langfuse`, `langfuse-` or `langfuse_` stripped (repeatedly, since
    /// the prefix is reserved for Langfuse's own traces), cut to 40 characters; `default` unless
    /// what remains matches `^[a-z0-9-_]+$`.
    public static func normalize(_ raw: String) -> String {
        var name = Substring(raw.lowercased())
        while name.hasPrefix("langfuse") {
            name = name.dropFirst(8)
            if name.hasPrefix("-") || name.hasPrefix("_") { name = name.dropFirst() }
        }
        name = name.prefix(40)
        let allowed = !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
        }
        return allowed ? String(name) : fallback
    }
}
