"""Labels: one source of truth, and errors that suggest the right one."""

import pytest

from models.labels import LABELS, check_label


def test_the_label_order_is_the_matrix_order() -> None:
    assert LABELS == ("open", "hostile", "neutral")


def test_labels_are_normalised() -> None:
    assert check_label(" Hostile\n") == "hostile"


def test_a_near_miss_is_named() -> None:
    with pytest.raises(ValueError, match="did you mean 'open'"):
        check_label("opn", where="gold.tsv:7")
    with pytest.raises(ValueError, match=r"gold\.tsv:7"):
        check_label("positive", where="gold.tsv:7")
