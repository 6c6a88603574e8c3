/// A layout as `dot -Tplain` prints it: node centres and sizes and edge control points, in
/// inches, with the origin at the bottom left.
public struct PlainLayout: Sendable {
    public struct Node: Sendable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
    }

    public struct Edge: Sendable {
        public var tail: String
        public var head: String
        /// The B-spline's control points, from tail to head.
        public var points: [(x: Double, y: Double)]
    }

    public var width: Double
    public var height: Double
    public var nodes: [String: Node]
    public var edges: [Edge]

    /// Reads the `plain` format; nil when the text is not in it.
    public init?(parsing text: String) {
        var width: Double?
        var height = 0.0
        var nodes: [String: Node] = [:]
        var edges: [Edge] = []
        for line in text.split(separator: "\n") {
            let fields = PlainLayout.fields(of: Substring(line))
            guard let kind = fields.first else { continue }
            switch kind {
            case "graph":
                guard fields.count >= 4, let w = Double(fields[2]), let h = Double(fields[3]) else { return nil }
                width = w
                height = h
            case "node":
                guard fields.count >= 6, let x = Double(fields[2]), let y = Double(fields[3]),
                      let w = Double(fields[4]), let h = Double(fields[5]) else { return nil }
                nodes[fields[1]] = Node(x: x, y: y, width: w, height: h)
            case "edge":
                guard fields.count >= 4, let count = Int(fields[3]), fields.count >= 4 + 2 * count else { return nil }
                var points: [(x: Double, y: Double)] = []
                for index in 0..<count {
                    guard let x = Double(fields[4 + 2 * index]), let y = Double(fields[5 + 2 * index]) else { return nil }
                    points.append((x, y))
                }
                edges.append(Edge(tail: fields[1], head: fields[2], points: points))
            default:
                continue
            }
        }
        guard let width else { return nil }
        self.width = width
        self.height = height
        self.nodes = nodes
        self.edges = edges
    }

    /// Splits a line on spaces, keeping double-quoted fields whole (quotes removed).
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        var started = false
        for character in line {
            if quoted {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoted = false
                } else {
                    current.append(character)
                }
            } else if character == " " {
                if started { fields.append(current) }
                current = ""
                started = false
            } else if character == "\"" {
                quoted = true
                started = true
            } else {
                current.append(character)
                started = true
            }
        }
        if started { fields.append(current) }
        return fields
    }
}
