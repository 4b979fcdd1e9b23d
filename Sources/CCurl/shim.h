// libcurl, for the mirror's outbound HTTPS. curl_easy_setopt and curl_easy_getinfo are variadic,
// which Swift cannot call: these typed wrappers are the only way the mirror reaches them.
#include <curl/curl.h>

static inline CURLcode turnscope_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode turnscope_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode turnscope_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*turnscope_curl_io_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode turnscope_curl_set_callback(CURL *handle, CURLoption option, turnscope_curl_io_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode turnscope_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

// The progress callback (CURLOPT_XFERINFOFUNCTION): a non-zero return aborts the transfer, which
// is how the proxy cancels an upstream call whose client hung up.
typedef int (*turnscope_curl_xferinfo_callback)(void *context, curl_off_t downloadTotal, curl_off_t downloadNow,
                                                curl_off_t uploadTotal, curl_off_t uploadNow);

static inline CURLcode turnscope_curl_set_xferinfo(CURL *handle, turnscope_curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// Lowers the calling thread's priority (nice 10): the proxy's curl thread, once its stream is
// over, turns the copy it kept into records without taking the CPU from streams still running.
// Linux only (a thread's nice value is per thread there); elsewhere it does nothing.
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
static inline void turnscope_lower_thread_priority(void) {
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
}
#else
static inline void turnscope_lower_thread_priority(void) {}
#endif
