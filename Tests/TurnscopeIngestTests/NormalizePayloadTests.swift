import Foundation
import Testing
import TurnscopeIngest
import TurnscopeModel

/// `PayloadNormalizer`: every message dialect it reads, tool calls paired with their results by
/// id, and the values it must leave alone.
@Suite struct NormalizePayloadTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONText.parse(text) }

    static func messages(_ text: String) throws -> [Message] {
        let payload = PayloadNormalizer.payload(from: try parse(text))
        return try #require(payload.messages, "not read as a chat: \(payload)")
    }

    // MARK: - OpenAI Chat Completions

    @Test func openAIToolCallRoundTrip() throws {
        // FORMATS.md fixture openai_chat_request_toolcall.json.
        let messages = try Self.messages(
            #"""
            [{"role": "system", "content": "You are a weather bot."},
             {"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"}]},
             {"role": "assistant", "content": null, "tool_calls": [{"id": "call_VSPy", "type": "function",
               "function": {"name": "get_weather", "arguments": "{\"location\":\"Paris, FR\"}"}}]},
             {"role": "tool", "tool_call_id": "call_VSPy", "content": "rainy, 14°C"}]
            """#)
        #expect(
            messages == [
                .text(.system, "You are a weather bot."),
                .text(.user, "Weather in Paris?"),
                Message(role: .assistant, parts: [.toolCall(ToolCall(id: "call_VSPy", name: "get_weather", arguments: ["location": "Paris, FR"]))]),
                Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_VSPy", content: "rainy, 14°C"))]),
            ])
        // The call and its result pair by id.
        #expect(messages[2].toolCalls.first?.id == messages[3].toolResults.first?.callId)
    }

    @Test func openAIArgumentsThatAreNotJSONStayText() throws {
        let messages = try Self.messages(
            #"""
            [{"role": "assistant", "content": "Let me look.", "tool_calls": [
               {"id": "c1", "type": "function", "function": {"name": "search", "arguments": "{\"q\": \"par"}},
               {"id": "c2", "type": "function", "function": {"name": "now", "arguments": ""}},
               {"id": "c3", "type": "function", "function": {"name": "sum", "arguments": {"a": 1}}},
               {"id": "c4", "type": "custom", "custom": {"name": "shell", "input": "{\"ls\": 1}"}},
               {"id": "c5", "type": "mcp", "server": "x"}]}]
            """#)
        #expect(
            messages[0].parts == [
                .text("Let me look."),
                .toolCall(ToolCall(id: "c1", name: "search", arguments: .string("{\"q\": \"par"))),
                .toolCall(ToolCall(id: "c2", name: "now", arguments: [:])),
                .toolCall(ToolCall(id: "c3", name: "sum", arguments: ["a": 1])),
                .toolCall(ToolCall(id: "c4", name: "shell", arguments: .string("{\"ls\": 1}"))),
                .other(["id": "c5", "type": "mcp", "server": "x"]),
            ])
    }

    @Test func openAIContentParts() throws {
        let messages = try Self.messages(
            #"""
            [{"role": "user", "name": "alice", "content": [
               {"type": "text", "text": "What is this?"},
               {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"}},
               {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,AAAA"}},
               {"type": "input_audio", "input_audio": {"data": "UklGR", "format": "wav"}},
               {"type": "file", "file": {"file_id": "file-1"}}]}]
            """#)
        #expect(
            messages == [
                Message(
                    role: .user, name: "alice",
                    parts: [
                        .text("What is this?"),
                        .image(url: "https://example.com/cat.png", mediaType: nil),
                        .image(url: "data:image/jpeg;base64,AAAA", mediaType: "image/jpeg"),
                        .other(["type": "input_audio", "input_audio": ["data": "UklGR", "format": "wav"]]),
                        .other(["type": "file", "file": ["file_id": "file-1"]]),
                    ])
            ])
    }

    @Test func openAIReasoningContentRefusalAndLegacyFunctions() throws {
        let messages = try Self.messages(
            #"""
            [{"role": "developer", "content": [{"type": "text", "text": "Be brief."}]},
             {"role": "assistant", "content": "42", "reasoning_content": "6 times 7"},
             {"role": "assistant", "content": null, "refusal": "I can't help with that."},
             {"role": "assistant", "content": null, "function_call": {"name": "lookup", "arguments": "{\"k\": 1}"}},
             {"role": "function", "name": "lookup", "content": "found"}]
            """#)
        #expect(
            messages == [
                .text(.developer, "Be brief."),
                Message(role: .assistant, parts: [.reasoning(text: "6 times 7", signature: nil), .text("42")]),
                Message(role: .assistant, parts: [.other(["type": "refusal", "refusal": "I can't help with that."])]),
                Message(role: .assistant, parts: [.toolCall(ToolCall(id: nil, name: "lookup", arguments: ["k": 1]))]),
                Message(role: "function", name: "lookup", parts: [.toolResult(ToolResult(callId: nil, content: "found"))]),
            ])
    }

    @Test func singleMessageObjects() throws {
        // The Python SDK's and litellm's outputs: one assistant message, nulls and extra keys included.
        #expect(try Self.messages(#"{"role": "assistant", "content": "hello"}"#) == [.text(.assistant, "hello")])
        #expect(
            try Self.messages(
                #"{"content": "hello there", "role": "assistant", "tool_calls": null, "function_call": null, "provider_specific_fields": null}"#)
                == [.text(.assistant, "hello there")])
        // litellm keeps Anthropic's thinking blocks next to the text; their signature is kept.
        #expect(
            try Self.messages(
                #"{"role": "assistant", "content": "4", "reasoning_content": "2+2", "thinking_blocks": [{"type": "thinking", "thinking": "2+2", "signature": "sig"}]}"#)
                == [Message(role: .assistant, parts: [.reasoning(text: "2+2", signature: "sig"), .text("4")])])
    }

    @Test func toolMessageWithTextParts() throws {
        #expect(
            try Self.messages(#"[{"role": "tool", "tool_call_id": "c", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}]"#)
                == [Message(role: .tool, parts: [.toolResult(ToolResult(callId: "c", content: "a\nb"))])])
    }

    // MARK: - Wrappers

    @Test func litellmMessagesWrapper() throws {
        #expect(try Self.messages(#"{"messages": [{"role": "user", "content": "hi"}]}"#) == [.text(.user, "hi")])
    }

    @Test func anthropicSystemAndMessages() throws {
        #expect(
            try Self.messages(#"{"system": "Be kind.", "messages": [{"role": "user", "content": "hi"}]}"#)
                == [.text(.system, "Be kind."), .text(.user, "hi")])
        #expect(
            try Self.messages(
                #"{"system": [{"type": "text", "text": "Be kind.", "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "hi"}], "tools": null}"#)
                == [.text(.system, "Be kind."), .text(.user, "hi")])
    }

    @Test func wrapperWithSettingsStaysJSONButSplitsOnRequest() throws {
        let value = try Self.parse(#"{"messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function"}], "model": "gpt-4o"}"#)
        #expect(PayloadNormalizer.payload(from: value) == .json(value))
        let chat = try #require(PayloadNormalizer.chatRequest(from: value))
        #expect(chat.messages == [.text(.user, "hi")])
        #expect(chat.settings == ["tools": [["type": "function"]], "model": "gpt-4o"])
        #expect(PayloadNormalizer.chatRequest(from: try Self.parse(#"[{"role": "user", "content": "hi"}]"#))?.settings == [:])
    }

    // MARK: - Anthropic

    @Test func anthropicToolUseAndResult() throws {
        // FORMATS.md fixture anthropic_request_tooluse.json, shortened.
        let messages = try Self.messages(
            #"""
            [{"role": "user", "content": [
               {"type": "text", "text": "Weather where this photo was taken?"},
               {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBOR"}},
               {"type": "image", "source": {"type": "url", "url": "https://example.com/p.jpg"}}]},
             {"role": "assistant", "content": [
               {"type": "thinking", "thinking": "Paris, probably.", "signature": "EqSb"},
               {"type": "redacted_thinking", "data": "xyz"},
               {"type": "text", "text": "I'll check."},
               {"type": "tool_use", "id": "toolu_01NR", "name": "get_weather", "input": {"location": "Paris, FR"}}]},
             {"role": "user", "content": [
               {"type": "tool_result", "tool_use_id": "toolu_01NR", "content": "rainy, 14°C", "is_error": false}]}]
            """#)
        #expect(
            messages == [
                Message(
                    role: .user,
                    parts: [
                        .text("Weather where this photo was taken?"),
                        .image(url: "data:image/png;base64,iVBOR", mediaType: "image/png"),
                        .image(url: "https://example.com/p.jpg", mediaType: nil),
                    ]),
                Message(
                    role: .assistant,
                    parts: [
                        .reasoning(text: "Paris, probably.", signature: "EqSb"),
                        .other(["type": "redacted_thinking", "data": "xyz"]),
                        .text("I'll check."),
                        .toolCall(ToolCall(id: "toolu_01NR", name: "get_weather", arguments: ["location": "Paris, FR"])),
                    ]),
                // A user turn of tool results only is a tool message (docs/native-format.md §6).
                Message(role: .tool, parts: [.toolResult(ToolResult(callId: "toolu_01NR", content: "rainy, 14°C"))]),
            ])
        #expect(messages[1].toolCalls.first?.id == messages[2].toolResults.first?.callId)
    }

    @Test func anthropicToolResultShapes() throws {
        let messages = try Self.messages(
            #"""
            [{"role": "user", "content": [
               {"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "line 1"}, {"type": "text", "text": "line 2"}]},
               {"type": "tool_result", "tool_use_id": "t2", "content": "command not found", "is_error": true},
               {"type": "tool_result", "tool_use_id": "t3"},
               {"type": "tool_result", "tool_use_id": "t4", "content": [{"type": "image", "source": {"type": "url", "url": "u"}}]},
               {"type": "text", "text": "Carry on."}]}]
            """#)
        #expect(
            messages == [
                // Text after the results keeps the message a user message.
                Message(
                    role: .user,
                    parts: [
                        .toolResult(ToolResult(callId: "t1", content: "line 1\nline 2")),
                        .toolResult(ToolResult(callId: "t2", content: "command not found", isError: true)),
                        .toolResult(ToolResult(callId: "t3", content: "")),
                        .toolResult(ToolResult(callId: "t4", content: #"[{"source":{"type":"url","url":"u"},"type":"image"}]"#)),
                        .text("Carry on."),
                    ])
            ])
    }

    @Test func anthropicResponseObject() throws {
        // A whole Messages API response is one assistant message; its usage and ids are not content.
        #expect(
            try Self.messages(
                #"{"id": "msg_1", "type": "message", "role": "assistant", "model": "claude", "content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn"}"#)
                == [.text(.assistant, "Hi")])
    }

    // MARK: - OTel GenAI, Gemini, OpenAI Responses

    @Test func otelGenAIParts() throws {
        let messages = try Self.messages(
            #"""
            [{"role": "system", "parts": [{"type": "text", "content": "Be brief."}]},
             {"role": "assistant", "parts": [
                {"type": "reasoning", "content": "Need weather."},
                {"type": "tool_call", "id": "call_1", "name": "get_weather", "arguments": {"city": "Paris"}},
                {"type": "tool_call", "id": "call_2", "name": "get_time", "arguments": "{\"tz\": \"CET\"}"}],
              "finish_reason": "tool_call"},
             {"role": "tool", "parts": [
                {"type": "tool_call_response", "id": "call_1", "response": "rainy"},
                {"type": "tool_call_response", "id": "call_2", "result": {"time": "12:00"}}]},
             {"role": "user", "parts": [
                {"type": "uri", "modality": "image", "uri": "https://example.com/a.png", "mime_type": "image/png"},
                {"type": "blob", "modality": "image", "mime_type": "image/gif", "content": "R0lG"},
                {"type": "blob", "modality": "audio", "mime_type": "audio/wav", "content": "UklG"}]}]
            """#)
        #expect(
            messages == [
                .text(.system, "Be brief."),
                Message(
                    role: .assistant,
                    parts: [
                        .reasoning(text: "Need weather.", signature: nil),
                        .toolCall(ToolCall(id: "call_1", name: "get_weather", arguments: ["city": "Paris"])),
                        .toolCall(ToolCall(id: "call_2", name: "get_time", arguments: ["tz": "CET"])),
                    ]),
                Message(
                    role: .tool,
                    parts: [
                        .toolResult(ToolResult(callId: "call_1", content: "rainy")),
                        .toolResult(ToolResult(callId: "call_2", content: #"{"time":"12:00"}"#)),
                    ]),
                Message(
                    role: .user,
                    parts: [
                        .image(url: "https://example.com/a.png", mediaType: "image/png"),
                        .image(url: "data:image/gif;base64,R0lG", mediaType: "image/gif"),
                        .other(["type": "blob", "modality": "audio", "mime_type": "audio/wav", "content": "UklG"]),
                    ]),
            ])
    }

    @Test func geminiParts() throws {
        #expect(
            try Self.messages(
                #"""
                [{"role": "user", "parts": [{"text": "Weather?"}]},
                 {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Rome"}}}]},
                 {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"sky": "clear"}}}]}]
                """#)
                == [
                    .text(.user, "Weather?"),
                    Message(role: "model", parts: [.toolCall(ToolCall(id: nil, name: "get_weather", arguments: ["city": "Rome"]))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: nil, content: #"{"sky":"clear"}"#))]),
                ])
    }

    @Test func openAIResponsesItems() throws {
        #expect(
            try Self.messages(
                #"""
                [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Weather in Paris?"}]},
                 {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Call the tool."}]},
                 {"type": "function_call", "id": "fc_1", "call_id": "call_Qd3", "name": "get_weather", "arguments": "{\"location\":\"Paris, FR\"}"},
                 {"type": "function_call_output", "call_id": "call_Qd3", "output": "rainy, 14°C"},
                 {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "It's rainy.", "annotations": []}]}]
                """#)
                == [
                    .text(.user, "Weather in Paris?"),
                    Message(role: .assistant, parts: [.reasoning(text: "Call the tool.", signature: nil)]),
                    Message(role: .assistant, parts: [.toolCall(ToolCall(id: "call_Qd3", name: "get_weather", arguments: ["location": "Paris, FR"]))]),
                    Message(role: .tool, parts: [.toolResult(ToolResult(callId: "call_Qd3", content: "rainy, 14°C"))]),
                    .text(.assistant, "It's rainy."),
                ])
    }

    // MARK: - Not a chat

    @Test(arguments: [
        #""hello""#,
        #"42"#,
        #"null"#,
        #"[]"#,
        #"{}"#,
        #"{"q": "hi"}"#,
        #"{"query": "x", "role": "retriever"}"#,
        #"{"role": "admin", "permissions": ["read"]}"#,
        #"[{"role": "user", "content": "hi"}, {"doc": "not a message"}]"#,
        #"[{"role": "user", "content": "hi"}, "text"]"#,
        #"[{"role": "user", "content": 5}]"#,
        #"[{"role": "user", "content": {"text": "hi"}}]"#,
        #"[{"role": "user", "content": ["hi", 3]}]"#,
        #"[{"role": 1, "content": "hi"}]"#,
        #"[{"role": "", "content": "hi"}]"#,
        #"[{"role": "assistant", "content": null, "tool_calls": ["call"]}]"#,
        #"[{"role": "user", "parts": "hi"}]"#,
        #"[{"type": "text", "text": "a block is not a message"}]"#,
        #"[{"type": "web_search_call", "id": "ws_1"}]"#,
        #"{"messages": []}"#,
        #"{"messages": [{"role": "user", "content": "hi"}], "system": 3}"#,
        #"{"messages": "hi"}"#,
        #"[1, 2, 3]"#,
    ])
    func notAChatStaysJSON(text: String) throws {
        let value = try Self.parse(text)
        #expect(PayloadNormalizer.payload(from: value) == .json(value))
        #expect(PayloadNormalizer.messages(from: value) == nil)
    }

    @Test func roleIsLowercased() throws {
        #expect(try Self.messages(#"[{"role": "USER", "content": "hi"}]"#) == [.text(.user, "hi")])
    }
}
