import ArgumentParser
import OCOPSync

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Validate or import the province's catalog (CSV from Excel or Google Sheets).",
        discussion: """
            Three kinds of file, recognised by their header row: products, producers and listings. UTF-8 with \
            or without BOM, comma or semicolon separated; English or Vietnamese headers.

            Examples:
              ocop-watch catalog validate products.csv producers.csv listings.csv
              ocop-watch catalog import products.csv producers.csv listings.csv
            """,
        subcommands: [Validate.self, Import.self]
    )

    /// An empty name (a shell variable that was not set) would read the current folder.
    static func validate(_ files: [String]) throws {
        if files.contains(where: \.isEmpty) {
            throw ValidationError("an empty file name was given; name the CSV files (products, producers, listings)")
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the files and list every error with file, line and column; change nothing.",
            discussion: "Example:\n  ocop-watch catalog validate products.csv producers.csv listings.csv"
        )

        @Argument(help: "The CSV files.") var files: [String]

        func validate() throws { try CatalogCommand.validate(files) }

        func run() async throws {
            let summary = try WatchContext.validateCatalog(files: files)
            print(summary)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate, then import into the store in one transaction (all or nothing).",
            discussion: """
                Re-importing the same files changes nothing; a later import updates products and listings and \
                records which were removed from the catalog. Without a listings file the stored listings are \
                kept as they are. The config is --config, else $OCOP_WATCH_CONFIG, else /etc/ocop-watch/config.yaml.

                Examples:
                  ocop-watch catalog import products.csv producers.csv listings.csv
                  ocop-watch catalog import --config my.yaml products.csv producers.csv
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The CSV files.") var files: [String]

        func validate() throws { try CatalogCommand.validate(files) }

        func run() async throws {
            let context = try options.context(command: "catalog-import")
            print(try await context.importCatalog(files: files))
        }
    }
}
