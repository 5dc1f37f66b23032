"""One search corpus for both engines: the suite runs on SQLite and on PostgreSQL, and
the same queries must find the same proposals."""
from __future__ import annotations

from civic.extensions import db
from civic.proposals.queries import list_proposals, parse_list_args
from civic.search.index import index_proposal
from tests.factories import make_proposal

CORPUS = {
    "metro": ("Des stationnements vélos sécurisés près des stations de métro",
              "Des arceaux couverts et surveillés à chaque station."),
    "velo": ("Un vélo en libre-service électrique",
             "Des vélos électriques pour les côtes de la ville."),
    "bus": ("Bus à haut niveau de service",
            "Une ligne de bus rapide entre les quartiers nord et le centre."),
    "arbres": ("Planter des arbres dans les cours d'école",
               "Des îlots de fraîcheur pour les enfants pendant les canicules."),
    "capteurs": ("Capteurs de qualité de l'air",
                 "Mesurer la pollution près des écoles et publier les données ouvertes."),
    "parking": ("Parking relais",
                "Un stationnement gratuit en bout de ligne de métro pour les habitants."),
}

# query -> corpus keys it must find (order-free)
EXPECTED = {
    "velo": {"metro", "velo"},
    "Vélo": {"metro", "velo"},
    "VELOS": {"metro", "velo"},
    "velo metro": {"metro"},
    "stationnements": {"metro", "parking"},
    "stationnement metro": {"metro", "parking"},
    "arbre": {"arbres"},
    "écoles": {"arbres", "capteurs"},
    "donnees ouvertes": {"capteurs"},
    "canicule enfant": {"arbres"},
    "tramway": set(),
    "velo tramway": set(),
}


def build_corpus(**fields) -> dict:
    """Publish and index the corpus; returns key -> proposal."""
    proposals = {}
    for key, (title, body) in CORPUS.items():
        proposal = make_proposal(title=title, body=body, **fields)
        index_proposal(proposal)
        proposals[key] = proposal
    db.session.commit()
    return proposals


def make_indexed_proposal(**fields):
    proposal = make_proposal(**fields)
    index_proposal(proposal)
    db.session.commit()
    return proposal


def found(q: str, per_page: int = 50, page: int = 1):
    """The page of the public list for the search `q`: the path the site and API take
    (search index, drafts excluded, most recent first)."""
    filters, _ = parse_list_args({"q": q, "per_page": str(per_page), "page": str(page)})
    return list_proposals(filters)


def found_ids(q: str, per_page: int = 50, page: int = 1) -> list[int]:
    return [p.id for p in found(q, per_page, page).items]
