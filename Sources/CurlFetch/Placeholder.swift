// CurlFetch
