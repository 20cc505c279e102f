import GRDB

// How the register stores the model's values: as the text the reports and
// the interface write (`Quartalsbericht`, `2026-10-15T06:00:00Z`), so that
// the register reads the same in any SQLite browser.

extension ReportKind: DatabaseValueConvertible {}

extension Timestamp: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { description.databaseValue }

  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Timestamp? {
    String.fromDatabaseValue(dbValue).flatMap(Timestamp.init(iso:))
  }
}
