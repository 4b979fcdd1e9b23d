import TurnscopeModel

extension TraceRecord {
    /// A trace from a `trace-create` body (Langfuse's `TraceBody`), which is also how SDKs update a
    /// trace: another `trace-create` with the same `id` and only the changed fields.
    ///
    /// Every field is checked, but a body without `id` yields nil: Langfuse acknowledges such an
    /// event and stores nothing (CONTRACT.md §3.7 step 3). `timestamp` is the body's own, never the
    /// envelope's: an update carries none, and the trace's time is fixed by its first write.
    static func langfuse(_ body: FieldReader, eventTime: Timestamp) throws(FieldError) -> TraceRecord? {
        let id = try LangfuseFields.id(body, "id")
        var trace = TraceRecord(id: id ?? "")
        trace.timestamp = try body.timestamp("timestamp")
        trace.name = try LangfuseFields.string(body, "name", maximum: 1000)
        _ = try body.string("externalId")  // checked as Langfuse does; the model has no place for it
        trace.userId = try body.string("userId")
        trace.sessionId = try body.string("sessionId")
        trace.input = body.value("input").map(PayloadNormalizer.payload(from:))
        trace.output = body.value("output").map(PayloadNormalizer.payload(from:))
        trace.metadata = body.value("metadata")
        trace.release = try body.string("release")
        trace.version = try body.string("version")
        trace.environment = try LangfuseFields.environment(body)
        trace.isPublic = try body.bool("public")
        trace.tags = try body.strings("tags")
        trace.eventTime = eventTime
        return id == nil ? nil : trace
    }
}
