extension ProviderExchange {
    /// Whether a header may carry a credential, so that it must be forwarded but never stored,
    /// logged or shown: `authorization`, `proxy-authorization`, `x-api-key`, `api-key`, `cookie`,
    /// `set-cookie`, and any name containing `key`, `token`, `secret`, `auth`, `cookie`,
    /// `password` or `credential`, whatever its case.
    ///
    /// The rule is deliberately broad: a harmless header it drops (`idempotency-key`) costs a
    /// little detail in a record, a credential it kept would sit in the database for good.
    public static func isSecretHeader(_ name: String) -> Bool {
        let name = name.lowercased()
        return secretNames.contains(name) || secretParts.contains { name.contains($0) }
    }

    private static let secretNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie",
    ]
    private static let secretParts = ["key", "token", "secret", "auth", "cookie", "password", "credential"]
}
