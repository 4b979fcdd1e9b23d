import Foundation
import Hummingbird
import TurnscopeModel

/// JSON responses, written with Turnscope's own JSON writer.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(value.jsonBytes)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    /// A client error with a message that names what is wrong.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        make(status, ["message": .string(message), "error": .string(status.reasonPhrase)])
    }
}

extension HTTPResponse.Status {
    /// 207, which the Langfuse batch API answers with: HTTPTypes names no WebDAV statuses.
    static let multiStatus = HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status")
}
