// The libcurl headers, exposed to Swift as the `CCurl` system module.
// Typed wrappers for libcurl's variadic functions live in the `CCurlShim` target.
#include <curl/curl.h>
