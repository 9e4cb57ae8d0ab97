import OCOPCore

extension MockFault: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind
        case marketplace
        case itemID = "item_id"
        case ratio
        case first
        case milliseconds = "ms"
        case status
        case retryAfter = "retry_after"
        case location
        case bytes
        case inflatedBytes = "inflated_bytes"
    }

    /// The keys that mean something for each kind, beyond the selector keys every fault has.
    private static let parameterKeys: [String: Set<CodingKeys>] = [
        "latency": [.milliseconds],
        "status": [.status, .retryAfter],
        "captcha": [],
        "reset": [],
        "truncate": [.bytes],
        "stall": [.bytes, .milliseconds],
        "redirect_loop": [],
        "redirect_to": [.location, .status],
        "huge_body": [.bytes],
        "gzip_bomb": [.inflatedBytes],
        "invalid_utf8": [],
    ]

    private static let selectorKeys: Set<CodingKeys> = [.kind, .marketplace, .itemID, .ratio, .first]

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .kind)
        guard let parameters = Self.parameterKeys[name] else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "unknown fault kind '\(name)'; expected one of \(Kind.names.joined(separator: ", "))"
            )
        }
        if let stray = container.allKeys.first(where: { !Self.selectorKeys.contains($0) && !parameters.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: stray,
                in: container,
                debugDescription: "'\(stray.rawValue)' does not apply to a '\(name)' fault; remove it"
            )
        }
        self.kind = try Self.decodeKind(name, from: container)
        self.marketplace =
            try container.contains(.marketplace)
            ? container.decodeMarketplace(forKey: .marketplace, allowed: Self.marketplaces) : nil
        self.itemID = try container.decodeIdentifierIfPresent(forKey: .itemID)
        self.selection = try Self.decodeSelection(from: container)
    }

    private static func decodeKind(_ name: String, from container: KeyedDecodingContainer<CodingKeys>) throws -> Kind {
        func positive(_ key: CodingKeys) throws -> Int? {
            guard let value = try container.decodeIfPresent(Int.self, forKey: key) else { return nil }
            guard value > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: container,
                    debugDescription: "must be greater than zero, got \(value)"
                )
            }
            return value
        }
        switch name {
        case "latency":
            return .latency(milliseconds: try container.decode(Int.self, forKey: .milliseconds).clamped(to: 0...))
        case "status":
            let code = try container.decode(Int.self, forKey: .status)
            guard (100...599).contains(code) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .status,
                    in: container,
                    debugDescription: "HTTP status must be within 100...599, got \(code)"
                )
            }
            return .status(code: code, retryAfter: try container.decodeNonNegativeIfPresent(forKey: .retryAfter))
        case "captcha": return .captcha
        case "reset": return .reset
        case "truncate": return .truncate(bodyBytes: try container.decodeNonNegativeIfPresent(forKey: .bytes))
        case "stall":
            return .stall(
                bodyBytes: try container.decodeNonNegativeIfPresent(forKey: .bytes),
                maximumMilliseconds: try positive(.milliseconds)
            )
        case "redirect_loop": return .redirectLoop
        case "redirect_to":
            let location = try container.decode(String.self, forKey: .location)
            let status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 302
            guard [301, 302, 303, 307, 308].contains(status) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .status,
                    in: container,
                    debugDescription: "a redirect status must be 301, 302, 303, 307 or 308, got \(status)"
                )
            }
            return .redirect(location: location, status: status)
        case "huge_body": return .hugeBody(bytes: try positive(.bytes) ?? MockFault.defaultHugeBodyBytes)
        case "gzip_bomb":
            return .gzipBomb(inflatedBytes: try positive(.inflatedBytes) ?? MockFault.defaultInflatedBytes)
        default: return .invalidUTF8
        }
    }

    private static func decodeSelection(from container: KeyedDecodingContainer<CodingKeys>) throws -> Selection {
        let ratio = try container.decodeIfPresent(Double.self, forKey: .ratio)
        let first = try container.decodeIfPresent(Int.self, forKey: .first)
        switch (ratio, first) {
        case (.some, .some):
            throw DecodingError.dataCorruptedError(
                forKey: .first,
                in: container,
                debugDescription: "give either 'ratio' or 'first', not both"
            )
        case (.some(let ratio), nil):
            guard (0...1).contains(ratio) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .ratio,
                    in: container,
                    debugDescription: "must be within 0...1, got \(ratio)"
                )
            }
            return .ratio(ratio)
        case (nil, .some(let first)):
            guard first >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .first,
                    in: container,
                    debugDescription: "must be zero or more, got \(first)"
                )
            }
            return .first(first)
        case (nil, nil):
            return .always
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.name, forKey: .kind)
        try container.encodeIfPresent(marketplace?.rawValue, forKey: .marketplace)
        try container.encodeIfPresent(itemID, forKey: .itemID)
        switch selection {
        case .always: break
        case .first(let count): try container.encode(count, forKey: .first)
        case .ratio(let ratio): try container.encode(ratio, forKey: .ratio)
        }
        switch kind {
        case .latency(let milliseconds):
            try container.encode(milliseconds, forKey: .milliseconds)
        case .status(let code, let retryAfter):
            try container.encode(code, forKey: .status)
            try container.encodeIfPresent(retryAfter, forKey: .retryAfter)
        case .truncate(let bytes):
            try container.encodeIfPresent(bytes, forKey: .bytes)
        case .stall(let bytes, let milliseconds):
            try container.encodeIfPresent(bytes, forKey: .bytes)
            try container.encodeIfPresent(milliseconds, forKey: .milliseconds)
        case .redirect(let location, let status):
            try container.encode(location, forKey: .location)
            try container.encode(status, forKey: .status)
        case .hugeBody(let bytes):
            try container.encode(bytes, forKey: .bytes)
        case .gzipBomb(let inflatedBytes):
            try container.encode(inflatedBytes, forKey: .inflatedBytes)
        case .captcha, .reset, .redirectLoop, .invalidUTF8:
            break
        }
    }
}

extension Int {
    fileprivate func clamped(to range: PartialRangeFrom<Int>) -> Int { Swift.max(self, range.lowerBound) }
}
