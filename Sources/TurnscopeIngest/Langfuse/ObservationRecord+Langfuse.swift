import TurnscopeModel

extension ObservationRecord {
    /// An observation from the body of a span, generation, event, agent, tool, … event, or a legacy
    /// `observation-create` / `observation-update`.
    ///
    /// Only the fields of the event type's schema are read (an `event-create` has no `endTime`,
    /// a span no `usage`); others are ignored, as Langfuse strips them. A create's missing
    /// `startTime` is the envelope timestamp, as on Langfuse's server; an update's stays nil so it
    /// cannot move the start. A legacy body without `id` yields nil (acknowledged, not stored).
    static func langfuse(
        _ body: FieldReader, type: LangfuseEventType, eventTime: Timestamp
    ) throws(FieldError) -> ObservationRecord? {
        var kind = type.observationKind
        let isLegacy = type == .observationCreate || type == .observationUpdate
        if isLegacy {
            switch try body.string("type") {
            case "GENERATION": kind = .generation
            case "SPAN": kind = .span
            case "EVENT": kind = .event
            case nil: throw FieldError(path: body.path(of: "type"), reason: "is required (GENERATION, SPAN or EVENT)")
            case let other?:
                throw FieldError(path: body.path(of: "type"), reason: "must be GENERATION, SPAN or EVENT, got \"\(other.prefix(40))\"")
            }
        }
        // Every current observation schema requires `id`; the legacy one does not.
        let id = isLegacy ? try LangfuseFields.id(body, "id") : try LangfuseFields.requiredId(body, "id")

        var record = ObservationRecord(id: id ?? "", kind: kind)
        record.traceId = try LangfuseFields.id(body, "traceId")
        record.parentId = try body.string("parentObservationId")
        record.name = try body.string("name")
        record.startTime = try body.timestamp("startTime") ?? (type.isUpdate ? nil : eventTime)
        if type.hasEndTime { record.endTime = try body.timestamp("endTime") }
        record.metadata = body.value("metadata")
        record.level = try LangfuseFields.level(body)
        record.statusMessage = try body.string("statusMessage")
        record.version = try body.string("version")
        record.environment = try LangfuseFields.environment(body)
        record.output = body.value("output").map(PayloadNormalizer.payload(from:))
        let input = body.value("input")
        record.input = input.map(PayloadNormalizer.payload(from:))

        if type.hasGenerationFields {
            record.completionStartTime = try body.timestamp("completionStartTime")
            record.model = try body.string("model")
            // Values are kept whatever their type: Langfuse allows only strings, numbers, booleans,
            // string lists and string maps, but refusing a whole generation over a nested
            // `response_format` would lose the turn for a detail.
            var parameters = try body.object("modelParameters")
            let legacyUsage = try LangfuseFields.legacyUsage(body)
            let usageDetails = try body.object("usageDetails")
            let costDetails = try body.object("costDetails")
            if !isLegacy { try LangfuseFields.checkPrompt(body) }
            record.usage = UsageNormalizer.usage(legacy: legacyUsage, details: usageDetails)
            record.cost = UsageNormalizer.merge(
                legacyUsage.flatMap(UsageNormalizer.cost(fromLegacyUsage:)),
                overriddenBy: costDetails.flatMap(UsageNormalizer.cost(fromLangfuse:)))
            // Langfuse's OpenAI integration sends `{"messages", "tools", "tool_choice"}` as a
            // generation's input: the chat becomes messages and the rest joins the model
            // parameters (the client's own parameters win), so neither is lost.
            if kind == .generation, let input, let chat = PayloadNormalizer.chatRequest(from: input), !chat.settings.isEmpty {
                record.input = .messages(chat.messages)
                parameters = chat.settings.merging(parameters ?? [:]) { _, sent in sent }
            }
            record.modelParameters = parameters
        }
        record.eventTime = eventTime
        return id == nil ? nil : record
    }
}
