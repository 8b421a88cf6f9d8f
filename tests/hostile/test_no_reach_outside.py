"""A build reads nothing outside the workspace and the installed software, whatever
the notes say (paths, links, images); and it fetches nothing. The build is the sealed
one (tests/sealed.py), shared with tests/test_build_costs.py."""

import re
import sys
import sysconfig
from pathlib import Path

from tests.conftest import REPOSITORY
from tests.sealed import Sealed


def _allowed_roots(sealed: Sealed) -> tuple[str, ...]:
    paths = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    return tuple(str(Path(p).resolve()) for p in (
        sealed.root, REPOSITORY / "pipeline", REPOSITORY / "templates", sys.prefix,
        sys.base_prefix, REPOSITORY / "geography",  # the official geography's data (npm)
        *paths, "/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts",
        "/var/cache/fontconfig", "/usr/share/zoneinfo", "/dev/null", "/usr/lib", "/lib",
        "/etc/ssl", "/etc/mime.types",
        # its own HOME, XDG folders (left empty: tests/test_build_costs.py) and TMPDIR
        *sealed.homes.values(),
    ))


def test_a_build_opens_nothing_outside(built_sealed: Sealed):
    root, secret, opened = built_sealed.root, built_sealed.secret, built_sealed.opened
    allowed = _allowed_roots(built_sealed)
    outside = [p for p in opened if not p.startswith("socket:")
               and not str(Path(p).resolve()).startswith(allowed)
               and not p.startswith(str(built_sealed.record))
               # the shared LibreOffice's end is awaited on each process's state, and the
               # memory budget counts the building process' own size: read-only
               and not re.fullmatch(r"/proc/(\d+/stat|self/statm)", p)]
    assert outside == [], sorted(set(outside))[:40]
    assert not [p for p in opened if str(secret) in str(Path(p).resolve())]
    assert not [p for p in opened if p.startswith("socket:")]
    for kind in ("docx", "html"):
        data = (root / f"build/vie-locale/vie-locale.{kind}").read_bytes()
        assert b"127.0.0.1" not in data or kind == "html"  # an image URL is never fetched
    html = (root / "build/vie-locale/vie-locale.html").read_text(encoding="utf-8")
    assert str(secret) not in html
