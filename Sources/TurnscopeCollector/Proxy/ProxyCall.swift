import Foundation
import Hummingbird
import TurnscopeModel

/// One request through a proxy route: read the client's body, start the upstream transfer, and
/// answer with its head and a body written chunk by chunk as the upstream sends it.
struct ProxyCall {
    let collector: Collector
    let route: ProxyRoute

    func forward(_ request: Request) async -> Response {
        let start = Date()
        let configuration = collector.configuration
        let body: [UInt8]
        do {
            body = Array(try await request.body.collect(upTo: configuration.maxBodyBytes).readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return JSONResponse.error(.contentTooLarge, "request body is larger than \(configuration.maxBodyBytes) bytes")
        } catch {
            return JSONResponse.error(.badRequest, "could not read the request body: \(error)")
        }
        // The raw target, so the query goes upstream exactly as sent.
        let target = String(request.uri.description.dropFirst(route.name.count + 1))
        let relative = target.isEmpty || target.hasPrefix("?") ? "/" + target : target
        let (pathPart, queryPart) = Self.split(relative)
        var headers: [(name: String, value: String)] = []
        for field in request.headers where !HopByHop.isDropped(field.name.rawName) {
            // libcurl sets the length of the body it sends itself.
            if field.name == .contentLength { continue }
            headers.append((field.name.rawName, field.value))
        }
        let method = request.method.rawValue
        let recording = ProxyRecording(
            route: route.name, method: method, path: pathPart, query: queryPart, headers: headers, body: body,
            limit: configuration.maxRecordedResponseBytes, start: start)
        let writer = collector.writer
        let transfer = UpstreamTransfer(
            url: route.upstream + relative, method: method, headers: headers, body: body,
            trust: configuration.upstreamTrust, recording: recording
        ) { end in
            let records = recording.records(ending: end, id: UUID().uuidString.lowercased())
            guard !records.isEmpty else { return }
            Task { _ = await writer.write(records, client: "proxy") }
        }
        transfer.start()
        let channel = transfer.channel
        let head: UpstreamHead
        switch await withTaskCancellationHandler(operation: { await channel.awaitHead() }, onCancel: { channel.cancel() }) {
        case .success(let received): head = received
        case .failure(let failure):
            return JSONResponse.error(.badGateway, "the upstream \(route.upstream) could not be reached: \(failure.message)")
        }
        var fields = HTTPFields()
        for (name, value) in head.headers {
            guard let name = HTTPFields.Element.Name(name) else { continue }
            fields.append(.init(name: name, value: value))
        }
        return Response(
            // HTTP/2 has no reason phrase: the standard one stands in for it.
            status: head.reason.isEmpty ? HTTPResponse.Status(code: head.status) : HTTPResponse.Status(code: head.status, reasonPhrase: head.reason),
            headers: fields,
            body: ResponseBody { writer in
                try await withTaskCancellationHandler {
                    while true {
                        switch await channel.next() {
                        case .success(let chunk?):
                            do {
                                try await writer.write(ByteBuffer(bytes: chunk))
                            } catch {
                                // The client hung up: stop the upstream call too.
                                channel.cancel()
                                throw error
                            }
                        case .success(nil):
                            try await writer.finish(nil)
                            return
                        case .failure(let failure):
                            // Ending without the final chunk shows the client the cut.
                            throw failure
                        }
                    }
                } onCancel: {
                    channel.cancel()
                }
            })
    }

    /// The path and the query (without `?`) of a request target.
    static func split(_ target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
