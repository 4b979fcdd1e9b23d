/// A preset dictionary for deflating stored content: the JSON every stored message is wrapped in
/// (`{"parts":[{"text":"…","type":"text"}],"role":"user"}`, tool calls and results, reasoning) and
/// the argument names coding agents' tools use most.
///
/// A message of a hundred bytes is mostly that wrapping, which plain deflate cannot shorten: it has
/// seen nothing before it. Primed with these bytes, deflate refers back to them, and a short
/// message shrinks by a third (in `bench store`'s spans, content went from 0.93 to 0.72 of its size).
///
/// Blobs record that they were deflated with it (`BlobBody`), so its bytes must never change: a
/// better dictionary is a new one with a flag of its own, and this one stays to read old blobs.
/// zlib finds the most recent match first, so the commonest wrapping comes last.
enum ContentDictionary {
    /// The first dictionary.
    static let first: [UInt8] = Array(pieces.joined().utf8)

    private static let pieces: [String] = [
        #""isError":true,"signature":"{"signature":"","text":"","type":"reasoning"}"#,
        #"{"type":"image","url":"data:image/png;base64,"mediaType":"image/jpeg""#,
        #"{"command":"","description":"{"file_path":"/home/","old_string":"","new_string":"{"pattern":""#,
        #"{"parts":[{"text":"","type":"text"}],"role":"system"}"#,
        #"{"parts":[{"callId":"toolu_01","content":"","type":"tool_result"}],"role":"tool"}"#,
        #"{"parts":[{"callId":"call_","content":"","type":"tool_result"}],"role":"user"}"#,
        #"{"arguments":{},"id":"call_","name":"","type":"tool_call"}"#,
        #"{"arguments":{"},"id":"toolu_01","name":"","type":"tool_call"}],"role":"assistant"}"#,
        #"{"parts":[{"text":"","type":"text"}],"role":"assistant"}"#,
        #"{"parts":[{"text":"","type":"text"}],"role":"user"}"#,
    ]
}
