import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

extension RPCRouter {
    /// Registers an OTLP `Export` method whose request is read within `limit` bytes
    /// (`ExportDeserializer`, RESOURCE_EXHAUSTED above it) and answered by `answer`.
    ///
    /// By hand rather than through the generated protocols, whose registration fixes the
    /// deserializer; the three signals differ only in their messages and their answer.
    mutating func registerExport<Input: SwiftProtobuf.Message, Output: SwiftProtobuf.Message>(
        _ descriptor: MethodDescriptor, limit: Int, input: Input.Type, output: Output.Type,
        answer: @escaping @Sendable (Input) async throws -> Output
    ) {
        registerHandler(
            forMethod: descriptor, deserializer: ExportDeserializer<Input>(limit: limit),
            serializer: ProtobufSerializer<Output>()
        ) { request, _ in
            let message = try await ServerRequest(stream: request).message
            return StreamingServerResponse(single: ServerResponse(message: try await answer(message)))
        }
    }
}
