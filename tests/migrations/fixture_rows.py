"""The explicit rows behind every migration fixture: a small, realistic civic database.

Rows are written for the *current head* schema. `rows_for_schema(columns)` keeps the
tables and columns that exist in an older schema, drops rows that only make sense with
a later table (key "_needs"), and recomputes the counters from the rows kept, so the data
is what a database at that revision could have held. Every value is fixed (no clock, no
random): the generated fixture files are stable.

When a migration adds a table or a column, add rows / values here (with realistic French
text), then run `python -m tests.migrations.make_fixture` (see that module).
"""
from __future__ import annotations

from collections import Counter


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> str:
    """A fixed UTC timestamp in 2026 (ISO 8601)."""
    return f"2026-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+00:00"


HASH = "scrypt:32768:8:1$fixture$not-a-real-password-hash"

# Values for the NOT NULL columns a row does not spell out.
DEFAULTS: dict[str, dict] = {
    "users": {"bio": "", "locale": "fr", "email_frequency": "immediate", "password_hash": HASH,
              "block_reason": "", "moderation": "visible", "hidden_reason": ""},
    "plan_sections": {"summary": "", "body": "", "objectives": "", "indicators": ""},
    "organizations": {"description": "", "website": ""},
    "organization_join_requests": {"message": ""},
    "mail_outbox": {"attempts": 0, "last_error": "", "unsubscribe_url": ""},
    "audit_log": {"reason": ""},
    "proposals": {"kind": "idea", "address": "", "answer": "", "moderation": "visible",
                  "hidden_reason": ""},
    "proposal_status_changes": {"answer": "", "internal_note": ""},
    "notifications": {"data": {}},
    "comments": {"alignment": "neutral", "moderation": "visible", "hidden_reason": ""},
    "moderation_cases": {"decision_reason": ""},
    "reports": {"details": ""},
    "experiments": {"description": "", "stop_reason": "", "address": "",
                    "moderation": "visible", "hidden_reason": ""},
    "amendments": {"justification": "", "answer": "", "moderation": "visible",
                   "hidden_reason": ""},
    "plan_revision_sources": {"note": ""},
}


def _users():
    people = [
        (1, "helene.dupre@toulouse-metropole.example.fr", "Hélène Dupré-Lefèvre"),
        (2, "theo.lemaitre@toulouse-metropole.example.fr", "Théo Lemaître"),
        (3, "zoe.moreau@exemple.fr", "Zoé Moreau"),
        (4, "francois+civic@exemple.fr", "François Lenôtre"),
        (5, "elodie.boeuf@exemple.fr", "Élodie Bœuf"),
        (6, "jerome.celik@exemple.fr", "Jérôme Çelik"),
        (7, "deleted-7@invalid.example", "Participant supprimé 7"),
    ]
    keys = {1: "helene dupre-lefevre", 2: "theo lemaitre", 3: "zoe moreau",
            4: "francois lenotre", 5: "elodie bœuf", 6: "jerome celik",
            7: "participant supprime 7"}
    rows = []
    for n, email, name in people:
        rows.append({"id": n, "email": email, "display_name": name,
                     "display_name_key": keys[n], "session_key": f"fixture-session-{n:04d}",
                     "email_confirmed_at": at(1 + n), "last_login_at": at(20 + n % 5, 18),
                     "created_at": at(1 + n, 8), "updated_at": at(10 + n, 8)})
    rows[0]["bio"] = "Cheffe de projet « Schéma directeur » au laboratoire des usages."
    rows[3].update(email_frequency="daily", last_digest_at=at(25, 6),
                   pending_email="f.lenotre+nouveau@exemple.fr")
    rows[4]["locale"] = "en"
    rows[5].update(blocked_at=at(24, 14), blocked_until=at(8, 14, month=12),
                   block_reason="Messages insultants répétés envers d'autres participants.",
                   moderation="hidden", hidden_reason="Profil au contenu injurieux.",
                   moderated_at=at(24, 14))
    rows[6].update(email_confirmed_at=None, last_login_at=None, deleted_at=at(22, 11),
                   password_hash=None, bio="")
    return rows


def _sections():
    s = [
        {"id": 1, "slug": "mobilites-douces", "parent_id": None, "position": 1,
         "title": "Mobilités douces", "summary": "Marcher et pédaler en sécurité partout.",
         "body": "La métropole s'engage à doubler la part du vélo d'ici 2030.",
         "objectives": "- 15 % des trajets à vélo\n- 100 km de pistes sécurisées",
         "indicators": "Part modale du vélo ; kilomètres aménagés"},
        {"id": 2, "slug": "transition-energetique", "parent_id": None, "position": 2,
         "title": "Transition énergétique", "summary": "Sobriété et énergies renouvelables.",
         "body": "Réduire de 40 % la consommation des bâtiments publics."},
        {"id": 3, "slug": "reseau-express-velo", "parent_id": 1, "position": 1,
         "title": "Réseau express vélo", "summary": "Neuf lignes cyclables structurantes.",
         "body": "Des pistes larges, continues et éclairées, reliant les communes.",
         "campaign_opens_at": at(1), "campaign_closes_at": at(31, 23, 59, month=12),
         "support_threshold": 3},
        {"id": 4, "slug": "rues-scolaires", "parent_id": 1, "position": 2,
         "title": "Rues scolaires apaisées", "summary": "Moins de voitures devant les écoles.",
         "body": "Fermer la rue à la circulation aux heures d'entrée et de sortie."},
        {"id": 5, "slug": "renovation-ecoles", "parent_id": 2, "position": 1,
         "title": "Rénovation thermique des écoles",
         "summary": "Isoler les écoles construites avant 1975.",
         "body": "Priorité aux groupes scolaires les plus énergivores."},
    ]
    for row in s:
        row.update(created_at=at(2, 10), updated_at=at(15, 10))
    return s


def _proposals():
    spec = [  # id, status, theme, author, title, kind
        (1, "draft", 3, 5, "Un parking à vélos sécurisé à la gare Matabiau", "idea"),
        (2, "published", 3, 4, "Des arceaux à vélos devant chaque école", "idea"),
        (3, "under_review", 4, 5, "Fermer la rue de l'école Jules-Ferry à 8 h 20", "idea"),
        (4, "accepted", 3, 4, "Une piste cyclable éclairée sur les allées Jean-Jaurès", "idea"),
        (5, "rejected", 5, 6, "Chauffer les écoles au bois de récupération", "idea"),
        (6, "experimenting", 4, 5, "Tester une rue scolaire végétalisée à Bagatelle",
         "experiment"),
        (7, "integrated", 3, 4, "Des vélos-cargos partagés pour les familles", "idea"),
        (8, "withdrawn", 5, 7, "Éteindre l'éclairage des écoles la nuit", "idea"),
    ]
    rows = []
    for n, status, theme, author, title, kind in spec:
        published = status != "draft"
        rows.append({
            "id": n, "reference": f"P-2026-{n - 1:04d}" if published else None,
            "title": title, "kind": kind, "status": status, "theme_id": theme,
            "author_id": author,
            "body": f"{title}. Les vélos et les piétons y gagneraient ; les élèves aussi. "
                    "Proposition n° {n} : coût estimé à 12 000 €.".replace("{n}", str(n)),
            "organization_id": 1 if n in (2, 7) else None,
            "address": "Allées Jean-Jaurès, 31000 Toulouse" if n in (2, 4) else "",
            "latitude": 43.6072 if n in (2, 4) else None,
            "longitude": 1.4493 if n in (2, 4) else None,
            "published_at": at(5 + n, 14) if published else None,
            "edited_at": at(6 + n, 9) if n == 2 else None,
            "answered_at": at(18, 16) if status in ("accepted", "rejected", "integrated")
            else None,
            "answer": {"accepted": "Retenue : les travaux commencent au printemps.",
                       "rejected": "Non retenue : la filière bois locale ne suffit pas.",
                       "integrated": "Intégrée au schéma directeur (v2)."}.get(status, ""),
            "threshold_reached_at": at(16, 12) if n in (2, 4) else None,
            "withdrawn_at": at(19, 10) if status == "withdrawn" else None,
            "random_key": 104_729 * n % 2_147_483_647,
            "created_at": at(4 + n, 11), "updated_at": at(18, 17),
        })
    rows[4].update(moderation="hidden", hidden_reason="Contenu hors charte.",
                   moderated_at=at(21, 10))
    return rows


def _comments():
    c = [  # id, target, parent, depth, author, body, extra
        (1, ("proposal", 2), None, 1, 5, "Oui ! Mes enfants vont à l'école à vélo.", {}),
        (2, ("proposal", 2), 1, 2, 4, "Merci Élodie, on compte sur votre soutien.",
         {"organization_id": 1, "alignment": "for"}),
        (3, ("proposal", 2), 2, 3, 2, "Le service voirie étudie les emplacements.", {}),
        (4, ("proposal", 2), None, 1, 6, "Propos injurieux retirés par la modération.",
         {"moderation": "hidden", "hidden_reason": "Insulte.", "moderated_at": at(24, 13),
          "alignment": "against"}),
        (5, ("proposal", 4), None, 1, 5, "", {"deleted_at": at(20, 8)}),
        (6, ("section", 3), None, 1, 4, "Pensez aux liaisons entre Blagnac et Colomiers.",
         {"alignment": "for"}),
        (7, ("proposal", 4), None, 1, 6, "Premier message : en attente de validation.",
         {"moderation": "pending"}),
        (8, ("experiment", 2), None, 1, 5, "L'expérience est concluante côté parents.",
         {"_needs": "experiments"}),
        (9, ("amendment", 1), None, 1, 4, "Amendement bienvenu, précis et chiffré.",
         {"_needs": "amendments"}),
    ]
    rows = []
    for n, (ttype, tid), parent, depth, author, body, extra in c:
        row = {"id": n, "target_type": ttype, "target_id": tid, "parent_id": parent,
               "depth": depth, "author_id": author, "body": body, "upvotes": 0,
               "downvotes": 0, "created_at": at(19 + n % 5, 10 + n),
               "edited_at": at(19 + n % 5, 11 + n) if n == 2 else None}
        row.update(extra)
        rows.append(row)
    return rows


def all_rows() -> dict[str, list[dict]]:
    """Every row, for the head schema (counters are filled by rows_for_schema)."""
    users = _users()
    return {
        "users": users,
        "user_roles": [
            {"user_id": 1, "role": "admin", "granted_at": at(2), "granted_by_id": None},
            {"user_id": 1, "role": "staff", "granted_at": at(2), "granted_by_id": None},
            {"user_id": 2, "role": "staff", "granted_at": at(3), "granted_by_id": 1},
            {"user_id": 3, "role": "moderator", "granted_at": at(4), "granted_by_id": 1}],
        "stored_files": [
            {"id": 1, "key": "0f" * 16, "original_name": "logo vélo-cité.png",
             "content_type": "image/png", "size": 2048, "sha256": "a1" * 32, "width": 64,
             "height": 64, "owner_id": 4, "purpose": "organization-logo",
             "created_at": at(6), "updated_at": at(6)},
            {"id": 2, "key": "1e" * 16, "original_name": "plan des arceaux (école).pdf",
             "content_type": "application/pdf", "size": 40960, "sha256": "b2" * 32,
             "width": None, "height": None, "owner_id": 4, "purpose": "proposal_attachment",
             "created_at": at(7), "updated_at": at(7)}],
        "plan_sections": _sections(),
        "audit_log": [
            {"id": 1, "created_at": at(3), "actor_id": 1, "action": "role.grant",
             "target_type": "user", "target_id": 2, "target_label": "Théo Lemaître",
             "before": {"roles": []}, "after": {"roles": ["staff"]}},
            {"id": 2, "created_at": at(8), "actor_id": 2, "action": "organization.verify",
             "target_type": "organization", "target_id": 1,
             "target_label": "Vélo-Cité Métropole", "reason": "SIRET vérifié.",
             "before": None, "after": {"verified": True}}],
        "mail_outbox": [
            {"id": 1, "created_at": at(5), "recipient_id": 4, "to_address": users[3]["email"],
             "kind": "account.confirm", "subject": "Confirmez votre adresse électronique",
             "body_text": "Bonjour François,\n\nCliquez sur le lien…", "status": "sent",
             "attempts": 1, "claimed_at": at(5), "sent_at": at(5)},
            {"id": 2, "created_at": at(26), "recipient_id": 5, "to_address": users[4]["email"],
             "kind": "notifications.digest", "subject": "Ce qui a changé cette semaine",
             "body_text": "Bonjour Élodie,\n\n2 nouveautés.", "status": "failed",
             "attempts": 3, "last_error": "SMTP 451 : réessayez plus tard",
             "unsubscribe_url": "https://civic.example/notifications/unsubscribe/x"}],
        "organizations": [
            {"id": 1, "slug": "velo-cite-metropole", "name": "Vélo-Cité Métropole",
             "kind": "association", "description": "Association d'usagers du vélo.",
             "website": "https://velo-cite.example", "logo_id": 1, "created_by_id": 4,
             "verified_at": at(8), "verified_by_id": 2,
             "created_at": at(6), "updated_at": at(8)},
            {"id": 2, "slug": "lab-energie", "name": "Lab'Énergie SAS", "kind": "startup",
             "created_by_id": 6, "created_at": at(9), "updated_at": at(9)}],
        "organization_members": [
            {"id": 1, "organization_id": 1, "user_id": 4, "role": "owner", "created_at": at(6)},
            {"id": 2, "organization_id": 1, "user_id": 5, "role": "member",
             "created_at": at(10)},
            {"id": 3, "organization_id": 2, "user_id": 6, "role": "owner", "created_at": at(9)}],
        "organization_invitations": [
            {"id": 1, "organization_id": 1, "email": "camille.roux@exemple.fr",
             "role": "member", "invited_by_id": 4, "created_at": at(11)},
            {"id": 2, "organization_id": 1, "email": users[4]["email"], "role": "member",
             "invited_by_id": 4, "created_at": at(9), "accepted_at": at(10),
             "accepted_by_id": 5}],
        "organization_join_requests": [
            {"id": 1, "organization_id": 2, "user_id": 5, "message": "Je suis thermicienne.",
             "status": "pending", "created_at": at(12)},
            {"id": 2, "organization_id": 1, "user_id": 6, "status": "rejected",
             "created_at": at(12), "decided_at": at(13), "decided_by_id": 4}],
        "proposals": _proposals(),
        "proposal_attachments": [{"id": 1, "proposal_id": 2, "file_id": 2, "position": 0}],
        "proposal_status_changes": [
            {"id": n, "proposal_id": p, "actor_id": 2, "from_status": f, "to_status": t,
             "answer": a, "internal_note": note, "created_at": at(17, 9 + n)}
            for n, p, f, t, a, note in [
                (1, 3, "published", "under_review", "", "Voir avec la mairie de quartier."),
                (2, 4, "under_review", "accepted", "Retenue : travaux au printemps.", ""),
                (3, 5, "published", "rejected", "Non retenue.", "Filière bois absente."),
                (4, 6, "accepted", "experimenting", "", ""),
                (5, 7, "accepted", "integrated", "Intégrée au schéma directeur (v2).", "")]],
        "proposal_supports": [
            {"id": n, "proposal_id": p, "user_id": u, "created_at": at(12, 8 + n)}
            for n, (p, u) in enumerate([(2, 1), (2, 3), (2, 5), (2, 6), (4, 5), (4, 6),
                                        (4, 2), (6, 4), (7, 5), (3, 4)], start=1)],
        "follows": [
            {"id": n, "user_id": u, "target_type": t, "target_id": i, "created_at": at(13, n),
             **extra}
            for n, (u, t, i, extra) in enumerate([
                (4, "proposal", 2, {}), (5, "proposal", 2, {}), (5, "proposal", 3, {}),
                (4, "proposal", 4, {}), (6, "section", 3, {}),
                (5, "experiment", 2, {"_needs": "experiments"}),
                (4, "amendment", 1, {"_needs": "amendments"})], start=1)],
        "notifications": [
            {"id": 1, "user_id": 4, "kind": "proposal.status", "target_type": "proposal",
             "target_id": 4, "actor_id": 2, "created_at": at(17, 10),
             "data": {"title": "Une piste cyclable éclairée sur les allées Jean-Jaurès",
                      "to_status": "accepted"}, "read_at": at(17, 20),
             "emailed_at": at(18, 6)},
            {"id": 2, "user_id": 5, "kind": "proposal.answered", "target_type": "proposal",
             "target_id": 3, "actor_id": 2, "created_at": at(17, 11),
             "data": {"title": "Fermer la rue de l'école Jules-Ferry à 8 h 20"}},
            {"id": 3, "user_id": 5, "kind": "comment.reply", "target_type": "comment",
             "target_id": 2, "actor_id": 4, "created_at": at(21, 11),
             "data": {"title": "Des arceaux à vélos devant chaque école"}, "_needs": "comments"},
            {"id": 4, "user_id": 6, "kind": "account.blocked", "target_type": "",
             "target_id": None, "actor_id": 3, "created_at": at(24, 14),
             "data": {"reason": "Messages insultants.", "until": at(8, 14, month=12)},
             "_needs": "moderation_cases"}],
        "comments": _comments(),
        "comment_votes": [
            {"id": n, "comment_id": c, "user_id": u, "value": v, "created_at": at(22, n)}
            for n, (c, u, v) in enumerate([(1, 4, 1), (1, 2, 1), (1, 6, -1), (2, 5, 1),
                                           (6, 5, 1), (3, 6, -1)], start=1)],
        "moderation_cases": [
            {"id": 1, "target_type": "comment", "target_id": 4, "target_author_id": 6,
             "status": "hidden", "created_at": at(23, 9), "last_reported_at": at(23, 15),
             "decided_at": at(24, 13), "decided_by_id": 3, "decision_reason": "Insulte."},
            {"id": 2, "target_type": "proposal", "target_id": 3, "target_author_id": 5,
             "status": "reported", "created_at": at(23, 10), "last_reported_at": at(23, 10)},
            {"id": 3, "target_type": "proposal", "target_id": 5, "target_author_id": 6,
             "status": "hidden", "created_at": at(20, 10), "last_reported_at": at(20, 10),
             "decided_at": at(21, 10), "decided_by_id": 3,
             "decision_reason": "Contenu hors charte."},
            {"id": 4, "target_type": "comment", "target_id": 7, "target_author_id": 6,
             "status": "pending", "created_at": at(21, 16)}],
        "reports": [
            {"id": n, "case_id": c, "reporter_id": u, "reason": r, "details": d,
             "created_at": at(23, 8 + n)}
            for n, (c, u, r, d) in enumerate([
                (1, 4, "offensive", "Insulte envers Élodie."), (1, 5, "offensive", ""),
                (2, 6, "off_topic", "Ce n'est pas du ressort de la métropole."),
                (3, 4, "spam", "")], start=1)],
    } | _plan_rows()


def _plan_rows() -> dict[str, list[dict]]:
    from tests.migrations.fixture_plan import plan_rows

    return plan_rows(_sections())


COUNTERS = [  # table, counter column, rows counted, their key
    ("proposals", "supports_count", "proposal_supports", "proposal_id"),
    ("experiments", "supports_count", "experiment_supports", "experiment_id"),
    ("amendments", "supports_count", "amendment_supports", "amendment_id"),
    ("moderation_cases", "reports_count", "reports", "case_id"),
]
TARGETS = {"proposals": "proposal", "experiments": "experiment", "amendments": "amendment",
           "plan_sections": "section"}


def rows_for_schema(columns: dict[str, set[str]]) -> dict[str, list[dict]]:
    """The rows a database with these tables and columns could hold, counters exact."""
    data = {}
    for table, rows in all_rows().items():
        if table not in columns:
            continue
        kept = []
        for row in rows:
            if row.get("_needs", table) not in columns:
                continue
            row = {**DEFAULTS.get(table, {}), **row}
            kept.append({k: v for k, v in row.items() if k in columns[table]})
        data[table] = kept
    fill_counters(data, columns)
    return data


def fill_counters(data: dict[str, list[dict]], columns: dict[str, set[str]]) -> None:
    """Counters as the services keep them: supports, reports, followers, votes, and
    visible comments (a hidden, pending or deleted comment does not count)."""
    for table, column, source, key in COUNTERS:
        counts = Counter(r[key] for r in data.get(source, []))
        for row in data.get(table, []):
            row[column] = counts[row["id"]]
    visible = [c for c in data.get("comments", [])
               if c.get("moderation", "visible") == "visible" and c.get("deleted_at") is None]
    follows = data.get("follows", [])
    for table, target in TARGETS.items():
        comments = Counter(c["target_id"] for c in visible if c["target_type"] == target)
        followers = Counter(f["target_id"] for f in follows if f["target_type"] == target)
        for row in data.get(table, []):
            if "comments_count" in columns[table]:
                row["comments_count"] = comments[row["id"]]
            if "followers_count" in columns[table]:
                row["followers_count"] = followers[row["id"]]
    votes = data.get("comment_votes", [])
    for row in data.get("comments", []):
        row["upvotes"] = sum(1 for v in votes if v["comment_id"] == row["id"] and v["value"] > 0)
        row["downvotes"] = sum(1 for v in votes
                               if v["comment_id"] == row["id"] and v["value"] < 0)
