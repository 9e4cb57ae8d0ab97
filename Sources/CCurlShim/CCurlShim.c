#define _GNU_SOURCE
#if defined(__linux__)
#include <malloc.h>
#endif
#include "CCurlShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

// OpenSSL's OPENSSL_INIT_NO_ATEXIT; looked up at run time so this target needs no OpenSSL headers.
#define OCW_OPENSSL_INIT_NO_ATEXIT 0x00080000L

CURLcode ocw_curl_global_init(long flags) {
    typedef int (*openssl_init_crypto)(unsigned long long options, const void *settings);
    openssl_init_crypto init = (openssl_init_crypto)dlsym(RTLD_DEFAULT, "OPENSSL_init_crypto");
    if (init != NULL) {
        init(OCW_OPENSSL_INIT_NO_ATEXIT, NULL);
    }
    return curl_global_init(flags);
}

curl_version_info_data *ocw_curl_version_now(void) { return curl_version_info(CURLVERSION_NOW); }

CURLcode ocw_curl_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode ocw_curl_easy_setopt_off_t(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode ocw_curl_easy_setopt_str(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode ocw_curl_easy_setopt_ptr(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode ocw_curl_easy_setopt_data_callback(CURL *easy, CURLoption option, ocw_curl_data_callback callback) {
    return curl_easy_setopt(easy, option, callback);
}

CURLcode ocw_curl_easy_setopt_opensocket_callback(CURL *easy, ocw_curl_opensocket_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, callback);
}

CURLcode ocw_curl_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode ocw_curl_easy_getinfo_off_t(CURL *easy, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode ocw_curl_easy_getinfo_double(CURL *easy, CURLINFO info, double *value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode ocw_curl_easy_getinfo_str(CURL *easy, CURLINFO info, const char **value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode ocw_curl_easy_getinfo_ptr(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLMcode ocw_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

int ocw_curl_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result) {
    int remaining = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(multi, &remaining)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            *easy = message->easy_handle;
            *result = message->data.result;
            return 1;
        }
    }
    return 0;
}

int ocw_curl_sockaddr_ip(const struct curl_sockaddr *address, unsigned char *bytes) {
    if (address->family == AF_INET && address->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)&address->addr;
        memcpy(bytes, &v4->sin_addr, 4);
        return 4;
    }
    if (address->family == AF_INET6 && address->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)&address->addr;
        memcpy(bytes, &v6->sin6_addr, 16);
        return 16;
    }
    return 0;
}

curl_socket_t ocw_curl_sockaddr_open(const struct curl_sockaddr *address) {
    int type = address->socktype;
#ifdef SOCK_CLOEXEC
    type |= SOCK_CLOEXEC;
#endif
    return socket(address->family, type, address->protocol);
}

curl_socket_t ocw_curl_socket_bad(void) { return CURL_SOCKET_BAD; }

void ocw_set_thread_name(const char *name) {
#if defined(__linux__)
    char truncated[16];
    strncpy(truncated, name, sizeof(truncated) - 1);
    truncated[sizeof(truncated) - 1] = '\0';
    pthread_setname_np(pthread_self(), truncated);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#endif
}

static _Thread_local void *ocw_current_loop;

void ocw_set_thread_loop(void *loop) {
    ocw_current_loop = loop;
}

void *ocw_thread_loop(void) {
    return ocw_current_loop;
}

void ocw_keep_freed_memory(size_t mmap_threshold, size_t trim_threshold, int arenas) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
    mallopt(M_ARENA_MAX, arenas);
#else
    (void)mmap_threshold;
    (void)trim_threshold;
    (void)arenas;
#endif
}
