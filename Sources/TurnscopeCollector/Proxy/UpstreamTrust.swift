import CCurl
import Foundation

/// The certificate authorities the proxy trusts for upstream TLS: the system's, plus those of
/// `--upstream-ca-file` for a private endpoint. Verification itself is never turned off.
///
/// libcurl's `CURLOPT_CAINFO` would *replace* the system bundle, so an added authority is joined
/// to it here, once, into one bundle handed to every transfer from memory.
public struct UpstreamTrust: Sendable {
    /// The joined bundle, or nil to use libcurl's default (the system's) unchanged.
    let bundle: [UInt8]?

    /// The system's authorities only.
    public static let system = UpstreamTrust(bundle: nil)

    private init(bundle: [UInt8]?) { self.bundle = bundle }

    /// The system's authorities and the PEM certificates in `path`.
    ///
    /// - Throws: `CollectorError` when the file cannot be read or holds no PEM certificate.
    public init(addingCertificatesIn path: String) throws(CollectorError) {
        guard let added = FileManager.default.contents(atPath: path) else {
            throw CollectorError("--upstream-ca-file \(path): cannot be read")
        }
        guard String(decoding: added, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw CollectorError("--upstream-ca-file \(path): holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        var bundle = Self.systemBundlePath.flatMap { FileManager.default.contents(atPath: $0) }.map(Array.init) ?? []
        if !bundle.isEmpty, bundle.last != UInt8(ascii: "\n") { bundle.append(UInt8(ascii: "\n")) }
        bundle += Array(added)
        self.bundle = bundle
    }

    /// The bundle libcurl was built to use (`CURLINFO_CAINFO`), else Debian's and Red Hat's usual places.
    private static var systemBundlePath: String? {
        if let handle = curl_easy_init() {
            defer { curl_easy_cleanup(handle) }
            var path: UnsafeMutablePointer<CChar>?
            if turnscope_curl_get_string(handle, CURLINFO_CAINFO, &path) == CURLE_OK, let path {
                let text = String(cString: path)
                if FileManager.default.isReadableFile(atPath: text) { return text }
            }
        }
        return ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"]
            .first(where: FileManager.default.isReadableFile(atPath:))
    }

    /// Applies the trust to a transfer's handle.
    func apply(to handle: UnsafeMutableRawPointer) {
        guard let bundle else { return }
        bundle.withUnsafeBytes { bytes in
            _ = turnscope_curl_set_blob(handle, CURLOPT_CAINFO_BLOB, bytes.baseAddress, bytes.count)
        }
    }
}
