import pytest

from pipeline.yamlread import YamlReadError, read_yaml


def test_values_keep_their_line():
    data = read_yaml("titre: Une note\nauteurs:\n  - A\n  - B\n", first_line=2)
    assert data.value["titre"].line == 2
    assert [a.line for a in data.value["auteurs"].value] == [4, 5]


def test_yaml_1_2_semantics_keep_yes_and_no_as_text():
    data = read_yaml("statut: yes\nvaleur: no\n")
    assert data.value["statut"].value == "yes"
    assert data.value["statut"].tag == "str"


def test_duplicate_key_is_an_error_at_its_line():
    with pytest.raises(YamlReadError) as error:
        read_yaml("titre: A\ncrpv: oriv\ntitre: B\n", first_line=2)
    assert error.value.line == 4
    assert "« titre » en double" in error.value.message


def test_syntax_error_points_at_its_line():
    with pytest.raises(YamlReadError) as error:
        read_yaml("titre: A\nauteurs: [A\ncrpv: oriv\n", first_line=2)
    assert error.value.line in (3, 4)


def test_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        previous, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(YamlReadError, match="alias"):
        read_yaml("\n".join(lines))


@pytest.mark.parametrize("tagged", ["!!python/object/apply:os.system [echo non]",
                                    "!include /etc/passwd", "!!binary aGVsbG8="])
def test_tags_other_than_plain_data_are_refused(tagged):
    with pytest.raises(YamlReadError, match="étiquette YAML") as error:
        read_yaml(f"titre: {tagged}\n", first_line=2)
    assert error.value.line == 2
