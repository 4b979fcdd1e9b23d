import Foundation
import Hummingbird
import TurnscopeIngest
import TurnscopeModel

/// `POST /api/turnscope/records`: Turnscope's own JSON Lines, the same as `turnscope import`.
struct NativeRoutes {
    let collector: Collector

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/turnscope/records") { request, _ in
            await IncomingBody.handle(request, limits: self.collector.configuration, self.records)
        }
    }

    private func records(_ body: IncomingBody) async -> Response {
        guard body.mediaType.isEmpty || body.isJSON || body.mediaType == "application/x-ndjson"
            || body.mediaType == "application/jsonl" || body.mediaType == "text/plain"
        else {
            return JSONResponse.error(.unsupportedMediaType, "send JSON Lines (application/x-ndjson or application/json), not \(body.mediaType)")
        }
        var records: [Record] = []
        var errors: [JSONValue] = []
        for (line, result) in NativeFormat.decode(lines: body.data) {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let error): errors.append(["line": .integer(Int64(line)), "message": .string(error.description)])
            }
        }
        if case .failure(let error) = await collector.writer.write(records, client: "native") {
            return JSONResponse.error(.internalServerError, "records were not stored: \(error)")
        }
        let summary: JSONValue = [
            "accepted": .integer(Int64(records.count)), "rejected": .integer(Int64(errors.count)), "errors": .array(errors),
        ]
        return JSONResponse.make(errors.isEmpty ? .ok : .multiStatus, summary)
    }
}
