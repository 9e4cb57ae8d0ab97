/// The state of an OCOP certificate as the province records it.
public enum CertificateStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case active
    case expired
    case revoked
    case superseded
    case suspended
}
