import OCOPCatalog
import OCOPCore

/// Limits the harnesses parse under: the default, and the smallest issue caps.
let catalogConfigurations = [200, 1, 0].map { CatalogParser.Configuration(maximumIssueCount: $0) }

/// Parses `sources` twice and fails when the two results differ: validation must not depend on
/// anything but the bytes.
func checkParse(_ sources: [CatalogSource], configuration: CatalogParser.Configuration) {
    let first = Result { () throws(CatalogValidationError) in
        try CatalogParser.parse(sources: sources, configuration: configuration)
    }
    let second = Result { () throws(CatalogValidationError) in
        try CatalogParser.parse(sources: sources, configuration: configuration)
    }
    guard first == second else {
        fatalError("one catalog parsed two ways: \(first) then \(second)")
    }
    if case .failure(let error) = first, error.issues.isEmpty {
        fatalError("a validation error listed no issue")
    }
}
