import DuskSyntax
