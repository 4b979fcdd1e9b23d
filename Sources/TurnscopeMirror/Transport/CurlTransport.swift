import CCurl
import Foundation

/// HTTPS through libcurl: TLS verification always on, an optional CA bundle, connect and total
/// timeouts, and the proxy variables (`HTTPS_PROXY`, `NO_PROXY`, …) honoured, since libcurl reads
/// them itself whenever no proxy is set on the handle, and none ever is.
///
/// One easy handle is reused across requests so that connections to the server stay open. It is
/// `@unchecked Sendable` because the handle is a C pointer: a lock serializes every use of it.
public final class CurlTransport: MirrorTransport, @unchecked Sendable {
    /// The most of a response body kept: answers are short JSON, and a misbehaving server must not
    /// fill memory.
    public static let responseLimit = 1 << 20

    private let options: TransportOptions
    private let lock = NSLock()
    private let handle: UnsafeMutableRawPointer?

    // curl_global_init is not thread-safe and must run once before any handle exists.
    // 3 is CURL_GLOBAL_DEFAULT (SSL | WIN32), a macro Swift does not import.
    private static let initialized: Bool = curl_global_init(3) == CURLE_OK

    public init(options: TransportOptions) {
        self.options = options
        handle = Self.initialized ? curl_easy_init() : nil
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    public func send(_ request: MirrorRequest) throws(TransportError) -> MirrorResponse {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { throw TransportError(.other, "libcurl could not be initialized") }
        curl_easy_reset(handle)
        let collected = Collected()
        var headerList: UnsafeMutablePointer<curl_slist>?
        // "Expect:" stops libcurl from waiting for a 100-continue before large bodies.
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        defer { curl_slist_free_all(headerList) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = request.body.withUnsafeBufferPointer { body in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                let context = Unmanaged.passUnretained(collected).toOpaque()
                _ = turnscope_curl_set_pointer(handle, CURLOPT_URL, request.url)
                _ = turnscope_curl_set_long(handle, CURLOPT_POST, 1)
                _ = turnscope_curl_set_size(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                // libcurl reads the body from this pointer during curl_easy_perform, which runs
                // inside this closure, so the buffer outlives every read.
                _ = turnscope_curl_set_pointer(handle, CURLOPT_POSTFIELDS, UnsafeRawPointer(body.baseAddress) ?? UnsafeRawPointer(errors.baseAddress!))
                _ = turnscope_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headerList)
                turnscope_curl_set_safe_defaults(handle, errors.baseAddress, Int(options.connectTimeout * 1000))
                if let caFile = options.caFile { _ = turnscope_curl_set_pointer(handle, CURLOPT_CAINFO, caFile) }
                _ = turnscope_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(options.totalTimeout * 1000))
                _ = turnscope_curl_set_callback(handle, CURLOPT_WRITEFUNCTION, Collected.body)
                _ = turnscope_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
                _ = turnscope_curl_set_callback(handle, CURLOPT_HEADERFUNCTION, Collected.header)
                _ = turnscope_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
                return curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: turnscope_curl_error_text(code, $0.baseAddress)) }
            throw TransportError(Self.kind(of: code), detail)
        }
        var status = 0
        _ = turnscope_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return MirrorResponse(status: status, headers: collected.headers, body: collected.body)
    }

    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE: .dropped
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            .tls
        default: .other
        }
    }
}

/// What libcurl's callbacks collect for one request: the headers of the last response (after a
/// `100 Continue`, say) and the body up to the limit.
private final class Collected {
    var headers: [String: String] = [:]
    var body: [UInt8] = []

    static let body: turnscope_curl_io_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let collected = Unmanaged<Collected>.fromOpaque(context).takeUnretainedValue()
        let room = max(0, CurlTransport.responseLimit - collected.body.count)
        collected.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: min(length, room)))
        return length
    }

    static let header: turnscope_curl_io_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let collected = Unmanaged<Collected>.fromOpaque(context).takeUnretainedValue()
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            collected.headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            collected.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return length
    }
}
