/// `display()`, `clear_output()` and the rich objects of notebooks, named as IPython names
/// them (`from IPython.display import display, clear_output, HTML, SVG, Markdown`).
///
/// In a Jupyter cell each displayed value becomes output of its own, with every view the
/// value has (a lazy array's table and chunk drawing as HTML); in the terminal its text.
enum DisplayLibrary {
    static func install(_ r: inout Registry) {
        let ns = "IPython.display"
        r.addNamespace("IPython", doc: "Notebook helpers, as IPython names them.")
        r.addNamespace(ns, doc: "Rich output in notebooks: display(), clear_output(), HTML, SVG, Markdown.")
        let display = Builtin("display(*objs)", module: ns, doc: """
            Shows each value as a cell shows its result: in a notebook with its richest view \
            (HTML, SVG), in the terminal as text.
            """) { args, ctx in
            for value in args.variadic { ctx.output.show(ctx.mimeBundle(of: value)) }
            return .none
        }
        r.setValue(.builtin(display), named: "display", in: ns, global: true)
        r.register(in: ns, "clear_output(wait=False)", doc: """
            Clears the cell's output so far; with wait=True when the next output arrives (no \
            flicker when redrawing). In a terminal, clears the current line.
            """) { args, ctx in
            ctx.output.flush()
            ctx.output.clear(wait: try args.bool(0))
            return .none
        }
        for kind in RichText.Kind.allCases {
            r.register(in: ns, "\(kind.rawValue)(data)", doc: "\(kind.summary); display() or a cell's last line shows it.") { args, _ in
                .object(RichText(kind, try args.string(0)))
            }
        }
    }
}

/// Text a notebook renders by its MIME type: `HTML('<b>hi</b>')`, `SVG(x.to_svg())`.
final class RichText: RuntimeObject {
    enum Kind: String, CaseIterable {
        case html = "HTML", svg = "SVG", markdown = "Markdown"

        var mimeType: String {
            switch self {
            case .html: "text/html"
            case .svg: "image/svg+xml"
            case .markdown: "text/markdown"
            }
        }

        var summary: String {
            switch self {
            case .html: "HTML for a notebook to render"
            case .svg: "An SVG image for a notebook to draw"
            case .markdown: "Markdown for a notebook to render"
            }
        }
    }

    let kind: Kind
    let data: String

    init(_ kind: Kind, _ data: String) {
        self.kind = kind
        self.data = data
    }

    var typeName: String { kind.rawValue }
    var repr: String { "<IPython.core.display.\(kind.rawValue) object>" }
    var attributeNames: [String] { ["data"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        name == "data" ? .str(data) : nil
    }

    func richDisplay(context: ExecutionContext) -> [String: String] { [kind.mimeType: data] }
}
