import XCTest

/// Fails once for each fragment that `text` does not contain, showing the text.
public func assertContains(_ text: String, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
    for fragment in fragments where !text.contains(fragment) {
        XCTFail("lacks \(fragment.debugDescription) in:\n\(text.prefix(4000))", file: file, line: line)
    }
}

/// Fails once for each fragment that `text` contains, showing the text.
public func assertLacks(_ text: String, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
    for fragment in fragments where text.contains(fragment) {
        XCTFail("holds \(fragment.debugDescription) in:\n\(text.prefix(4000))", file: file, line: line)
    }
}

/// The description of the error `body` throws; a test failure (and "") when it throws none.
public func thrownMessage(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> String {
    do { try body() } catch { return "\(error)" }
    XCTFail("expected an error", file: file, line: line)
    return ""
}

/// Fails unless `body` throws an error whose description contains every fragment.
public func assertThrowsMessage<T>(_ body: @autoclosure () throws -> T, _ fragments: String...,
                                   file: StaticString = #filePath, line: UInt = #line) {
    assertThrowsMessage(try body(), fragments: fragments, file: file, line: line)
}

/// `assertThrowsMessage` with the fragments as an array, for helpers that take them variadically.
public func assertThrowsMessage<T>(_ body: @autoclosure () throws -> T, fragments: [String],
                                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        let message = "\(error)"
        for fragment in fragments {
            XCTAssertTrue(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"", file: file, line: line)
        }
    }
}
