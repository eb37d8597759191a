"""Helpers shared by the e2e suite (test/e2e), the package tests (test/python,
also under PyPy), the corpus tool (scripts/corpus) and the benchmarks (bench/):

    paths     where the repository, the build, the plugin and the tools are
    build     compile an extension with or without the plugin, load it, dump its records
    cores     call a core through ctypes as its record says; compare it with its wrapper
    kinds     the C types of cores: ctypes, ranges, edge values, hypothesis strategies
    outcome   what a call did, compared exactly
    remarks   the plugin's remarks, read from clang's optimization record (YAML)

A script puts this directory (test/support) on sys.path and imports
pyunbox_testkit.<module>; `paths`, once imported, puts the pyunbox package
(runtime/python) on sys.path, where the record format comes from. hypothesis
and PyYAML are imported where they are used, so PyPy, which has neither here,
can use the rest.
"""
