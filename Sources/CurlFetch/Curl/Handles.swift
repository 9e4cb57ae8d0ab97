internal import CCurlShim

/// A libcurl easy handle (`CURL *`). libcurl's `CURL` and `CURLM` are both `void`, so Swift sees
/// both as raw pointers; these wrappers keep them apart. Used on the loop thread only.
struct EasyHandle {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
    }

    init(raw: UnsafeMutableRawPointer) {
        self.raw = raw
    }

    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        ocw_curl_easy_setopt_long(raw, option, value)
    }

    /// libcurl copies the string; `withCString` lends a native string's own bytes, where passing
    /// the `String` as a pointer argument would copy it into a new array first.
    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        value.withCString { ocw_curl_easy_setopt_str(raw, option, $0) }
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) -> CURLcode {
        ocw_curl_easy_setopt_ptr(raw, option, pointer)
    }

    func set(_ option: CURLoption, offset: Int64) -> CURLcode {
        ocw_curl_easy_setopt_off_t(raw, option, curl_off_t(offset))
    }

    func set(_ option: CURLoption, callback: ocw_curl_data_callback) -> CURLcode {
        ocw_curl_easy_setopt_data_callback(raw, option, callback)
    }

    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return ocw_curl_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : nil
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard ocw_curl_easy_getinfo_str(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    func pointer(_ info: CURLINFO) -> UnsafeMutableRawPointer? {
        var value: UnsafeMutableRawPointer?
        return ocw_curl_easy_getinfo_ptr(raw, info, &value) == CURLE_OK ? value : nil
    }

    /// Clears the options that point at one transfer's memory; every other option stays set for
    /// the next transfer, which sets these again.
    func forgetTransfer() {
        _ = set(CURLOPT_PRIVATE, pointer: nil)
        _ = set(CURLOPT_WRITEDATA, pointer: nil)
        _ = set(CURLOPT_HEADERDATA, pointer: nil)
        _ = set(CURLOPT_ERRORBUFFER, pointer: nil)
        _ = set(CURLOPT_HTTPHEADER, pointer: nil)
        _ = set(CURLOPT_OPENSOCKETDATA, pointer: nil)
    }

    func cleanup() {
        curl_easy_cleanup(raw)
    }
}

/// The libcurl multi handle (`CURLM *`).
///
/// `@unchecked Sendable` under one rule: only the loop thread calls libcurl with it, except for
/// `wakeup()`, which libcurl documents as callable from any thread, and which callers only make
/// while holding the engine's lock and seeing the loop still running (so never after cleanup).
struct MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init?() {
        guard let raw = curl_multi_init() else { return nil }
        self.raw = raw
    }

    @discardableResult
    func set(_ option: CURLMoption, _ value: Int) -> CURLMcode {
        ocw_curl_multi_setopt_long(raw, option, value)
    }

    func wakeup() {
        curl_multi_wakeup(raw)
    }
}
