#!/usr/bin/python3
"""Sum JUnit XML reports into the closing line of scripts/test.sh.

Usage: count_results.py SUITE=FILE.xml[:RC] ...

A missing report counts as one failure, and so does a suite that exited with a
non-zero RC without a failing case (it crashed, or found nothing to run): the
closing line must never say "0 failed" for a run that failed.

ctest's report has one case per GoogleTest test but only one for all of lit, so
when a lit report is given too, ctest's "lit" case is replaced by lit's cases.
Prints one line per suite, then exactly "N passed, N failed" last.
"""
import sys
import xml.etree.ElementTree as ET


def outcomes(path):
    """Yield (name, outcome) for every testcase; outcome in passed/failed/skipped."""
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            yield case.get("name"), "failed"
        elif case.find("skipped") is not None or case.get("status") == "notrun":
            yield case.get("name"), "skipped"
        else:
            yield case.get("name"), "passed"


def main(args):
    reports, rcs = {}, {}
    for arg in args:
        suite, spec = arg.split("=", 1)
        path, _, rc = spec.partition(":")
        reports[suite], rcs[suite] = path, int(rc or 0)
    total = {"passed": 0, "failed": 0, "skipped": 0}
    for suite, path in reports.items():
        count = {"passed": 0, "failed": 0, "skipped": 0}
        delegated_failure = False  # ctest's lit case failed: lit's report counts it
        try:
            for name, outcome in outcomes(path):
                if suite == "ctest" and name == "lit" and "lit" in reports:
                    delegated_failure = outcome == "failed"
                    continue  # counted test by test from lit's own report
                count[outcome] += 1
        except (OSError, ET.ParseError) as e:
            print(f"{suite}: no usable report ({e}); counted as 1 failure")
            count["failed"] += 1
        if rcs[suite] and not count["failed"] and not delegated_failure:
            print(f"{suite}: exited with {rcs[suite]} but no case failed; counted as 1 failure")
            count["failed"] += 1
        label = "gtest (ctest)" if suite == "ctest" else suite
        print(f"  {label}: {count['passed']} passed, {count['failed']} failed, "
              f"{count['skipped']} skipped")
        for k in total:
            total[k] += count[k]
    print(f"{total['passed']} passed, {total['failed']} failed")
    return 1 if total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
