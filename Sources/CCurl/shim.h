// libcurl, for the mirror's outbound HTTPS and the proxy's upstream calls. curl_easy_setopt and curl_easy_getinfo are variadic,
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

// A certificate bundle held in memory (CURLOPT_CAINFO_BLOB), copied by libcurl: the proxy trusts
// the system's authorities and those of --upstream-ca-file together.
static inline CURLcode turnscope_curl_set_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob = { (void *)data, length, CURL_BLOB_COPY };
    return curl_easy_setopt(handle, option, &blob);
}

static inline CURLcode turnscope_curl_get_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

// What every outbound transfer of Turnscope's sets, the mirror's and the proxy's alike: TLS always
// verified, no signals (unsafe for timeouts in a threaded process), redirects never followed (a
// redirect would carry prompts and keys somewhere the user did not name), errors into `errors`.
static inline void turnscope_curl_set_safe_defaults(CURL *handle, char *errors, long connectTimeoutMs) {
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMs);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, errors);
}

// Why a transfer failed: the detail libcurl wrote into the error buffer, else the code's text.
static inline const char *turnscope_curl_error_text(CURLcode code, const char *errors) {
    return (errors && errors[0]) ? errors : curl_easy_strerror(code);
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
