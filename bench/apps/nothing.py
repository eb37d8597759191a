"""An empty program: run_apps.py times it through launch.py like the others, so
that the fixed cost of a process (the interpreter's start, and with
`import pyunbox.auto` the import of the package) is measured apart from the
programs' work."""
