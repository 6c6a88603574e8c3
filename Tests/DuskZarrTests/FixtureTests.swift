import DuskArray
import Foundation
import Testing
@testable import DuskZarr

/// Dusk reads every store zarr-python wrote (`Fixtures/make_fixtures.py`) as zarr-python did.
@Suite struct FixtureTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.arrayNames.count > 70)
        #expect(Fixtures.groupNames.count == 2)
    }

    @Test(arguments: Fixtures.arrayNames)
    func readsLikeZarrPython(name: String) throws {
        let expected = try #require(Fixtures.expected[name]?.objectValue)
        let array = try ZarrArray.open(LocalStore(Fixtures.stores), path: name, readOnly: true)
        let m = array.metadata
        #expect(m.zarrFormat == expected["zarr_format"]?.intValue)
        #expect(m.shape == expected["shape"]?.arrayValue?.compactMap(\.intValue))
        #expect(array.chunks == expected["chunks"]?.arrayValue?.compactMap(\.intValue))
        #expect(m.shards == expected["shards"]?.arrayValue?.compactMap(\.intValue))
        #expect(m.dtype.name == expected["dtype"]?.stringValue)
        if let fill = expected["fill_value"], !fill.isNull {
            #expect(sameElements([ZarrFillValue.json(m.fillValue).numeric], [fill]), "fill value of \(name)")
        }
        #expect(m.attributes == expected["attributes"]?.objectValue)
        let values = try array.readAll()
        #expect(values.shape == m.shape)
        let elements = try #require(expected["values"]?.arrayValue)
        #expect(try sameElements(jsonElements(values), elements), "values of \(name)")
    }

    /// Selections that cut chunks, skip elements and cross shard boundaries read the same
    /// elements as slicing the whole array.
    @Test(arguments: Fixtures.arrayNames.filter { ($0.hasPrefix("v3_") || $0.hasPrefix("v2_")) && !$0.contains("scalar") })
    func partialReadsMatchTheWhole(name: String) throws {
        let array = try ZarrArray.open(LocalStore(Fixtures.stores), path: name, readOnly: true)
        let whole = try array.readAll()
        for selection in sampleSelections(array.shape) {
            let part = try array.read(selection)
            #expect(try sameElements(jsonElements(part), jsonElements(whole.view(selection).copy())),
                    "\(name) at \(selection)")
        }
        for parallel in [false, true] {
            let again = try array.readAll(options: ZarrIOOptions(parallel: parallel))
            #expect(try sameElements(jsonElements(again), jsonElements(whole)))
        }
    }

    @Test(arguments: Fixtures.groupNames)
    func groupsListTheirMembers(name: String) throws {
        let expected = try #require(Fixtures.expected[name]?.objectValue)
        let store = LocalStore(Fixtures.stores)
        let group = try ZarrGroup.open(store, path: name, readOnly: true)
        #expect(group.zarrFormat == expected["zarr_format"]?.intValue)
        #expect(group.attributes == expected["attributes"]?.objectValue)
        var found: [String] = []
        func walk(_ group: ZarrGroup, _ prefix: String) throws {
            for (member, kind) in try group.members() {
                found.append(prefix + member)
                if case .group = kind {
                    try walk(try ZarrGroup.open(store, path: group.memberPath(member), readOnly: true), prefix + member + "/")
                }
            }
        }
        try walk(group, "")
        #expect(found.sorted() == expected["members"]?.arrayValue?.compactMap(\.stringValue))
        let sub = try ZarrGroup.open(store, path: name + "/sub", readOnly: true)
        #expect(sub.attributes["level"] == .int(1))
    }

    /// A few selections of each kind: single elements, ranges cutting chunks, strided.
    private func sampleSelections(_ shape: [Int]) -> [[DimensionSelection]] {
        if shape.contains(0) { return [shape.map { DimensionSelection(0..<$0) }] }
        var result: [[DimensionSelection]] = []
        result.append(shape.map { _ in DimensionSelection(start: 0, count: 1) })
        result.append(shape.map { DimensionSelection(start: $0 - 1, count: 1) })
        result.append(shape.map { DimensionSelection(start: $0 / 3, count: Swift.max(1, $0 - $0 / 3 - 1)) })
        result.append(shape.map { DimensionSelection(start: 1 % $0, step: 2, count: ($0 - 1 % $0 + 1) / 2) })
        result.append(shape.map { DimensionSelection(start: 0, step: 3, count: ($0 + 2) / 3) })
        return result
    }
}

extension JSONValue {
    /// A fill value as a number (`"NaN"` and friends as doubles), to compare with Python's.
    var numeric: JSONValue {
        switch self {
        case .string("NaN"): .double(.nan)
        case .string("Infinity"): .double(.infinity)
        case .string("-Infinity"): .double(-.infinity)
        default: self
        }
    }
}

/// `repr(z)` and `z.info` as zarr-python prints them.
@Suite struct DisplayTests {
    @Test(arguments: Fixtures.arrayNames)
    func infoAndReprMatchZarrPython(name: String) throws {
        let expected = try #require(Fixtures.expected[name]?.objectValue)
        let array = try ZarrArray.open(LocalStore(Fixtures.stores), path: name, readOnly: true)
        #expect(array.info == expected["info"]?.stringValue)
        // zarr-python opened the fixture by its name relative to the stores directory.
        let repr = expected["repr"]?.stringValue?.replacingOccurrences(of: "file://", with: "file://" + Fixtures.stores + "/")
        #expect(array.repr == repr)
    }
}
