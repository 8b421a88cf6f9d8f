from datetime import date

import pytest

from pipeline.typography import NBSP, NNBSP, french_ast, french_date, french_text


@pytest.mark.parametrize(("typed", "expected"), [
    ("Pourquoi ? Parce que ! Ainsi ; enfin : fin.",
     f"Pourquoi{NNBSP}? Parce que{NNBSP}! Ainsi{NNBSP}; enfin{NBSP}: fin."),
    ("Pourquoi? Ainsi;", f"Pourquoi{NNBSP}? Ainsi{NNBSP};"),
    ("«citation»", f"«{NBSP}citation{NBSP}»"),
    ("« citation »", f"«{NBSP}citation{NBSP}»"),
    ('un "mot" ici', f"un «{NBSP}mot{NBSP}» ici"),
    ("62 % et 12%", f"62{NBSP}% et 12{NBSP}%"),
    ("30 000 habitants", f"30{NNBSP}000 habitants"),
    ("1 250 000 euros", f"1{NNBSP}250{NNBSP}000 euros"),
    ("en 2022 120 personnes", "en 2022 120 personnes"),
    ("la 8ème édition, la 1ère fois", "la 8e édition, la 1re fois"),
    ("l'école", "l’école"),
    ("et puis... voilà", "et puis… voilà"),
    ("https://www.oriv.org/page?id=3 à 14:30", "https://www.oriv.org/page?id=3 à 14:30"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
])
def test_french_text(typed, expected):
    assert french_text(typed) == expected


def test_french_text_is_stable():
    once = french_text("Note : « a » ; 30 000 ! l'été...")
    assert french_text(once) == once


def test_french_date():
    assert french_date(date(2024, 3, 12)) == f"12{NBSP}mars 2024"
    assert french_date(date(2024, 6, 1)) == f"1er{NBSP}juin 2024"


def _str(text):
    return {"t": "Str", "c": text}


def test_ast_runs_keep_code_and_link_targets_and_make_ordinals_superscript():
    para = {"t": "Para", "c": [
        _str("Le"), {"t": "Space"}, _str("XIXe"), {"t": "Space"}, _str("siècle"),
        {"t": "Space"}, _str(":"), {"t": "Space"},
        {"t": "Code", "c": [["", [], []], "a : b"]}, {"t": "Space"},
        {"t": "Link", "c": [["", [], []], [_str("lien")], ["http://x.fr/?a=b", ""]]},
        {"t": "Strong", "c": [_str("Attention")]}, {"t": "Space"}, _str("!"),
        {"t": "Space"}, {"t": "Quoted", "c": [{"t": "DoubleQuote"}, [_str("cité")]]},
    ]}
    out = french_ast({"blocks": [para]})["blocks"][0]["c"]
    assert out[2] == _str("XIX") and out[3] == {"t": "Superscript", "c": [_str("e")]}
    assert _str(f"siècle{NBSP}:") in out
    assert {"t": "Code", "c": [["", [], []], "a : b"]} in out
    assert next(i for i in out if i["t"] == "Link")["c"][2] == ["http://x.fr/?a=b", ""]
    assert out[out.index({"t": "Strong", "c": [_str("Attention")]}) + 1] == _str(f"{NNBSP}!")
    assert out[-1] == _str(f"«{NBSP}cité{NBSP}»")
