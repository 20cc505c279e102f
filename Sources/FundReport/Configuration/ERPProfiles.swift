/// A built-in description of how an ERP writes the ledger (`profile:` for `buchungen.csv` in
/// `fundreport.yaml`): the headers of its standard layouts, German and English, per interface column,
/// and the values of columns its layout does not have. Encoding, delimiter, dates (`DD.MM.YYYY`) and
/// amounts (`1.234,56-`) are detected as for any export; what the configuration sets wins.
///
/// To add a profile: a new `static let` with the layout's headers (as the ERP's German and English
/// user interface name them), added to ``all``, a test that reads an export in that layout
/// (`ERPProfileTests`), and a line in the README's table of profiles.
public struct ERPProfile: Sendable, Hashable {
  /// The name in `fundreport.yaml` (`sap-fbl3n`).
  public let name: String
  /// What it is, for `config --show` and the README.
  let title: String
  /// Interface column → the headers it is found under, in order.
  let headers: [String: [String]]
  /// Interface column → its value when the file has no such column.
  let defaults: [String: String]

  /// The G/L line items of SAP's standard reports. A line item has one amount, the cost as posted
  /// (in Hauswährung; non-deductible input tax is part of it), so netto and brutto are that amount and
  /// ust is 0. Payee and purpose are the layout's `Name 1` (when the layout has it) and `Text`.
  private static func sapLineItems(name: String, title: String, account: [String]) -> ERPProfile {
    let amount = ["Betrag in Hauswährung", "Betrag in HW", "Amount in Local Currency", "Amount in LC"]
    return ERPProfile(
      name: name, title: title,
      headers: [
        "beleg_nr": ["Belegnummer", "Document Number"],
        "buchungsdatum": ["Buchungsdatum", "Posting Date"],
        "zahlungsdatum": ["Ausgleichsdatum", "Clearing Date"],
        "kostenobjekt": ["PSP-Element", "WBS Element", "WBS-Element"],
        "sachkonto": account,
        "empfaenger": ["Name 1", "Name"],
        "verwendungszweck": ["Text", "Item Text"],
        "netto": amount,
        "brutto": amount,
      ],
      defaults: ["ust": "0", "empfaenger": ""])
  }

  /// SAP FBL3N, Sachkonten-Einzelposten (G/L Account Line Items).
  static let sapFBL3N = sapLineItems(
    name: "sap-fbl3n", title: "SAP FBL3N: Sachkonten-Einzelposten (G/L Account Line Items)",
    account: ["Sachkonto", "G/L Account", "Hauptbuchkonto"])

  /// SAP FAGLL03, Sachkonten-Einzelposten im neuen Hauptbuch (G/L Account Line Items, New G/L).
  static let sapFAGLL03 = sapLineItems(
    name: "sap-fagll03", title: "SAP FAGLL03: Sachkonten-Einzelposten, neues Hauptbuch (G/L Line Items, New G/L)",
    account: ["Hauptbuchkonto", "G/L Account", "Sachkonto"])

  public static let all = [sapFBL3N, sapFAGLL03]

  static func named(_ name: String) -> ERPProfile? {
    all.first { $0.name == name.lowercased() }
  }
}
