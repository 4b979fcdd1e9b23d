import CCurl
import Foundation

/// One proxied call on the wire: libcurl on a thread of its own (so the event loop never blocks),
/// the request forwarded as received, the response handed to `channel` chunk by chunk and noted
/// by `recording` beside it.
///
/// `@unchecked Sendable`: after `start()` only the curl thread touches the fields, through the
/// callbacks' context pointer; `channel` is safe to share.
final class UpstreamTransfer: @unchecked Sendable {
    let channel = UpstreamChannel()
    private let url: String
    private let method: String
    private let headers: [(name: String, value: String)]
    private let body: [UInt8]
    private let trust: UpstreamTrust
    private let recording: ProxyRecording
    private let finished: @Sendable (ProxyEnd) -> Void
    private var statusLine: Int?
    private var reason = ""
    private var responseHeaders: [(name: String, value: String)] = []
    private var headDelivered = false

    // curl_global_init is not thread-safe and must run once before any handle exists.
    // 3 is CURL_GLOBAL_DEFAULT (SSL | WIN32), a macro Swift does not import.
    private static let initialized: Bool = curl_global_init(3) == CURLE_OK

    init(
        url: String, method: String, headers: [(name: String, value: String)], body: [UInt8], trust: UpstreamTrust,
        recording: ProxyRecording,
        finished: @escaping @Sendable (ProxyEnd) -> Void
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.trust = trust
        self.recording = recording
        self.finished = finished
    }

    /// Starts the transfer on its own thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "turnscope-proxy"
        thread.start()
    }

    private func run() {
        let end = perform()
        switch end {
        case .complete: channel.finish(.complete)
        case .upstreamFailed(let message): channel.finish(.failed(message))
        case .clientGone: channel.finish(.failed("the client disconnected"))
        }
        // The stream is over; turning the copy into records (parsing every event) is not urgent.
        // At a lower priority it waits behind the streams still running rather than delaying them.
        turnscope_lower_thread_priority()
        finished(end)
    }

    private func perform() -> ProxyEnd {
        guard Self.initialized, let pooled = CurlHandlePool.shared.take() else {
            return .upstreamFailed("libcurl could not be initialized")
        }
        // A handle from earlier calls brings their open connections: no new connect per call.
        defer { CurlHandlePool.shared.give(pooled) }
        let handle = pooled.pointer
        var headerList: UnsafeMutablePointer<curl_slist>?
        let sent = Set(headers.map { $0.name.lowercased() })
        for (name, value) in headers {
            // An empty value needs "Name;" in libcurl's syntax; "Name:" would remove the header.
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        // "Name:" removes what libcurl would add on its own: no Expect: 100-continue, and no
        // Accept or form Content-Type the client did not send.
        for added in ["Expect", "Accept", "Content-Type"] where !sent.contains(added.lowercased()) {
            headerList = curl_slist_append(headerList, "\(added):")
        }
        defer { curl_slist_free_all(headerList) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = body.withUnsafeBufferPointer { body in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                _ = turnscope_curl_set_pointer(handle, CURLOPT_URL, url)
                switch method.uppercased() {
                case "GET" where body.isEmpty: _ = turnscope_curl_set_long(handle, CURLOPT_HTTPGET, 1)
                case "HEAD": _ = turnscope_curl_set_long(handle, CURLOPT_NOBODY, 1)
                default:
                    _ = turnscope_curl_set_long(handle, CURLOPT_POST, 1)
                    _ = turnscope_curl_set_size(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                    // libcurl reads the body during curl_easy_perform, inside this closure.
                    _ = turnscope_curl_set_pointer(
                        handle, CURLOPT_POSTFIELDS, UnsafeRawPointer(body.baseAddress) ?? UnsafeRawPointer(errors.baseAddress!))
                }
                if !["GET", "HEAD", "POST"].contains(method.uppercased()) {
                    _ = turnscope_curl_set_pointer(handle, CURLOPT_CUSTOMREQUEST, method)
                }
                _ = turnscope_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headerList)
                // TLS is always verified: the proxy carries model keys.
                turnscope_curl_set_safe_defaults(handle, errors.baseAddress, 30_000)
                trust.apply(to: handle)
                // Small writes as they arrive: streaming is the point.
                _ = turnscope_curl_set_long(handle, CURLOPT_TCP_NODELAY, 1)
                _ = turnscope_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, Self.bodyCallback)
                _ = turnscope_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
                _ = turnscope_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, Self.headerCallback)
                _ = turnscope_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
                _ = turnscope_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)
                _ = turnscope_curl_set_xferinfo(handle, Self.progressCallback)
                _ = turnscope_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
                return curl_easy_perform(handle)
            }
        }
        if channel.isCancelled { return .clientGone }
        guard code == CURLE_OK else {
            return .upstreamFailed(errorBuffer.withUnsafeBufferPointer { String(cString: turnscope_curl_error_text(code, $0.baseAddress)) })
        }
        // A body-less answer (204, HEAD) still needs its head handed over.
        deliverHeadIfNeeded()
        return .complete
    }

    private func deliverHeadIfNeeded() {
        guard !headDelivered, let status = statusLine else { return }
        headDelivered = true
        let head = UpstreamHead(status: status, reason: reason, headers: responseHeaders)
        recording.noteHead(head)
        channel.deliver(head: head)
    }

    private static func transfer(_ context: UnsafeMutableRawPointer?) -> UpstreamTransfer? {
        context.map { Unmanaged<UpstreamTransfer>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let bodyCallback: turnscope_curl_io_callback = { data, size, count, context in
        let length = size * count
        guard let data, let transfer = transfer(context) else { return length }
        transfer.deliverHeadIfNeeded()
        let chunk = UnsafeRawBufferPointer(start: data, count: length)
        // Returning less than `length` aborts the transfer: the client is gone.
        guard transfer.channel.deliver(chunk: Array(chunk)) else { return 0 }
        transfer.recording.noteChunk(chunk)
        return length
    }

    private static let headerCallback: turnscope_curl_io_callback = { data, size, count, context in
        let length = size * count
        guard let data, let transfer = transfer(context) else { return length }
        // The line ends in CR LF, which Swift counts as one character: it is cut as bytes.
        var bytes = UnsafeRawBufferPointer(start: data, count: length)[...]
        while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line: a 1xx, or a response after one, replaces what came before.
            let parts = line.split(separator: " ", maxSplits: 2)
            transfer.statusLine = parts.count > 1 ? Int(parts[1]) : nil
            transfer.reason = parts.count > 2 ? String(parts[2]) : ""
            transfer.responseHeaders = []
        } else if line.isEmpty {
            // The end of a head: a final one is handed over at once, before any body.
            if let status = transfer.statusLine, status >= 200 { transfer.deliverHeadIfNeeded() }
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !HopByHop.isDropped(name) { transfer.responseHeaders.append((name, value)) }
        }
        return length
    }

    private static let progressCallback: turnscope_curl_xferinfo_callback = { context, _, _, _, _ in
        guard let transfer = transfer(context) else { return 0 }
        return transfer.channel.isCancelled ? 1 : 0
    }
}
