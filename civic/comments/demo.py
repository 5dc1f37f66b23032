"""Demo debate: comments, replies, a mention and votes on the demo proposals.

Called by the demo seeder (civic/demo/) after proposals exist. Goes through the services,
so counts, notifications and follows are what real use would give.
"""
from __future__ import annotations

from civic.comments import services, votes
from civic.core.errors import DomainError

# (stance, text, replies [(stance, text)]) per proposal, in the order they were created.
DEBATES = [
    [("for", "Très bonne idée : à la sortie de l'école de mon fils, les bouchons du matin "
              "sont impressionnants. Avoir des **mesures publiques** aiderait à convaincre.",
      [("neutral", "Il faudrait aussi mesurer le bruit, pas seulement l'air."),
       ("for", "D'accord, et publier les données en temps réel sur data.toulouse-metropole.fr.")]),
     ("against", "Les capteurs bon marché sont peu fiables. Mieux vaut quelques stations "
                 "de référence bien placées.", [])],
    [("for", "Dans mon quartier l'éclairage reste allumé toute la nuit pour des rues vides.",
      [("against", "Attention au sentiment de sécurité, surtout pour les femmes qui rentrent "
                   "tard à pied.")])],
    [("neutral", "Qui entretiendrait les bancs ? Les prises USB se dégradent vite dehors.", [])],
    [("for", "Indispensable : je renonce souvent au vélo faute de savoir s'il reste une place.",
      [("for", "Les données existent déjà chez Tisséo, il suffit de les ouvrir.")])],
    [("for", "Un vote aussi en mairie annexe, pour ceux qui n'ont pas Internet : bravo.", [])],
    [("neutral", "Quels parcs pilotes ? La Prairie des Filtres est déjà très arrosée l'été.",
      [])],
]


def seed_comments(users, proposals) -> int:
    """Comment on `proposals` (in creation order); returns how many comments were made."""
    people = [u for u in users if u.is_confirmed and not u.is_deleted]
    if len(people) < 2:
        return 0
    made = 0
    for index, (proposal, debate) in enumerate(zip(proposals, DEBATES, strict=False)):
        for position, (stance, text, replies) in enumerate(debate):
            author = people[(index + position + 1) % len(people)]
            if author.id == proposal.author_id:
                author = people[(index + position + 2) % len(people)]
            try:
                comment = services.create_comment(author, proposal, text, stance)
            except DomainError:  # closed for comments (rejected, campaign over): skip it
                break
            made += 1
            for offset, (reply_stance, reply_text) in enumerate(replies, start=1):
                replier = people[(index + position + offset + 2) % len(people)]
                if replier.id == author.id:
                    continue
                services.create_comment(replier, proposal, reply_text, reply_stance,
                                        parent=comment)
                made += 1
                try:
                    votes.vote_comment(replier, comment, "up")
                except DomainError:
                    pass
    return made
