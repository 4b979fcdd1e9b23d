import Foundation
import Hummingbird

/// A request body read whole, within the configured limits, and gunzipped when it says it is.
struct IncomingBody {
    /// The bytes, decompressed: copied once out of the collected buffer, since every decoder reads
    /// `Data` (an export of 512 spans is megabytes, and each extra copy is a fresh mapping to fault in).
    let data: Data
    /// The media type without parameters, lowercased (`application/json`).
    let mediaType: String

    /// Reads the body, or returns the response that refuses it (413, 415 or 400).
    static func read(
        _ request: Request, limits configuration: CollectorConfiguration
    ) async -> Result<IncomingBody, Refusal> {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .failure(Refusal(.contentTooLarge, "request body is larger than \(configuration.maxBodyBytes) bytes"))
        } catch {
            return .failure(Refusal(.badRequest, "could not read the request body: \(error)"))
        }
        let data: Data
        let encoding = request.headers[.contentEncoding]?.lowercased().trimmingCharacters(in: .whitespaces) ?? "identity"
        switch encoding {
        case "identity", "":
            data = buffer.withUnsafeReadableBytes { Data($0) }
        case "gzip", "x-gzip":
            do {
                data = Data(try Gunzip.inflate(Array(buffer.readableBytesView), limit: configuration.maxInflatedBytes))
            } catch {
                switch error {
                case .tooLarge(let limit):
                    return .failure(Refusal(.contentTooLarge, "gzip body inflates to more than \(limit) bytes"))
                case .corrupt(let reason):
                    return .failure(Refusal(.badRequest, "Content-Encoding is gzip but the body is not valid gzip: \(reason)"))
                }
            }
        default:
            return .failure(Refusal(.unsupportedMediaType, "Content-Encoding \(encoding) is not supported (use gzip or none)"))
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return .success(IncomingBody(data: data, mediaType: mediaType))
    }

    /// Reads the body and hands it to `handler`, or answers with the refusal when it cannot be read.
    static func handle(
        _ request: Request, limits configuration: CollectorConfiguration,
        _ handler: (IncomingBody) async -> Response
    ) async -> Response {
        switch await read(request, limits: configuration) {
        case .success(let body): await handler(body)
        case .failure(let refusal): refusal.response
        }
    }

    var isJSON: Bool { mediaType == "application/json" || mediaType.hasSuffix("+json") }
    var isProtobuf: Bool { mediaType == "application/x-protobuf" || mediaType == "application/protobuf" }
}

/// A response that refuses a request, and why.
struct Refusal: Error {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    var response: Response { JSONResponse.error(status, message) }
}
