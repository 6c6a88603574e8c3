extension GraphPicture {
    /// The picture as Graphviz DOT source, drawn as Dask's `to_graphviz` draws a graph: each
    /// task is a circle labelled with its function's name that points at a box labelled with
    /// its block index (its result), and each box points at the circles that read it.
    ///
    /// Nodes are named `f<i>` (task i's function) and `d<i>` (its data), or `fl<i>`/`dl<i>`
    /// for layer i of a collapsed picture; tooltips carry the full keys. Statements come in
    /// Dask's order, which is the order `dot` sees and breaks ties with.
    public func dot(_ style: PictureStyle = PictureStyle()) -> String {
        var writer = DotWriter()
        var graphAttributes = [("rankdir", style.rankdir.rawValue)]
        if let caption = style.caption {
            graphAttributes += [("label", caption), ("labelloc", "t"), ("fontname", "helvetica")]
        }
        writer.line("graph", graphAttributes)
        writer.line("node", [("fontname", "helvetica")])
        if isCollapsed {
            writeLayers(&writer)
        } else {
            writeTasks(&writer, order: style.colorByOrder ? runPositions : nil)
        }
        return writer.finish()
    }

    private func writeTasks(_ writer: inout DotWriter, order: [Int]?) {
        let maximum = Swift.max(1, (order?.max() ?? 0))
        var seen = [Bool](repeating: false, count: tasks.count)
        func dataNode(_ task: Int) {
            guard !seen[task] else { return }
            seen[task] = true
            var attributes = [("label", dataLabel(task)), ("shape", "box"), ("tooltip", keyText(task))]
            if let order { attributes += [("color", OrderColors.color(order[task], maximum: maximum)), ("penwidth", "2")] }
            writer.line("d\(task)", attributes)
        }
        for task in tasks.indices {
            var attributes = [("label", functionLabel(task)), ("shape", "circle"), ("tooltip", keyText(task))]
            if let order {
                attributes[0].1 = "\(order[task])\n\(functionLabel(task))"
                attributes += [("color", OrderColors.color(order[task], maximum: maximum)), ("penwidth", "2")]
            }
            writer.line("f\(task)", attributes)
            writer.edge("f\(task)", "d\(task)")
            for dependency in tasks[task].dependencies {
                dataNode(dependency)
                writer.edge("d\(dependency)", "f\(task)")
            }
            dataNode(task)
        }
        if let order, !tasks.isEmpty { writeLegend(&writer, maximum: order.max() ?? 0) }
    }

    /// A table of colours from the first task to the last, beside the graph.
    private func writeLegend(_ writer: inout DotWriter, maximum: Int) {
        let positions = OrderColors.legendPositions(count: maximum + 1)
        var html = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
        html += "<tr><td colspan=\"\(positions.count)\">execution order</td></tr><tr>"
        for position in positions {
            let text = OrderColors.needsLightText(position, maximum: maximum) ? "white" : "black"
            html += "<td bgcolor=\"\(OrderColors.color(position, maximum: maximum))\">"
                + "<font color=\"\(text)\">\(position)</font></td>"
        }
        html += "</tr></table>"
        writer.line("legend", [("shape", "plaintext")], html: ("label", html))
    }

    private func writeLayers(_ writer: inout DotWriter) {
        for layer in layers.indices {
            writer.line("fl\(layer)", [("label", layers[layer].prefix), ("shape", "circle"),
                                       ("tooltip", layers[layer].name)])
            writer.edge("fl\(layer)", "dl\(layer)")
            for dependency in layers[layer].dependencies { writer.edge("dl\(dependency)", "fl\(layer)") }
            writer.line("dl\(layer)", [("label", countLabel(layer)), ("shape", "box"), ("tooltip", layers[layer].name)])
        }
    }
}

/// Writes DOT statements, one per line, quoting IDs as the DOT grammar requires.
struct DotWriter {
    private var text = "digraph {\n"

    /// A node or attribute statement: `name [key=value, ...]`.
    mutating func line(_ name: String, _ attributes: [(String, String)], html: (String, String)? = nil) {
        var parts = attributes.map { "\($0.0)=\(DotWriter.quoted($0.1))" }
        if let html { parts.append("\(html.0)=<\(html.1)>") }
        text += "\t\(name) [\(parts.joined(separator: ", "))];\n"
    }

    mutating func edge(_ from: String, _ to: String) {
        text += "\t\(from) -> \(to);\n"
    }

    func finish() -> String { text + "}\n" }

    /// An ID as DOT reads it: bare when it is a plain word or number, else double-quoted with
    /// `"` and `\` escaped and newlines as `\n`.
    static func quoted(_ value: String) -> String {
        let isWord = !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && !(value.first?.isNumber ?? false)
        let isNumber = !value.isEmpty && value.allSatisfy { $0.isASCII && $0.isNumber }
        if isWord || isNumber { return value }
        var escaped = ""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}
