"""Expands an iCalendar file with python-recurring-ical-events, for Bearing's interop tests.

    python3 expand_ics.py FILE FROM TO
    python3 expand_ics.py --batch < "FILE FROM TO" lines

prints one JSON object per line for each occurrence that starts in [FROM, TO) (dates
YYYY-MM-DD) and is not cancelled: its UID, SUMMARY, and start and end, date-times in UTC as YYYY-MM-DDTHH:MM:SS
(floating times as written) and dates as YYYY-MM-DD. Exit code 3: a library is missing; 4: the library cannot read the file.
With --batch (one Python start for many files: importing the libraries takes most of the time),
each file's lines follow a line `== FILE`, and a file the library cannot read is a line `!! FILE`.
"""

import datetime
import json
import sys

try:
    import icalendar
    import recurring_ical_events
except ImportError as missing:
    print(f"missing Python library: {missing.name}", file=sys.stderr)
    sys.exit(3)


def text(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.strftime("%Y-%m-%d")


class Unreadable(Exception):
    pass


def expand(path, start, end):
    with open(path, "rb") as f:
        try:
            calendar = icalendar.Calendar.from_ical(f.read())
        except ValueError as error:
            raise Unreadable(error)
    start = datetime.date.fromisoformat(start)
    end = datetime.date.fromisoformat(end)
    try:
        events = list(recurring_ical_events.of(calendar).between(start, end))
    except Exception as error:  # the library's own errors for files it cannot follow
        raise Unreadable(error)
    lines = []
    for event in events:
        # The library reports cancelled instances with their STATUS; calendars do not show them.
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begin = event["DTSTART"].dt
        finish = event["DTEND"].dt if "DTEND" in event else begin
        first = text(begin)[:10]
        if not start.isoformat() <= first < end.isoformat():
            continue
        lines.append(json.dumps({
            "uid": str(event.get("UID", "")),
            # Bearing shows a summary without its surrounding spaces, and none as "(no title)".
            "title": str(event.get("SUMMARY", "")).strip() or "(no title)",
            "start": text(begin),
            "end": text(finish),
        }))
    return lines


def main():
    if sys.argv[1:2] == ["--batch"]:
        for line in sys.stdin:
            path, start, end = line.rstrip("\n").rsplit(" ", 2)
            try:
                lines = expand(path, start, end)
            except Unreadable:
                print(f"!! {path}")
                continue
            print(f"== {path}")
            for line in lines:
                print(line)
        return
    path, start, end = sys.argv[1:4]
    try:
        for line in expand(path, start, end):
            print(line)
    except Unreadable as error:
        print(f"the library cannot read it: {error}", file=sys.stderr)
        sys.exit(4)


main()
