extension HTMLReport {
    /// The whole style sheet, inline: system fonts with Vietnamese glyphs, A4 print rules.
    static let styleSheet = """
        * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #212121; margin: 0 auto;
          padding: 16px; max-width: 1000px; font-size: 14px; line-height: 1.4; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 0 0 8px; }
        section { margin: 20px 0; }
        .meta, .note, .small { color: #555; }
        .small { font-size: 12px; }
        .headline { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        @media (max-width: 640px) { .headline { grid-template-columns: 1fr; } }
        .card { border: 1px solid #ccc; border-left: 6px solid #c62828; padding: 12px 16px; }
        .card.met { border-left-color: #2e7d32; }
        .card p { margin: 4px 0; }
        .figure { font-size: 34px; font-weight: bold; }
        .legend { font-size: 12px; color: #555; }
        .swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; }
        .target-mark { display: inline-block; width: 0; height: 12px; margin: 0 4px 0 10px;
          border-left: 2px dashed #212121; vertical-align: middle; }
        svg.chart { width: 100%; height: auto; max-width: 720px; display: block; }
        svg.progress { width: 100%; height: auto; max-width: 308px; display: block; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; }
        td.number { text-align: right; }
        .nowrap { white-space: nowrap; }
        .url { font-family: monospace; font-size: 11px; color: #555; word-break: break-all; }
        .severity { padding: 1px 6px; border-radius: 3px; color: #fff; background: #757575; }
        .severity.warning { background: #ef6c00; }
        .severity.critical { background: #c62828; }
        .state.covered { color: #2e7d32; }
        .state.uncovered { color: #c62828; font-weight: bold; }
        .state.unverified { color: #8d6e00; }
        footer { margin-top: 24px; font-size: 11px; color: #777; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          section.chart, .headline, .card { break-inside: avoid; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
        }

        """
}
