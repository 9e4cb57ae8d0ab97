#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension FetchEngine.Configuration {
    /// Checks the settings as creating an engine would, without starting one: for a command that
    /// only says whether a config works.
    public func check() throws(FetchConfigurationError) {
        _ = try validated()
    }

    /// Checks every field and resolves the feed directories.
    ///
    /// - Returns: `allowedFileDirectories` with symlinks resolved.
    func validated() throws(FetchConfigurationError) -> [String] {
        try Self.require(
            !softwareVersion.isEmpty && softwareVersion.allSatisfy { !$0.isWhitespace && $0.isASCII },
            "softwareVersion", "must be a non-empty version such as 1.2.0, without spaces")
        try Self.require(
            !operatorContact.trimmingASCIIWhitespace().isEmpty
                && operatorContact.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F },
            "operatorContact", "must name how site owners can reach the operator (an e-mail address or a URL)")
        try Self.require(connectTimeout > .zero, "connectTimeout", "must be positive")
        try Self.require(totalTimeout > .zero, "totalTimeout", "must be positive")
        try Self.require(maxBodyBytes > 0, "maxBodyBytes", "must be positive")
        try Self.require(maxRedirects >= 0, "maxRedirects", "must be 0 or more")
        try Self.require(maxConcurrency >= 1, "maxConcurrency", "must be at least 1")
        try Self.require(validatorCacheCapacity >= 1, "validatorCacheCapacity", "must be at least 1")
        for (key, policy) in [("hostPolicy", hostPolicy)] + hostOverrides.map({ ("hostOverrides.\($0.key)", $0.value) }) {
            try Self.require(policy.maxConcurrentRequests >= 1, key, "maxConcurrentRequests must be at least 1")
            try Self.require(policy.minimumInterval >= .zero, key, "minimumInterval must not be negative")
        }
        try Self.require(retry.maxAttempts >= 1, "retry.maxAttempts", "must be at least 1 (1 turns retries off)")
        try Self.require(
            retry.baseDelay >= .zero && retry.maxDelay >= .zero && retry.maxRetryAfter >= .zero,
            "retry", "delays must not be negative")
        try Self.require((0...1).contains(retry.jitter), "retry.jitter", "must be between 0 and 1")
        if let proxyURL {
            try Self.require(
                !proxyURL.isEmpty && !proxyURL.contains(where: \.isWhitespace),
                "proxyURL", "must be a URL such as http://proxy.example:3128")
        }
        if let caBundlePath {
            try Self.require(
                access(caBundlePath, R_OK) == 0,
                "caBundlePath", "\(caBundlePath) is not a readable file; fix the path or remove the setting")
        }
        var directories: [String] = []
        for directory in allowedFileDirectories {
            guard let resolved = FeedFile.resolve(directory) else {
                throw FetchConfigurationError(
                    field: "allowedFileDirectories", message: "\(directory) does not exist; create it or remove it")
            }
            directories.append(resolved)
        }
        return directories
    }

    private static func require(_ condition: Bool, _ field: String, _ message: String) throws(FetchConfigurationError) {
        guard condition else { throw FetchConfigurationError(field: field, message: message) }
    }
}
