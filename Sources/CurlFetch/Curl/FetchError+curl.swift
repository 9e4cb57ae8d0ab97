internal import CCurlShim

extension FetchError {
    /// Classifies a failed transfer. The transfer's own flags come first: a refused address or an
    /// overflowing body make libcurl report generic codes (couldn't connect, write error).
    init(code: CURLcode, transfer: Transfer) {
        let url = transfer.hop.url
        let detail = transfer.errorMessage.isEmpty ? String(cString: curl_easy_strerror(code)) : transfer.errorMessage
        if let address = transfer.refusedAddress, code == CURLE_COULDNT_CONNECT {
            self = .privateAddressRefused(url: url, address: address)
            return
        }
        if transfer.exceededBodyLimit || code == CURLE_FILESIZE_EXCEEDED {
            self = .bodyTooLarge(url: url, limit: transfer.hop.bodyLimit)
            return
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout(url: url)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .dns(url: url, detail: detail)
        case CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_PROXY, CURLE_WEIRD_SERVER_REPLY:
            self = .connectionFailed(url: url, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL:
            // Every hop's scheme is checked before its transfer: here libcurl met a reply that is
            // not HTTP (an HTTP/0.9 body, an SSH banner on the port), which says nothing of the URL.
            self = .connectionFailed(url: url, detail: "the server's reply is not HTTP (\(detail))")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED:
            self = .tls(url: url, detail: detail)
        case CURLE_URL_MALFORMAT:
            self = .invalidURL(url: url, detail: detail)
        default:
            self = .curl(url: url, code: Int(code.rawValue), message: detail)
        }
    }
}
