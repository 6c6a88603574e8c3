/// A self-contained HTML page for `engine='cytoscape'`: the graph's elements in Cytoscape's
/// JSON (nodes with the positions Graphviz computed, so a `preset` layout shows them as laid
/// out), and a drawing of them in inline SVG that needs no network and no script library.
///
/// Nodes are styled as Dask's cytoscape engine styles them: light grey, tasks as ellipses and
/// data as rectangles, a grey (or execution-order) border; grey edges with arrowheads. The
/// page's small script only pans (drag) and zooms (wheel) the SVG.
public struct CytoscapePage: Sendable {
    public var title = "Dask task graph"

    public init() {}

    /// Points (CSS pixels at 100%) per inch of Graphviz's layout.
    static let pixelsPerInch = 72.0

    /// The page for `picture`, laid out by `graphviz`.
    public func html(_ picture: GraphPicture, style: PictureStyle = PictureStyle(),
                     graphviz: Graphviz) throws(GraphvizError) -> String {
        let layout = try graphviz.layout(picture.dot(style))
        let elements = CytoscapePage.elements(picture, style: style, layout: layout)
        let width = layout.width * Self.pixelsPerInch
        let height = layout.height * Self.pixelsPerInch
        var svg = ""
        for edge in elements.edges {
            svg += "<path d=\"\(edge.path)\" fill=\"none\" stroke=\"gray\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n"
        }
        for node in elements.nodes {
            let stroke = node.color
            let (x, y, w, h) = (node.x, node.y, node.width, node.height)
            svg += "<g><title>\(escapeHTML(node.key))</title>"
            if node.shape == "ellipse" {
                svg += "<ellipse cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" rx=\"\(fmt(w / 2))\" ry=\"\(fmt(h / 2))\" fill=\"#eee\" stroke=\"\(stroke)\" stroke-width=\"3\"/>"
            } else {
                svg += "<rect x=\"\(fmt(x - w / 2))\" y=\"\(fmt(y - h / 2))\" width=\"\(fmt(w))\" height=\"\(fmt(h))\" fill=\"#eee\" stroke=\"\(stroke)\" stroke-width=\"3\"/>"
            }
            let lines = node.label.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                let dy = (Double(index) - Double(lines.count - 1) / 2) * 14
                svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(y + dy))\" font-size=\"14\" font-weight=\"bold\" "
                    + "text-anchor=\"middle\" dominant-baseline=\"central\">\(escapeHTML(String(line)))</text>"
            }
            svg += "</g>\n"
        }
        let caption = style.caption.map { "<p>\(escapeHTML($0))</p>\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escapeHTML(title))</title>
            <style>
            body { margin: 0; font-family: helvetica, arial, sans-serif; }
            p { margin: 8px 12px; }
            svg { width: 100vw; height: 90vh; cursor: grab; display: block; }
            </style>
            </head>
            <body>
            \(caption)<svg id="graph" viewBox="-8 -8 \(fmt(width + 16)) \(fmt(height + 16))" font-family="helvetica, arial, sans-serif" xmlns="http://www.w3.org/2000/svg">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="gray"/></marker></defs>
            \(svg)</svg>
            <script type="application/json" id="elements">
            \(elements.json)
            </script>
            <script>
            (function () {
              var svg = document.getElementById("graph");
              var box = svg.viewBox.baseVal;
              svg.addEventListener("wheel", function (event) {
                event.preventDefault();
                var scale = event.deltaY > 0 ? 1.1 : 1 / 1.1;
                var rect = svg.getBoundingClientRect();
                var x = box.x + (event.clientX - rect.left) / rect.width * box.width;
                var y = box.y + (event.clientY - rect.top) / rect.height * box.height;
                box.x = x - (x - box.x) * scale; box.y = y - (y - box.y) * scale;
                box.width *= scale; box.height *= scale;
              });
              var last = null;
              svg.addEventListener("mousedown", function (event) { last = [event.clientX, event.clientY]; });
              window.addEventListener("mouseup", function () { last = null; });
              window.addEventListener("mousemove", function (event) {
                if (!last) return;
                var rect = svg.getBoundingClientRect();
                box.x -= (event.clientX - last[0]) / rect.width * box.width;
                box.y -= (event.clientY - last[1]) / rect.height * box.height;
                last = [event.clientX, event.clientY];
              });
            })();
            </script>
            </body>
            </html>

            """
    }

    struct Element {
        var id: String
        var key: String
        var label: String
        var shape: String
        var color: String
        var x: Double, y: Double, width: Double, height: Double
    }

    struct EdgeElement {
        var source: String
        var target: String
        var path: String
    }

    /// Nodes and edges with page coordinates (y downwards), and their Cytoscape JSON.
    static func elements(_ picture: GraphPicture, style: PictureStyle,
                         layout: PlainLayout) -> (nodes: [Element], edges: [EdgeElement], json: String) {
        var nodes: [Element] = []
        let order = style.colorByOrder ? picture.runPositions : nil
        let maximum = order?.max() ?? 0
        func place(_ id: String, key: String, label: String, shape: String, color: String) {
            guard let node = layout.nodes[id] else { return }
            nodes.append(Element(id: id, key: key, label: label, shape: shape, color: color,
                                 x: node.x * pixelsPerInch, y: (layout.height - node.y) * pixelsPerInch,
                                 width: node.width * pixelsPerInch, height: node.height * pixelsPerInch))
        }
        if picture.isCollapsed {
            for layer in picture.layers.indices {
                let name = picture.layers[layer].name
                place("fl\(layer)", key: name, label: picture.layers[layer].prefix, shape: "ellipse", color: "gray")
                place("dl\(layer)", key: name, label: picture.countLabel(layer), shape: "rectangle", color: "gray")
            }
        } else {
            for task in picture.tasks.indices {
                let color = order.map { OrderColors.color($0[task], maximum: maximum) } ?? "gray"
                let label = order.map { "\($0[task])\n" + picture.functionLabel(task) } ?? picture.functionLabel(task)
                place("f\(task)", key: picture.keyText(task), label: label, shape: "ellipse", color: color)
                place("d\(task)", key: picture.keyText(task), label: picture.dataLabel(task), shape: "rectangle", color: color)
            }
        }
        let edges = layout.edges.map { edge in
            EdgeElement(source: edge.tail, target: edge.head, path: path(edge.points, height: layout.height))
        }
        var json = "{\"nodes\": [\n"
        json += nodes.map { node in
            "  {\"data\": {\"id\": \(jsonString(node.id)), \"label\": \(jsonString(node.label)), "
                + "\"key\": \(jsonString(node.key)), \"shape\": \(jsonString(node.shape)), "
                + "\"color\": \(jsonString(node.color))}, \"position\": {\"x\": \(fmt(node.x)), \"y\": \(fmt(node.y))}}"
        }.joined(separator: ",\n")
        json += "\n], \"edges\": [\n"
        json += edges.map { "  {\"data\": {\"source\": \(jsonString($0.source)), \"target\": \(jsonString($0.target))}}" }
            .joined(separator: ",\n")
        json += "\n]}"
        return (nodes, edges, json)
    }

    /// An SVG path through a Graphviz B-spline (a start point, then three points per cubic piece).
    static func path(_ points: [(x: Double, y: Double)], height: Double) -> String {
        guard let first = points.first else { return "" }
        func point(_ p: (x: Double, y: Double)) -> String { "\(fmt(p.x * pixelsPerInch)),\(fmt((height - p.y) * pixelsPerInch))" }
        var d = "M" + point(first)
        var index = 1
        while index + 2 < points.count {
            d += " C" + point(points[index]) + " " + point(points[index + 1]) + " " + point(points[index + 2])
            index += 3
        }
        while index < points.count {
            d += " L" + point(points[index])
            index += 1
        }
        return d
    }
}

/// A number for SVG and JSON: at most two decimals, no trailing zeros.
func fmt(_ value: Double) -> String {
    let scaled = Int((value * 100).rounded())
    let sign = scaled < 0 ? "-" : ""
    let (whole, fraction) = (abs(scaled) / 100, abs(scaled) % 100)
    if fraction == 0 { return sign + "\(whole)" }
    var text = sign + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    if text.hasSuffix("0") { text.removeLast() }
    return text
}

/// Text for HTML and SVG content and attributes.
func escapeHTML(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if scalar.value < 0x20 {
                result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4, with: "0")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
