public import Foundation

extension TimeZone {
    /// The day `date` falls on here, written as catalogs write dates (`2025-06-01`), so that it
    /// compares with a ``CivilDate`` as text.
    public func civilDate(of date: Date) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }
}
