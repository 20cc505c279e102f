import Foundation

/// Checks a JSON value against the subset of JSON Schema (2020-12) that docs/explain.schema.json
/// and docs/outlook.schema.json use: type, enum, const, pattern, required, properties, additionalProperties: false, items, $ref.
/// Returns every violation with its path; empty when the value conforms.
struct JSONSchemaCheck {
  let root: [String: Any]

  init(path: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    root = (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
  }

  func violations(of value: Any) -> [String] { check(value, schema: root, path: "$") }

  private func resolve(_ schema: [String: Any]) -> [String: Any] {
    guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/$defs/") else { return schema }
    let name = String(reference.dropFirst("#/$defs/".count))
    return ((root["$defs"] as? [String: Any])?[name] as? [String: Any]) ?? [:]
  }

  private func check(_ value: Any, schema given: [String: Any], path: String) -> [String] {
    let schema = resolve(given)
    var problems: [String] = []
    if let type = schema["type"] as? String {
      let matches: Bool
      switch type {
      case "object": matches = value is [String: Any]
      case "array": matches = value is [Any]
      case "string": matches = value is String
      case "boolean": matches = value is Bool
      case "integer":
        // (Foundation on Linux reads a JSON 0 as a number that is also a Bool: it passes as both.)
        matches = (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } ?? false
      default: matches = false
      }
      if !matches { return ["\(path): not \(type)"] }
    }
    if let allowed = schema["enum"] as? [String], !allowed.contains(value as? String ?? "\u{0}") {
      problems.append("\(path): \(value) not in \(allowed)")
    }
    if let constant = schema["const"] {
      let same = (constant as? NSNumber).map { $0 == (value as? NSNumber) } ?? false
      if !same { problems.append("\(path): \(value) is not \(constant)") }
    }
    if let pattern = schema["pattern"] as? String, let text = value as? String,
      text.range(of: pattern, options: .regularExpression) == nil
    {
      problems.append("\(path): \(text) does not match \(pattern)")
    }
    if let object = value as? [String: Any] {
      let properties = schema["properties"] as? [String: Any] ?? [:]
      for key in schema["required"] as? [String] ?? [] where object[key] == nil {
        problems.append("\(path): lacks \(key)")
      }
      for (key, member) in object {
        if let sub = properties[key] as? [String: Any] {
          problems += check(member, schema: sub, path: path + "." + key)
        } else if (schema["additionalProperties"] as? Bool) == false {
          problems.append("\(path): unexpected \(key)")
        }
      }
    }
    if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
      for (index, item) in array.enumerated() { problems += check(item, schema: items, path: "\(path)[\(index)]") }
    }
    return problems
  }
}
