"""What a first user met on the command line (issue 20, item 10): commands printed
as they work, --aide, the bare command, ``guide | head``, and the messages of an
unknown centre, an empty list and an unclosed « [ »."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from pipeline.preview.server import NOTICE
from pipeline.run import COMMAND
from tests.conftest import REPOSITORY, plain_spaces, run, write_note

BARE = re.compile(r"(?<![/\w.])python3? -m pipeline")  # not after « .venv/bin/ »


def pipeline(*argv: str, **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *argv], capture_output=True,
                          text=True, cwd=REPOSITORY, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPOSITORY)}, **options)


def test_the_bare_command_lists_the_commands_in_french() -> None:
    done = pipeline()
    assert done.returncode == 2
    err = plain_spaces(done.stderr)
    for command in ("check", "build", "review", "envoi", "apercu", "guide"):
        assert re.search(rf"^\s+{command}\s+\S", err, re.M), command
    assert "vérifie toutes les notes" in err and "indiquez une commande" in err
    assert "required" not in err and "Traceback" not in err


def test_aide_is_help() -> None:
    for argv in (["--aide"], ["check", "--aide"], ["review", "--aide"]):
        done = pipeline(*argv)
        assert done.returncode == 0, done.stderr
        assert plain_spaces(done.stdout).startswith("usage : ") and done.stderr == ""
    assert "--aide" in pipeline("--aide").stdout


def test_guide_into_a_pipe_closed_early_says_nothing() -> None:
    """``guide | head -1``: head reads one line and goes; the rest has nowhere to go."""
    guide = subprocess.Popen([sys.executable, "-m", "pipeline", "guide"], cwd=REPOSITORY,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(REPOSITORY)})
    assert guide.stdout is not None and guide.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=guide.stdout, capture_output=True, check=True)
    guide.stdout.close()  # only head holds the pipe: it is closed once head is gone
    errors = guide.stderr.read().decode("utf-8")
    assert guide.wait(60) == 0
    assert head.stdout.startswith(b"| Champ |")
    assert errors == "", errors


def test_printed_commands_work_as_printed() -> None:
    """The dashboard's and the preview's hints: « make … » or the environment's own
    python, never a bare « python -m pipeline » (its packages are in .venv only)."""
    dashboard = (REPOSITORY / "templates/tableau-de-bord.html.j2").read_text(encoding="utf-8")
    hints = [line for line in dashboard.splitlines() if not line.lstrip().startswith("{#")]
    assert not any(BARE.search(line) for line in hints)
    assert "<code>make review</code>" in dashboard
    assert BARE.search(NOTICE) is None and f"<code>{COMMAND} build</code>" in NOTICE
    assert (REPOSITORY / COMMAND.split()[0]).is_file()  # it runs from the workspace


def test_messages_name_commands_that_work(workspace, capsys) -> None:
    root = workspace("petit")
    code, _, err = run(capsys, "envoi", "--workspace", str(root))
    assert code == 1 and "lancez « make »" in err and BARE.search(err) is None
    code, _, err = run(capsys, "review", "--workspace", str(root))
    assert code == 2 and f"{COMMAND} review FICHIER" in err and BARE.search(err) is None


def test_an_unknown_centre_says_how_to_add_one(workspace, capsys) -> None:
    root = workspace("petit")
    write_note(root, "alpha/centre.md", "titre: T\ncrpv: gamma\nauteurs: [A B]\n"
               "contribution: vie-locale\ndate: 2024-01-01\nstatut: valide")
    _, _, err = run(capsys, "check", "--workspace", str(root))
    line = next(x for x in err.splitlines() if x.startswith("sources/alpha/centre.md:3:"))
    assert "crpv « gamma » inconnu" in line and "contributions/reseau.yaml" in line
    assert "- id: mon-centre" in line and "nom: Mon centre" in line
    code, _, err = run(capsys, "new-note", "--crpv", "gamma", "--titre", "T",
                       "--contribution", "vie-locale", "--workspace", str(root))
    assert code != 0 and "contributions/reseau.yaml" in err


def test_an_empty_list_is_said_at_its_line(workspace, capsys) -> None:
    root = workspace("petit")
    write_note(root, "alpha/vide.md", "titre: T\ncrpv: alpha\nauteurs: []\n"
               "contribution: vie-locale\ndate: 2024-01-01\nstatut: valide")
    _, _, err = run(capsys, "check", "--workspace", str(root))
    mine = [x for x in err.splitlines() if x.startswith("sources/alpha/vide.md")
            and "auteurs" in x]
    assert len(mine) == 1 and "manquant" not in mine[0], mine  # said once, as empty
    assert mine[0].startswith("sources/alpha/vide.md:4: la liste des auteurs est vide")
    assert mine[0].endswith("[champ.vide]")


def test_an_unclosed_bracket_is_said_at_its_own_line(workspace, capsys) -> None:
    root = workspace("petit")
    write_note(root, "alpha/crochet.md", "titre: T\ncrpv: alpha\nauteurs: [A B, C D\n"
               "contribution: vie-locale\ndate: 2024-01-01\nstatut: valide")
    quote = write_note(root, "alpha/guillemet.md", "titre: \"T\ncrpv: alpha\nauteurs: [A]\n"
                       "contribution: vie-locale\ndate: 2024-01-01\nstatut: valide")
    _, _, err = run(capsys, "check", "--workspace", str(root))
    assert "sources/alpha/crochet.md:4: YAML illisible : liste entre [ ] mal fermée" in err
    assert f"sources/alpha/{quote.name}:2: YAML illisible : guillemets non refermés" in err

