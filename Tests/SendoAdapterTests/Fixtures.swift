import AdapterTestSupport
import Foundation

/// This target's saved answers (`Fixtures/`).
let fixtures = FixtureFiles(bundle: .module)
