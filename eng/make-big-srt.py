#!/usr/bin/env python3
"""Writes the ~20 MiB SRT used by docs/benchmarks.md ("Whole run on a 20 MiB SRT").

Cues of samples/podcast-transcript.srt, repeated in random order (fixed seed) with their numbers varied, speakers
rotated and timestamps renumbered to run on, until the file reaches the target size.
Usage: eng/make-big-srt.py OUT.srt [BYTES]   (default 20,971,392 bytes)
"""
import random
import re
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "podcast-transcript.srt"
SPEAKER = re.compile(r"^([A-Z][a-z]+ [A-Z][a-z]+): ")


def cues(text):
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        yield " ".join(lines[2:])


def stamp(ms):
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02}:{m:02}:{s:02},{ms:03}"


def main():
    out = Path(sys.argv[1])
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 20_971_392
    texts = list(cues(SAMPLE.read_text(encoding="utf-8")))
    speakers = sorted({m.group(1) for t in texts if (m := SPEAKER.match(t))})
    rng = random.Random(14)
    clock, number, written = 0, 0, 0
    with out.open("w", encoding="utf-8", newline="\n") as f:
        while written < target:
            text = rng.choice(texts)
            text = re.sub(r"\d+", lambda d: str(rng.randint(1, 10 ** len(d.group(0)) - 1)), text)
            text = SPEAKER.sub(lambda _: rng.choice(speakers) + ": ", text)
            duration = 1000 + 60 * len(text.split())
            number += 1
            cue = f"{number}\n{stamp(clock)} --> {stamp(clock + duration)}\n{text}\n\n"
            clock += duration + 150
            f.write(cue)
            written += len(cue.encode("utf-8"))
    print(f"{out}: {written:,} bytes, {number:,} cues", file=sys.stderr)


if __name__ == "__main__":
    main()
