import Foundation
import Hummingbird
import TurnscopeIngest
import TurnscopeModel

/// The Langfuse public API surface that SDKs and litellm call: projects (for `auth_check()`),
/// health, batch ingestion, scores, media (answered so uploads are skipped) and OTLP.
struct LangfuseRoutes {
    let collector: Collector

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/public/health") { _, _ in
            JSONResponse.make(.ok, ["status": "OK", "version": .string(TurnscopeVersion.current)])
        }
        router.get("/api/public/projects") { _, _ in
            // The full shape: SDK 3+ validate organization and metadata, SDK 2 only the id.
            JSONResponse.make(.ok, [
                "data": [
                    [
                        "id": "turnscope", "name": "Turnscope (local)",
                        "organization": ["id": "turnscope", "name": "Turnscope"], "metadata": [:],
                    ]
                ]
            ])
        }
        router.post("/api/public/ingestion") { request, _ in
            await IncomingBody.handle(request, limits: self.collector.configuration, self.ingestion)
        }
        router.post("/api/public/scores") { request, _ in
            await IncomingBody.handle(request, limits: self.collector.configuration, self.scores)
        }
        router.post("/api/public/media") { request, _ in await self.media(request) }
        router.patch("/api/public/media/:id") { _, _ in Response(status: .noContent) }
    }

    private func ingestion(_ body: IncomingBody) async -> Response {
        guard body.mediaType.isEmpty || body.isJSON else {
            return JSONResponse.error(.unsupportedMediaType, "the ingestion API takes application/json, not \(body.mediaType)")
        }
        let batch: LangfuseBatch
        do {
            batch = try LangfuseIngestion.decode(body.data)
        } catch {
            return JSONResponse.make(.badRequest, ["message": "Invalid request data", "error": .string(error.description)])
        }
        if case .failure(let error) = await collector.writer.write(batch.records, client: "langfuse") {
            // Nothing was stored: a 500 makes the SDK retry the batch, which is what we want.
            return JSONResponse.error(.internalServerError, "events were not stored: \(error)")
        }
        return JSONResponse.make(.multiStatus, [
            "successes": .array(batch.successes.map { ["id": .string($0), "status": 201] }),
            "errors": .array(batch.errors.map { error in
                [
                    "id": .string(error.id), "status": .integer(Int64(error.status)),
                    "message": .string(error.message), "error": .string(error.error),
                ]
            }),
        ])
    }

    private func scores(_ body: IncomingBody) async -> Response {
        let scores: LangfuseScoreBatch
        do {
            scores = try LangfuseScores.decode(body.data)
        } catch {
            return JSONResponse.make(.badRequest, ["message": "Invalid request data", "error": .string(error.description)])
        }
        if case .failure(let error) = await collector.writer.write(scores.records, client: "langfuse") {
            return JSONResponse.error(.internalServerError, "scores were not stored: \(error)")
        }
        if scores.errors.isEmpty { return JSONResponse.make(.accepted, ["message": "Accepted"]) }
        return JSONResponse.make(.multiStatus, [
            "accepted": .integer(Int64(scores.records.count)), "rejected": .integer(Int64(scores.errors.count)),
            "errors": .array(scores.errors.map { ["message": .string($0)] }),
        ])
    }

    /// Media uploads are answered with `uploadUrl: null`, which SDKs read as "already uploaded":
    /// the reference in the trace stays, and the bytes never leave the application.
    private func media(_ request: Request) async -> Response {
        var mediaId = "turnscope-media"
        if case .success(let body) = await IncomingBody.read(request, limits: collector.configuration),
            let json = try? JSONText.parse(body.data), let hash = json["sha256Hash"]?.stringValue
        {
            mediaId = String(hash.filter { $0.isLetter || $0.isNumber }.prefix(22))
        }
        return JSONResponse.make(.ok, ["uploadUrl": .null, "mediaId": .string(mediaId)])
    }
}
