// Typed, non-variadic wrappers around libcurl for Swift.
//
// Swift cannot call C variadic functions (curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt),
// cannot see macro aliases such as CURLVERSION_NOW, and cannot reach into the union inside CURLMsg.
// Every wrapper here is one line of C; every symbol carries the `ocw_` prefix.
#ifndef OCW_CCURLSHIM_H
#define OCW_CCURLSHIM_H

#include <curl/curl.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
typedef size_t (*ocw_curl_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);

/// CURLOPT_OPENSOCKETFUNCTION.
typedef curl_socket_t (*ocw_curl_opensocket_callback)(
    void *_Nullable clientp, curlsocktype purpose, struct curl_sockaddr *_Nonnull address);

/// `curl_global_init`, after telling OpenSSL (when libcurl uses it) not to tear itself down in an
/// atexit handler while another thread may still be inside a TLS call.
CURLcode ocw_curl_global_init(long flags);

/// `curl_version_info(CURLVERSION_NOW)`.
curl_version_info_data *_Nonnull ocw_curl_version_now(void);

CURLcode ocw_curl_easy_setopt_long(CURL *_Nonnull easy, CURLoption option, long value);
CURLcode ocw_curl_easy_setopt_off_t(CURL *_Nonnull easy, CURLoption option, curl_off_t value);
/// String options are copied by libcurl (except CURLOPT_POSTFIELDS, which is not used).
CURLcode ocw_curl_easy_setopt_str(CURL *_Nonnull easy, CURLoption option, const char *_Nullable value);
/// Pointer options are NOT copied: the pointee must outlive the transfer.
CURLcode ocw_curl_easy_setopt_ptr(CURL *_Nonnull easy, CURLoption option, void *_Nullable value);
CURLcode ocw_curl_easy_setopt_data_callback(CURL *_Nonnull easy, CURLoption option,
                                            ocw_curl_data_callback _Nullable callback);
CURLcode ocw_curl_easy_setopt_opensocket_callback(CURL *_Nonnull easy, ocw_curl_opensocket_callback _Nullable callback);

CURLcode ocw_curl_easy_getinfo_long(CURL *_Nonnull easy, CURLINFO info, long *_Nonnull value);
CURLcode ocw_curl_easy_getinfo_off_t(CURL *_Nonnull easy, CURLINFO info, curl_off_t *_Nonnull value);
CURLcode ocw_curl_easy_getinfo_double(CURL *_Nonnull easy, CURLINFO info, double *_Nonnull value);
CURLcode ocw_curl_easy_getinfo_str(CURL *_Nonnull easy, CURLINFO info, const char *_Nullable *_Nonnull value);
CURLcode ocw_curl_easy_getinfo_ptr(CURL *_Nonnull easy, CURLINFO info, void *_Nullable *_Nonnull value);

CURLMcode ocw_curl_multi_setopt_long(CURLM *_Nonnull multi, CURLMoption option, long value);

/// Reads the next finished transfer off the multi handle (`curl_multi_info_read` with the
/// CURLMsg union flattened). Returns 1 and fills `easy` and `result` when one was found, else 0.
int ocw_curl_multi_next_done(CURLM *_Nonnull multi, CURL *_Nullable *_Nonnull easy, CURLcode *_Nonnull result);

/// Copies the IP address an open-socket callback is asked to connect to into `bytes`.
/// Returns 4 (IPv4) or 16 (IPv6), or 0 for any other address family.
int ocw_curl_sockaddr_ip(const struct curl_sockaddr *_Nonnull address, unsigned char *_Nonnull bytes);

/// Opens the socket libcurl asked for (what libcurl does without an open-socket callback),
/// close-on-exec. Returns CURL_SOCKET_BAD on failure.
curl_socket_t ocw_curl_sockaddr_open(const struct curl_sockaddr *_Nonnull address);

/// CURL_SOCKET_BAD, which Swift cannot import on every platform.
curl_socket_t ocw_curl_socket_bad(void);

/// Names the calling thread (at most 15 characters show), for `top -H` and debuggers.
void ocw_set_thread_name(const char *_Nonnull name);

/// Marks the calling thread as the one running `loop` (NULL: none), so that code on it can tell.
void ocw_set_thread_loop(void *_Nullable loop);

/// What `ocw_set_thread_loop` last set on the calling thread, or NULL.
void *_Nullable ocw_thread_loop(void);

/// glibc only (elsewhere a no-op): allocations below `mmap_threshold` come from the heap, up to
/// `trim_threshold` bytes of freed heap are kept for reuse instead of returned at once, and at
/// most `arenas` heaps are used by all threads together.
void ocw_keep_freed_memory(size_t mmap_threshold, size_t trim_threshold, int arenas);

#ifdef __cplusplus
}
#endif

#endif
