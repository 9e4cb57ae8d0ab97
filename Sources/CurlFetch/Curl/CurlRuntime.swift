internal import CCurlShim

/// Process-wide libcurl set-up, done once and never undone.
///
/// `curl_global_init` runs behind a global `let` (initialised once, thread-safely, on first use).
/// `curl_global_cleanup` is never called: no one can prove that no other thread still uses
/// libcurl at exit, and the OS reclaims everything anyway.
enum CurlRuntime {
    /// 7.85.0: `CURLOPT_PROTOCOLS_STR`; the multi poll/wakeup loop needs 7.68.0.
    static let minimumVersion: UInt32 = 0x07_55_00

    private static let initialization: CURLcode = ocw_curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// The libcurl version string, e.g. `7.88.1`.
    static var version: String {
        String(cString: ocw_curl_version_now().pointee.version)
    }

    static func initialize() throws(FetchConfigurationError) {
        guard initialization == CURLE_OK else {
            throw FetchConfigurationError(
                field: "libcurl",
                message: "curl_global_init failed: \(String(cString: curl_easy_strerror(initialization)))"
            )
        }
        let info = ocw_curl_version_now().pointee
        guard info.version_num >= minimumVersion else {
            throw FetchConfigurationError(
                field: "libcurl",
                message: "libcurl \(version) is too old; install libcurl 7.85.0 or newer"
            )
        }
    }
}
