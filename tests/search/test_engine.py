"""Search on whichever engine the suite runs on (SQLite FTS5 or PostgreSQL)."""
from __future__ import annotations

from pathlib import Path

import pytest

from civic import search
from civic.extensions import db
from civic.search.index import index_proposal, remove_proposal
from civic.search.text import normalize, query_terms
from tests.factories import make_proposal
from tests.search.corpus import EXPECTED, build_corpus, found, found_ids, make_indexed_proposal

ATTACKS = Path("/work/shared/data/attacks/sqli")


def _keys(corpus, ids):
    by_id = {p.id: key for key, p in corpus.items()}
    return {by_id[i] for i in ids if i in by_id}


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_corpus_gives_the_same_results_on_every_engine(query):
    corpus = build_corpus()
    ids = found_ids(query)
    assert _keys(corpus, ids) == EXPECTED[query]
    assert found(query).total == len(EXPECTED[query])


def test_normalization_folds_accents_case_stop_words_and_plurals():
    assert normalize("Des Stationnements VÉLOS sécurisés") == "stationnement velo securise"
    assert query_terms("le bus, les bus") == ["bus"]
    assert query_terms("  ") == []
    assert query_terms("de la") == []


def test_pagination_of_search_results():
    for n in range(5):
        make_indexed_proposal(title=f"Compost partagé numéro {n}")
    first = found_ids("compost", per_page=3, page=1)
    second = found_ids("compost", per_page=3, page=2)
    assert len(first) == 3 and len(second) == 2
    assert not set(first) & set(second)


def test_drafts_are_never_found():
    draft = make_proposal(title="Tyrolienne secrète au-dessus de la Garonne", status="draft")
    index_proposal(draft)  # a draft is taken out of the index, not added
    db.session.commit()
    assert found_ids("tyrolienne") == []
    assert list(db.session.scalars(search.matching_ids("tyrolienne"))) == []


def test_reindex_on_edit_and_remove():
    proposal = make_indexed_proposal(title="Des ruches sur les toits")
    assert found_ids("ruche") == [proposal.id]
    proposal.title = "Des nichoirs sur les toits"
    index_proposal(proposal)
    db.session.commit()
    assert found_ids("ruche") == []
    assert found_ids("nichoir") == [proposal.id]
    remove_proposal(proposal.id)
    db.session.commit()
    assert found_ids("nichoir") == []


def test_similar_proposals_rank_shared_words_and_exclude_one():
    corpus = build_corpus()
    make_indexed_proposal(title="Vélos cargo partagés", status="draft")
    similar = search.similar_proposals("Garage à vélos près du métro", "",
                                       exclude_id=corpus["velo"].id)
    assert similar and similar[0] == corpus["metro"]
    assert corpus["velo"] not in similar
    assert all(p.status != "draft" for p in similar)
    assert search.similar_proposals("", "") == []


@pytest.mark.parametrize("query", [
    '"', "'", "*", "^", "velo*", "NEAR(velo metro)", "velo AND", "OR", "NOT velo",
    "title:velo", "(", ")", "-velo", "velo:*", "a & b | !c", "\\", "\x00", "é" * 500,
])
def test_query_syntax_characters_are_plain_text(query):
    corpus = build_corpus()
    page = found(query)
    assert {p.id for p in page.items} <= {p.id for p in corpus.values()}
    assert page.total == len(page.items)


def test_attack_strings_never_break_the_search():
    build_corpus()
    files = sorted(ATTACKS.glob("*.txt"))
    assert files, "attack strings are missing"
    for path in files:
        for line in path.read_text(errors="replace").splitlines()[:200]:
            found_ids(line)
            search.similar_proposals(line, line)


def test_reindex_all_rebuilds_the_index_from_public_proposals():
    from civic.search.index import reindex_all

    kept = make_proposal(title="Nichoirs à mésanges")  # never indexed by the factory
    make_proposal(title="Nichoirs secrets", status="draft")
    assert found_ids("nichoir") == []
    assert reindex_all(batch_size=1) >= 1
    db.session.commit()
    assert found_ids("nichoir") == [kept.id]
    assert list(db.session.scalars(search.matching_ids("nichoir"))) == [kept.id]


def test_reindex_command(app):
    from civic.search.cli import reindex_search

    result = app.test_cli_runner().invoke(reindex_search)
    assert result.exit_code == 0 and "proposals indexed" in result.output
