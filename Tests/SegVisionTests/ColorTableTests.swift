import XCTest
@testable import SegVision

final class ColorTableTests: XCTestCase {
    func testParsesTheThreeFormats() throws {
        let dict = try ColorTable.parseClassDict("name,r,g,b\nSky,128,128,128\nVoid,0,0,0\nRoad,128,64,128\n", name: "class_dict.csv")
        XCTAssertEqual(dict.names, ["Sky", "Road"])
        XCTAssertEqual(dict.colors, [[128, 128, 128], [128, 64, 128]])
        XCTAssertEqual(dict.void, 2)
        let txt = try ColorTable.parseLabelColors("64 128 64\tAnimal\n0 0 0\tVoid\n192 0 128 Archway\n", name: "label_colors.txt")
        XCTAssertEqual(txt.names, ["Animal", "Archway"])
        let csv = try ColorTable.parseClassesCSV("index,name,r,g,b\n1,Building,128,0,0\n0,Sky,128,128,128\n2,Unlabelled,0,0,0\n", name: "classes.csv")
        XCTAssertEqual(csv.names, ["Sky", "Building"])
        XCTAssertEqual(csv.void, 2)
    }

    func testUnreadableTablesNameTheFileAndLine() throws {
        let short = TestData.errorMessage { _ = try ColorTable.parseClassDict("name,r,g,b\nSky,1,2\n", name: "t.csv") }
        XCTAssertTrue(short.contains("t.csv:2"), short)
        let range = TestData.errorMessage { _ = try ColorTable.parseLabelColors("1 2 300 X\n", name: "c.txt") }
        XCTAssertTrue(range.contains("c.txt:1") && range.contains("300"), range)
        let gap = TestData.errorMessage { _ = try ColorTable.parseClassesCSV("index,name,r,g,b\n0,A,1,1,1\n2,B,2,2,2\n", name: "classes.csv") }
        XCTAssertTrue(gap.contains("without gaps"), gap)
        XCTAssertTrue(TestData.errorMessage { _ = try ColorTable.read("/nonexistent/class_dict.csv") }.contains("/nonexistent/class_dict.csv"))
    }

    func testBuiltInTablesAndGrouping() {
        XCTAssertEqual(CamVidClasses.standard.names.count, 11)
        XCTAssertEqual(CamVidClasses.original.count, 31)
        let groups = CamVidClasses.groupIndices(CamVidClasses.originalTable)
        XCTAssertEqual(groups.count, 31)
        XCTAssertFalse(groups.contains(11), "every original class belongs to one of the 11")
        let names = CamVidClasses.originalTable.names
        XCTAssertEqual(groups[names.firstIndex(of: "LaneMkgsDriv") ?? 0], 3)  // Road
        XCTAssertEqual(groups[names.firstIndex(of: "Animal") ?? 0], 9)        // Pedestrian
    }
}
