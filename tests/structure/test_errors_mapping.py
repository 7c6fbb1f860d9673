"""knowledge's errors reach drafter's callers as drafter's error tree, mapped in one place."""

from __future__ import annotations

import inspect

import pytest

from drafter import errors as derr
from knowledge import errors as kerr

KNOWLEDGE_ERRORS = [
    c
    for _, c in inspect.getmembers(kerr, inspect.isclass)
    if issubclass(c, kerr.KnowledgeError) and c is not kerr.KnowledgeError
]


@pytest.mark.parametrize("cls", KNOWLEDGE_ERRORS, ids=lambda c: c.__name__)
def test_each_knowledge_error_becomes_drafters_error_of_the_same_name(cls):
    mapped = derr.from_knowledge(cls("нет файла", path="a.txt"))
    assert type(mapped) is getattr(derr, cls.__name__)
    assert mapped.message == "нет файла" and mapped.details == {"path": "a.txt"}


def test_a_subclass_knowledge_adds_later_maps_to_its_nearest_mapped_parent():
    class ChunkTooLong(kerr.InvalidInput):
        pass

    assert type(derr.from_knowledge(ChunkTooLong("x"))) is derr.InvalidInput


def test_the_seam_raises_drafters_error_with_the_original_as_its_cause():
    original = kerr.VectorStoreUnavailable("chroma не отвечает")
    with pytest.raises(derr.VectorStoreUnavailable) as caught, derr.knowledge_errors():
        raise original
    assert caught.value.status == 503 and caught.value.__cause__ is original


def test_the_seam_lets_drafters_own_errors_and_other_exceptions_through():
    with pytest.raises(derr.NotFound), derr.knowledge_errors():
        raise derr.NotFound("нет")
    with pytest.raises(KeyError), derr.knowledge_errors():
        raise KeyError("x")
