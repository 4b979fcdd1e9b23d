import TurnscopeModel

extension ScoreRecord {
    /// A score from Langfuse's `ScoreBody` (a `score-create` event body, or one element of a
    /// `POST /api/public/scores` body), checked as Langfuse checks it:
    ///
    /// - `name` non-empty; `value` a number or a string as `dataType` requires (`NUMERIC` a number,
    ///   `BOOLEAN` 0 or 1, `CATEGORICAL` and `CORRECTION` a string, `TEXT` 1–500 characters,
    ///   absent either);
    /// - exactly one of `traceId` (with an optional `observationId`), `sessionId` or `datasetRunId`;
    /// - `source` one of `API`, `EVAL`, `ANNOTATION`.
    ///
    /// The id is the body's, or empty when it has none: the caller decides what that means.
    static func langfuse(_ body: FieldReader, timestamp: Timestamp?) throws(FieldError) -> ScoreRecord {
        let id = try LangfuseFields.id(body, "id")
        let name = try body.requiredString("name")
        let dataType = try body.string("dataType")
        guard let raw = body.value("value") else { throw FieldError(path: body.path(of: "value"), reason: "is required") }
        let valuePath = body.path(of: "value")
        let value: ScoreValue
        switch (dataType, raw) {
        case (nil, .string(let text)):
            value = .string(text)
        case (nil, let number) where number.doubleValue != nil, ("NUMERIC"?, let number) where number.doubleValue != nil:
            value = .number(number.doubleValue!)
        case (nil, _):
            throw FieldError(path: valuePath, reason: "expected a number or a string, got \(raw.typeName)")
        case ("NUMERIC"?, _):
            throw FieldError(path: valuePath, reason: "expected a number for data type NUMERIC, got \(raw.typeName)")
        case ("BOOLEAN"?, let number) where number.doubleValue != nil:
            guard let flag = number.doubleValue, flag == 0 || flag == 1 else {
                throw FieldError(path: valuePath, reason: "must be 0 or 1 for data type BOOLEAN, got \(JSONText.string(raw))")
            }
            value = .number(flag)
        case ("BOOLEAN"?, _):
            throw FieldError(path: valuePath, reason: "expected 0 or 1 for data type BOOLEAN, got \(raw.typeName)")
        case ("CATEGORICAL"?, .string(let text)), ("CORRECTION"?, .string(let text)):
            value = .string(text)
        case ("TEXT"?, .string(let text)):
            guard (1...500).contains(text.utf16.count) else {
                throw FieldError(path: valuePath, reason: "must be 1 to 500 characters for data type TEXT, got \(text.utf16.count)")
            }
            value = .string(text)
        case ("CATEGORICAL"?, _), ("CORRECTION"?, _), ("TEXT"?, _):
            throw FieldError(path: valuePath, reason: "expected a string for data type \(dataType!), got \(raw.typeName)")
        case (let other?, _):
            throw FieldError(
                path: body.path(of: "dataType"),
                reason: "must be NUMERIC, CATEGORICAL, BOOLEAN, TEXT or CORRECTION, got \"\(other.prefix(40))\"")
        }

        var score = ScoreRecord(id: id ?? "", name: name, value: value, dataType: dataType)
        score.traceId = try body.string("traceId")
        score.observationId = try body.string("observationId")
        score.sessionId = try body.string("sessionId")
        let datasetRunId = try body.string("datasetRunId")
        let targets = [score.traceId, score.sessionId, datasetRunId].filter { !($0 ?? "").isEmpty }.count
        let hasObservation = !(score.observationId ?? "").isEmpty
        guard targets == 1, !hasObservation || !(score.traceId ?? "").isEmpty else {
            throw FieldError(
                path: body.path,
                reason: "provide exactly one of traceId (with an optional observationId), sessionId or datasetRunId; "
                    + "observationId requires traceId")
        }
        score.comment = try body.string("comment")
        score.metadata = body.value("metadata")
        if let source = try body.string("source") {
            guard ["API", "EVAL", "ANNOTATION"].contains(source) else {
                throw FieldError(path: body.path(of: "source"), reason: "must be API, EVAL or ANNOTATION, got \"\(source.prefix(40))\"")
            }
            score.source = source
        }
        score.environment = try LangfuseFields.environment(body)
        _ = try body.string("configId")
        _ = try body.string("queueId")
        score.timestamp = timestamp
        return score
    }
}
