import TurnscopeModel

/// Builds a reply from a stream's events, one at a time, as they came.
protocol ProviderStreamAssembler {
    init()
    /// Takes the next event.
    mutating func read(_ event: ServerSentEvent)
    /// The reply as far as the events so far tell it.
    func reply() -> ProviderReply
}

extension ProviderStreamAssembler {
    /// The reply of a whole list of events.
    static func reply(of events: [ServerSentEvent]) -> ProviderReply {
        var assembler = Self()
        for event in events { assembler.read(event) }
        return assembler.reply()
    }

    /// An event's data as a JSON object; nil when it is not one.
    static func object(of event: ServerSentEvent) -> [String: JSONValue]? {
        (try? JSONText.parse(event.data))?.objectValue
    }
}
