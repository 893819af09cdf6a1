/// One construct of the language with a short example and what it prints: the syntax guide at
/// the top of docs/language.md (`SyntaxGuideTests` runs every example).
public struct SyntaxExample {
    /// The construct.
    public let title: String
    /// One or two sentences about it.
    public let note: String
    /// A program that uses it.
    public let code: String
    /// What the program prints.
    public let output: String
}

extension Registry {
    /// Every construct of Seg, in the order a newcomer needs them.
    public static let syntaxGuide: [SyntaxExample] = [
        SyntaxExample(title: "Constants and variables", note: "`let` binds once, `var` can be assigned again (also `+= -= *= /=`). `#` starts a comment.", code: #"""
        let size = [192, 256]      # a constant
        var total = 0              # a variable
        total += 5
        print(size, total)
        """#, output: "[192, 256] 5"),
        SyntaxExample(title: "Functions and keyword arguments", note: "A block's value is its last expression; parameters may have defaults, and keyword arguments follow positional ones.", code: #"""
        fn scale(x, by = 2) { x * by }
        print(scale(3), scale(3, by: 10))
        fn first_positive(xs) {
            for x in xs { if x > 0 { return x } }
            nil
        }
        print(first_positive([-1, 4, 5]))
        """#, output: "6 30\n4"),
        SyntaxExample(title: "Closures", note: "`fn(x) { ... }` is a function value; it captures variables by reference.", code: #"""
        fn counter() {
            var n = 0
            fn() { n += 1; n }
        }
        let next = counter()
        next()
        print(next(), [1, 2, 3].map(fn(x) { x * 10 }))
        """#, output: "2 [10, 20, 30]"),
        SyntaxExample(title: "if/else is an expression", note: "Conditions take Bools (only `false` and `nil` are false; a tensor must hold one element).", code: #"""
        let acc = 0.7
        let label = if acc > 0.9 { "good" } else if acc > 0.5 { "fair" } else { "poor" }
        print(label)
        """#, output: "fair"),
        SyntaxExample(title: "for/in, ranges and destructuring", note: "`a..<b` is half-open, `a...b` closed, `.step(k)` counts by k; `(i, x)` destructures 2- or 3-element lists.", code: #"""
        for (i, name) in enumerate(["road", "sky"]) { print(i, name) }
        for i in (0..<10).step(4) { print(i) }
        """#, output: "0 road\n1 sky\n0\n4\n8"),
        SyntaxExample(title: "while, break and continue", note: "", code: #"""
        var n = 0
        while true {
            n += 1
            if n % 2 == 0 { continue }
            if n > 5 { break }
            print(n)
        }
        """#, output: "1\n3\n5"),
        SyntaxExample(title: "try/catch", note: "`error(msg)` raises; `catch err` binds the error, with `.message`, `.line` and `.column`.", code: #"""
        try { error("shape mismatch") } catch err { print("caught:", err.message, "on line", err.line) }
        """#, output: "caught: shape mismatch on line 1"),
        SyntaxExample(title: "Strings", note: "`\\(...)` interpolates; triple-quoted strings span lines (the closing quotes' indentation is removed).", code: #"""
        let loss = 0.25
        print("loss \(loss), doubled \(loss * 2)")
        let text = """
            two
            lines
            """
        print(text)
        """#, output: "loss 0.25, doubled 0.5\ntwo\nlines"),
        SyntaxExample(title: "Lists, dicts, indexing and slices", note: "Negative indices count from the end; slices are `a[start:stop:step]`; dict keys are names or strings.", code: #"""
        let xs = [10, 20, 30, 40]
        print(xs[1:3], xs[-1], xs[::2])
        let d = {name: "road", iou: 0.9}
        print(d.name, d["iou"], keys(d))
        """#, output: "[20, 30] 40 [10, 30]\nroad 0.9 [\"name\", \"iou\"]"),
        SyntaxExample(title: "List comprehensions", note: "`[expr for x in xs if cond]`, with destructuring as in `for`.", code: #"""
        print([x * x for x in 0..<5 if x % 2 == 0])
        print([a + b for (a, b) in zip([1, 2], [10, 20])])
        """#, output: "[0, 4, 16]\n[11, 22]"),
        SyntaxExample(title: "The pipe", note: "`x |> f(a)` is `f(x, a)`; a line starting with `|>` or `.` continues the one above.", code: #"""
        fn add(x, y) { x + y }
        let r = 3
            |> add(4)
            |> str
        print(r)
        """#, output: "7"),
        SyntaxExample(title: "Operators and precedence", note: "Lowest first: `|>`, `or`, `and`, `not`, `|`, `^`, `&`, comparisons, ranges, `+ -`, `* / // % @`, unary `-` and `~`, `**` (right-associative). `& | ^ ~` are logic on Bools and bool tensors, bitwise on Ints and int32 tensors.", code: #"""
        print(2 + 3 * 4, 2 ** 3 ** 2, -2 ** 2, 7 // 2, 7 % 3, 7 / 2)
        print(1 < 2 and not false, 6 & 3 | 8, true ^ false, ~5)
        """#, output: "14 512 -4 3 1 3.5\ntrue 10 true -6"),
        SyntaxExample(title: "Tensors, masks and gathers", note: "A bool tensor indexes as a mask, an int32 tensor (or a list of Ints) gathers, in any one index position as in NumPy; assigning through an index changes only that `var`.", code: #"""
        let labels = tensor([[0, 11], [3, 11]], dtype: "int32")
        print((labels == 11).sum().item(), labels[labels != 11].tolist())
        let palette = tensor([[0, 0, 0], [128, 64, 128], [0, 0, 192], [64, 0, 128]], dtype: "int32")
        var clean = labels
        clean[clean == 11] = 0
        print(palette[clean].shape, labels.tolist())
        print(palette[[1, 3]].tolist(), palette[:, [2, 0]][1].tolist())
        """#, output: "2 [0, 3]\n[2, 2, 3] [[0, 11], [3, 11]]\n[[128, 64, 128], [64, 0, 128]] [128, 128]"),
    ]

    /// The guide as Markdown: each construct, its example, and what it prints.
    public static var syntaxGuideMarkdown: String {
        var out = "## Syntax guide\n"
        for example in syntaxGuide {
            out += "\n### \(example.title)\n\n"
            if !example.note.isEmpty { out += example.note + "\n\n" }
            out += "```\n\(example.code)\n```\n\nprints\n\n```\n\(example.output)\n```\n"
        }
        return out + "\n"
    }
}
