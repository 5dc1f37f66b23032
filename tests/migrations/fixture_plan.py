"""Fixture rows of the master plan's history, experiments and amendments (revision
68866ef9201f onwards): v1 and v2 published, a v3 draft, amendments in every status,
experiments in every status with partners, updates and an evaluation."""
from __future__ import annotations

from tests.migrations.fixture_rows import at

TEXT_COLUMNS = ("title", "summary", "body", "objectives", "indicators")
V1_BODY_OF_3 = "Des pistes larges et continues, reliant les communes."


def plan_rows(sections: list[dict]) -> dict[str, list[dict]]:
    """`sections` hold the current (v2) text; v1 differs in section 3, the draft in 4."""
    texts, number = [], 0
    for revision_id in (1, 2, 3):
        for section in sections:
            number += 1
            row = {"id": number, "revision_id": revision_id, "section_id": section["id"],
                   "parent_section_id": section["parent_id"], "position": section["position"],
                   "version": 1, "edited_by_id": None, "edited_at": None,
                   **{c: section.get(c, "") for c in TEXT_COLUMNS}}
            if revision_id == 1 and section["id"] == 3:
                row["body"] = V1_BODY_OF_3
            if revision_id == 3 and section["id"] == 4:
                row.update(body=section["body"] + " Les parents d'élèves sont associés.",
                           version=2, edited_by_id=2, edited_at=at(27, 15))
            texts.append(row)
    return {
        "plan_revisions": [
            {"id": 1, "number": 1, "status": "published",
             "summary": "Première version publiée du schéma directeur.", "based_on_id": None,
             "created_by_id": 1, "created_at": at(3), "published_by_id": 1,
             "published_at": at(4)},
            {"id": 2, "number": 2, "status": "published",
             "summary": "Intègre l'amendement « éclairage » et les vélos-cargos.",
             "based_on_id": 1, "created_by_id": 2, "created_at": at(18),
             "published_by_id": 1, "published_at": at(19)},
            {"id": 3, "number": None, "status": "draft", "summary": "Rues scolaires : révision.",
             "based_on_id": 2, "created_by_id": 2, "created_at": at(27),
             "published_by_id": None, "published_at": None}],
        "plan_revision_sections": texts,
        "plan_revision_sources": [
            {"id": 1, "revision_id": 2, "section_id": 3, "source_type": "amendment",
             "source_id": 1, "note": "Éclairage des pistes.", "created_by_id": 2,
             "created_at": at(18, 10)},
            {"id": 2, "revision_id": 2, "section_id": 3, "source_type": "proposal",
             "source_id": 7, "created_by_id": 2, "created_at": at(18, 11)},
            {"id": 3, "revision_id": 3, "section_id": 4, "source_type": "experiment",
             "source_id": 3, "note": "Bilan de l'expérience Bagatelle.", "created_by_id": 2,
             "created_at": at(27, 16)}],
        "amendments": [
            {"id": n, "section_id": s, "base_revision_id": base, "title": title,
             "proposed_body": body, "justification": why, "author_id": author,
             "organization_id": org, "status": status, "answer": answer,
             "decided_by_id": 1 if answer else None, "decided_at": at(18, 9) if answer else None,
             "accepted_into_id": 2 if status == "accepted" else None,
             "created_at": at(10 + n, 12), "updated_at": at(18, 9)}
            for n, s, base, title, body, why, author, org, status, answer in [
                (1, 3, 1, "Éclairer les pistes la nuit", sections[2]["body"],
                 "Sécurité des cyclistes en hiver.", 4, 1, "accepted", "Intégré en v2."),
                (2, 4, 2, "Étendre aux collèges", "Fermer aussi les rues des collèges.",
                 "", 5, None, "pending", ""),
                (3, 5, 1, "Tout en géothermie", "Géothermie pour toutes les écoles.",
                 "Énergie locale.", 6, 2, "rejected", "Coût trop élevé."),
                (4, 5, 2, "Panneaux solaires", "Des panneaux sur les toits.", "", 5, None,
                 "withdrawn", "")]],
        "amendment_supports": [
            {"id": n, "amendment_id": a, "user_id": u, "created_at": at(14, n)}
            for n, (a, u) in enumerate([(1, 5), (1, 6), (2, 4)], start=1)],
        "experiments": [
            {"id": n, "title": title, "description": f"{title} : expérimentation sur six mois.",
             "theme_id": theme, "status": status, "stop_reason": stop,
             "address": "Place du Capitole, 31000 Toulouse" if n == 2 else "",
             "latitude": 43.6045 if n == 2 else None, "longitude": 1.4442 if n == 2 else None,
             "starts_on": f"2026-{5 + n:02d}-01", "ends_on": f"2027-{n:02d}-28",
             "budget_euros": 15_000 * n if n != 1 else None, "created_by_id": 2,
             "started_at": at(10) if status != "planned" else None,
             "evaluated_at": at(25) if status == "evaluated" else None,
             "stopped_at": at(26) if status == "stopped" else None,
             "created_at": at(9, 15), "updated_at": at(26)}
            for n, title, theme, status, stop in [
                (1, "Abris vélos sécurisés dans trois collèges", 3, "planned", ""),
                (2, "Rue scolaire végétalisée à Bagatelle", 4, "running", ""),
                (3, "Éclairage intelligent des pistes", 3, "evaluated", ""),
                (4, "Chaufferie bois mutualisée", 5, "stopped",
                 "Approvisionnement local insuffisant.")]],
        "experiment_partners": [
            {"id": 1, "experiment_id": 2, "organization_id": 1, "role": "lead", "position": 0},
            {"id": 2, "experiment_id": 2, "organization_id": 2, "role": "partner",
             "position": 1},
            {"id": 3, "experiment_id": 3, "organization_id": 2, "role": "lead", "position": 0}],
        "experiment_proposals": [{"experiment_id": 2, "proposal_id": 6},
                                 {"experiment_id": 3, "proposal_id": 4}],
        "experiment_supports": [
            {"id": n, "experiment_id": e, "user_id": u, "created_at": at(15, n)}
            for n, (e, u) in enumerate([(2, 4), (2, 5), (3, 5)], start=1)],
        "experiment_updates": [
            {"id": 1, "experiment_id": 2, "author_id": 2, "title": "Premiers bacs plantés",
             "body": "Les élèves ont planté des fraisiers et du thym.",
             "happened_on": "2026-11-12", "created_at": at(12, 17)}],
        "experiment_evaluations": [
            {"id": 1, "experiment_id": 3, "author_id": 2, "outcome": "adopt",
             "summary": "Moins d'énergie, autant de sécurité ressentie.",
             "lessons": "Prévoir la maintenance des capteurs.",
             "created_at": at(25), "updated_at": at(25)}],
        "evaluation_indicators": [
            {"id": 1, "evaluation_id": 1, "name": "Consommation électrique", "unit": "kWh/an",
             "target": 12000.0, "measured": 9850.5, "position": 0},
            {"id": 2, "evaluation_id": 1, "name": "Sentiment de sécurité", "unit": "%",
             "target": 80.0, "measured": None, "position": 1}],
    }
