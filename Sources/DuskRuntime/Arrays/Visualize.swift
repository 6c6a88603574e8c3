import DuskArray
import DuskGraph
import DuskScheduler
import Foundation

/// `x.visualize(...)` and `dask.visualize(a, b, ...)`: pictures of task graphs, as Dask draws
/// them (Graphviz through `dot`, a cytoscape page), or a drawing in the terminal.
///
/// Which picture: `engine='text'`, or no filename (and no format) in a terminal, draws in box
/// characters; a filename ending in `.html` or `engine='cytoscape'` writes a page; otherwise
/// Graphviz renders the file in the format its extension names (`png` without one), as Dask.
enum Visualize {
    /// The keyword parameters every spelling shares, after the values. An omitted filename
    /// stays absent (`='mydask'?`): Dask's default name is used unless the picture is drawn
    /// in the terminal.
    static let parameterText = "filename='mydask'?, format=None, optimize_graph=False, rankdir='BT', color=None, engine=None"

    /// `visualize(head, parameterText)` drawing the values `values` picks from the arguments.
    static func builtin(_ head: String, module: String? = nil, values: @escaping @Sendable (Args) -> [Value]) -> Builtin {
        Builtin("visualize(\(head), \(parameterText))", module: module, doc: doc) { args, context in
            try visualize(values(args), request: try Request(args), context: context)
        }
    }

    static let doc = """
        Draws the task graph: tasks as circles named by their function, results as boxes named by \
        their block index. filename='graph.svg' writes a picture in the format its extension names \
        (png, svg, pdf, dot; png without one) through Graphviz; a name ending in .html, or \
        engine='cytoscape', writes a page that needs no network. Without a filename in a terminal, \
        or with engine='text', draws the graph in text. optimize_graph=True draws the graph a \
        compute runs; color='order' colours and numbers tasks by the order they run in; \
        rankdir='TB'|'BT'|'LR'|'RL' sets where the inputs are. Graphs of more than \(GraphPicture.maximumTasks) tasks are \
        drawn with one node per layer.
        """

    /// The options of one call.
    struct Request {
        enum Engine { case graphviz, cytoscape, text }

        /// nil: not given; `.some(nil)`: `filename=None`.
        var filename: String??
        var format: String?
        var optimize: Bool
        var rankdir: RankDirection
        var colorByOrder: Bool
        var engine: Engine?

        init(_ args: Args) throws {
            if let filenameIndex = args.signature.parameters.firstIndex(where: { $0.name == "filename" }),
               args.has(filenameIndex) {
                switch args["filename"] {
                case .none: filename = .some(nil)
                case .str(let name): filename = .some(name)
                case let other: throw DuskError.badVisualizeType("filename", other)
                }
            } else {
                filename = nil
            }
            switch args["format"] {
            case .none: format = nil
            case .str(let name): format = name.lowercased()
            case let other: throw DuskError.badVisualizeType("format", other)
            }
            optimize = try args.bool(named: "optimize_graph")
            guard case .str(let direction) = args["rankdir"], let rank = RankDirection(rawValue: direction.uppercased()) else {
                throw DuskError.badVisualizeChoice("rankdir", args["rankdir"], choices: RankDirection.allCases.map(\.rawValue))
            }
            rankdir = rank
            switch args["color"] {
            case .none: colorByOrder = false
            case .str("order"): colorByOrder = true
            case let other: throw DuskError.badVisualizeChoice("color", other, choices: ["order"])
            }
            switch args["engine"] {
            case .none: engine = nil
            case .str("graphviz"): engine = .graphviz
            case .str("cytoscape"), .str("ipycytoscape"): engine = .cytoscape
            case .str("text"): engine = .text
            case let other: throw DuskError.badVisualizeChoice("engine", other, choices: ["graphviz", "cytoscape", "text"])
            }
        }
    }

    /// Draws the graph of the lazy values among `values` (lists, tuples and dicts searched).
    static func visualize(_ values: [Value], request: Request, context: ExecutionContext) throws -> Value {
        var collector = DelayedCalls.Collector()
        for value in values { _ = collector.template(value) }
        guard !collector.inputs.isEmpty else {
            throw DuskError.nothingLazy("visualize", "draw")
        }
        let outputs: [GraphOutput] = collector.inputs.map {
            switch $0 {
            case .array(let expr): .array(LazyArray(expr))
            case .delayed(let node): .delayed(node)
            }
        }
        let picture = try graphCall { () throws(GraphError) in
            try GraphPicture.of(outputs, optimized: request.optimize, ordering: { $0.executionOrder() })
        }
        let graphviz = Graphviz.system
        var style = PictureStyle(rankdir: request.rankdir, colorByOrder: request.colorByOrder)
        if picture.isCollapsed {
            let note = collapsedNote(picture)
            style.caption = note
            context.output.write(note + "\n")
        }
        switch engine(for: request, context: context) {
        case .text:
            return try drawText(picture, style: style, request: request, graphviz: graphviz, context: context)
        case .cytoscape:
            var name = (request.filename ?? nil) ?? "mydask"
            if !name.lowercased().hasSuffix(".html") { name += ".html" }
            guard graphviz.isInstalled else {
                return try writeSource(picture.dot(style), instead: name, format: "html", context: context, picture: picture)
            }
            let page = try pictureCall { () throws(GraphvizError) in try CytoscapePage().html(picture, style: style, graphviz: graphviz) }
            try write(Array(page.utf8), to: name)
            return .object(PictureObject(filename: name, format: "html", picture: picture, dot: picture.dot(style)))
        case .graphviz:
            return try drawFile(picture, style: style, request: request, graphviz: graphviz, context: context)
        }
    }

    private static func engine(for request: Request, context: ExecutionContext) -> Request.Engine {
        if let engine = request.engine { return engine }
        if request.format == "html" || ((request.filename ?? nil)?.lowercased().hasSuffix(".html") ?? false) {
            return .cytoscape
        }
        switch request.filename {
        case .some(nil): return .text
        case nil: return request.format == nil && context.output.terminalColumns != nil ? .text : .graphviz
        case .some(.some): return .graphviz
        }
    }

    /// Why a picture has one node per layer, and how many tasks it stands for.
    static func collapsedNote(_ picture: GraphPicture) -> String {
        "\(picture.taskCount) tasks in \(picture.layers.count) layers: drawn as one node per layer "
            + "(pictures show at most \(GraphPicture.maximumTasks) tasks one by one)"
    }

    // MARK: - Files

    /// Dask's naming: a known extension sets the format, otherwise `format` (png) is appended.
    static func target(filename: String, format: String?) throws -> (path: String, format: String) {
        let known = ["png", "pdf", "dot", "svg", "jpeg", "jpg"]
        if format == nil, let dot = filename.lastIndex(of: "."),
           known.contains(filename[filename.index(after: dot)...].lowercased()) {
            return (filename, filename[filename.index(after: dot)...].lowercased())
        }
        let chosen = format ?? "png"
        guard known.contains(chosen) else {
            throw DuskError(.valueError, "unknown format '\(chosen)' for visualize(); expected one of "
                            + (known + ["html"]).map { "'\($0)'" }.joined(separator: ", "))
        }
        return (filename + "." + chosen, chosen)
    }

    private static func drawFile(_ picture: GraphPicture, style: PictureStyle, request: Request,
                                 graphviz: Graphviz, context: ExecutionContext) throws -> Value {
        let (path, format) = try target(filename: (request.filename ?? nil) ?? "mydask", format: request.format)
        let source = picture.dot(style)
        guard graphviz.isInstalled else {
            return try writeSource(source, instead: path, format: format, context: context, picture: picture)
        }
        let bytes = try pictureCall { () throws(GraphvizError) in try graphviz.render(source, format: format) }
        try write(bytes, to: path)
        return .object(PictureObject(filename: path, format: format, picture: picture, dot: source))
    }

    /// Without Graphviz: writes the DOT source beside where the picture would have gone (the
    /// picture's name with `.dot`), and says how to install Graphviz and draw it.
    private static func writeSource(_ source: String, instead path: String, format: String,
                                    context: ExecutionContext, picture: GraphPicture) throws -> Value {
        let dotPath = format == "dot" ? path : String(path.dropLast(format.count)) + "dot"
        try write(Array(source.utf8), to: dotPath)
        if format != "dot" {
            context.output.write(DuskError.graphvizMissing(wanted: path, wrote: dotPath, format: format) + "\n",
                                 to: .standardError)
        }
        return .object(PictureObject(filename: dotPath, format: "dot", picture: picture, dot: source))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DuskError(.osError, "cannot write '\(path)': \((error as NSError).localizedDescription)")
        }
    }

    // MARK: - Text

    /// Above this many tasks, the text drawing has one box per layer.
    static let maximumTextTasks = 60

    private static func drawText(_ picture: GraphPicture, style: PictureStyle, request: Request,
                                 graphviz: Graphviz, context: ExecutionContext) throws -> Value {
        let width = context.output.terminalColumns ?? 120
        var lines: [String]
        if !graphviz.isInstalled {
            lines = ["(Graphviz's dot lays the drawing out; \(Graphviz.installHint). The layers:)"] + layerList(picture)
        } else {
            let drawing = TextGraphDrawing(maximumWidth: width)
            var drawn: [String]?
            var note: String?
            if !picture.isCollapsed && picture.taskCount > maximumTextTasks {
                note = "(\(picture.taskCount) tasks: one box per layer; visualize(filename='graph.svg') draws every task)"
            } else {
                drawn = try pictureCall { () throws(GraphvizError) in try drawing.draw(picture, style: style, graphviz: graphviz) }
                if drawn == nil && !picture.isCollapsed {
                    note = "(\(picture.taskCount) tasks do not fit in \(width) columns: one box per layer; "
                        + "visualize(filename='graph.svg') draws every task)"
                }
            }
            if drawn == nil && !picture.isCollapsed {
                drawn = try pictureCall { () throws(GraphvizError) in
                    try drawing.draw(picture.collapsed(), style: style, graphviz: graphviz)
                }
            }
            lines = (note.map { [$0] } ?? []) + (drawn ?? layerList(picture))
        }
        let text = lines.joined(separator: "\n") + "\n"
        if case .some(.some(let name)) = request.filename {
            try write(Array(text.utf8), to: name)
            return .object(PictureObject(filename: name, format: "txt", picture: picture, dot: nil))
        }
        context.output.write(text)
        return .none
    }

    /// The layers one per line, with what each reads: the drawing of last resort.
    static func layerList(_ picture: GraphPicture) -> [String] {
        picture.layers.indices.map { index in
            let layer = picture.layers[index]
            let reads = layer.dependencies.map { picture.layers[$0].prefix }
            return "  \(layer.prefix): \(picture.countLabel(index))" + (reads.isEmpty ? "" : ", reads " + reads.joined(separator: ", "))
        }
    }
}

/// Runs a Graphviz call, turning its error into a Dusk error.
func pictureCall<T>(_ body: () throws(GraphvizError) -> T) throws -> T {
    do { return try body() } catch {
        switch error {
        case .notInstalled: throw DuskError(.runtimeError, error.description)
        case .failed(let message): throw DuskError(.runtimeError, "Graphviz could not draw the graph: " + message)
        }
    }
}

/// What `visualize` returns when it wrote a file: Dask returns an image object that a
/// notebook shows; the REPL shows this one's repr, a notebook the graph drawn as SVG.
final class PictureObject: RuntimeObject {
    let filename: String
    let format: String
    let taskCount: Int
    let collapsed: Bool
    /// The picture's Graphviz source, for the notebook's drawing (nil for a text drawing).
    let dot: String?

    init(filename: String, format: String, picture: GraphPicture, dot: String?) {
        self.filename = filename
        self.format = format
        self.taskCount = picture.taskCount
        self.collapsed = picture.isCollapsed
        self.dot = dot
    }

    /// The graph as SVG, whatever format the file has (a cytoscape page would restyle the
    /// notebook around it); nothing without Graphviz.
    func richDisplay(context: ExecutionContext) -> [String: String] {
        guard let dot, let svg = try? Graphviz.system.render(dot, format: "svg") else { return [:] }
        return ["image/svg+xml": String(decoding: svg, as: UTF8.self)]
    }

    var typeName: String { "Picture" }
    var repr: String {
        "<Picture '\(filename)': \(taskCount) task\(taskCount == 1 ? "" : "s")\(collapsed ? ", one node per layer" : "")>"
    }
    var attributeNames: [String] { ["filename", "format"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "filename": .str(filename)
        case "format": .str(format)
        default: nil
        }
    }
}
