/// The severity of an observation, as Langfuse names it.
public enum Level: String, Sendable, Hashable, CaseIterable, Codable {
    case debug = "DEBUG"
    case `default` = "DEFAULT"
    case warning = "WARNING"
    case error = "ERROR"
}
