/// The text of `%quickref` and `%help`: the magics, the REPL's keys, the commands.
extension Magics {
    static let quickReference = """
        Dusk quick reference
        ====================
        Expressions typed at >>> print their value; _ holds the last one.
        help(f), help(np)      signature and one-line doc of a function or namespace
        dir(x)                 names available on x
        x?, ?x                 help(x) in the pager (a notebook's); x?? adds a function's code

        Line magics (one line; also usable in scripts):
          %time STMT           run STMT once; print CPU and wall times (and its value)
          %timeit [-n N] [-r R] [-q] [-o] [-p P] STMT
                               time STMT: R runs (default 7) of N loops (default: the
                               first power of 10 lasting >= 0.2 s); prints mean ± std
          %explain EXPR        how the lazy value of EXPR becomes tasks (as explain(x))
          %pinfo NAME          help(NAME) in the pager (NAME?); %pinfo2 also shows code
          %who [TYPE ...]      names of your variables (optionally only of these types)
          %whos                your variables with their types and values
          %reset [-f]          delete your variables (-f: without asking)
          %run FILE            run a .dsk file; its variables join the session
          %load FILE           show a file's code, then run it as a cell
          %history [-n] [N]    the cells typed in this session, numbered (last N)
          %quickref, %help     this text
          %magic               the list of magics

        Cell magics (first line of a cell; the cell ends at a blank line):
          %%time               time the whole cell once
          %%timeit [options]   like %timeit, for the whole cell

        Keys:
          Tab                  complete names, keywords, np./da./x. members, keyword=
          Up/Down, Ctrl-R      history (kept in ~/.dusk_history)
          Ctrl-C               abandon the line, or stop running code
          Ctrl-D               exit (on an empty line)

        In programs: timeit(lambda: f(x), number=10) returns seconds (a float);
        timeit(stmt, number=10, repeat=3) or timeit.repeat(...) returns a list.
        """

    /// The magics by kind, for `%magic`.
    static func magicList(line: [String], cell: [String]) -> String {
        "Available line magics:\n"
            + line.sorted().map { "%" + $0 }.joined(separator: "  ")
            + "\n\nAvailable cell magics:\n"
            + cell.sorted().map { "%%" + $0 }.joined(separator: "  ")
            + "\n"
    }
}
