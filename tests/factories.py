"""Plain factory functions: each builds valid objects with sensible defaults."""
from __future__ import annotations

import itertools
from functools import lru_cache

from werkzeug.security import generate_password_hash

from civic.accounts.models import User, UserRole
from civic.core.models import utcnow
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Membership, Organization

DEFAULT_PASSWORD = "Un-mot-de-passe-solide-42"
_seq = itertools.count(1)


@lru_cache(maxsize=1)
def _default_hash() -> str:
    return generate_password_hash(DEFAULT_PASSWORD)


def make_user(*, email=None, display_name=None, roles=(), confirmed=True, locale="fr",
              password=None, **fields) -> User:
    from civic.accounts.services import fold_display_name

    n = next(_seq)
    display_name = display_name or f"Camille Test {n}"
    user = User(
        email=(email or f"user{n}@example.org").lower(),
        display_name=display_name,
        display_name_key=fold_display_name(display_name),
        password_hash=generate_password_hash(password) if password else _default_hash(),
        locale=locale,
        email_confirmed_at=utcnow() if confirmed else None,
        **fields,
    )
    db.session.add(user)
    for role in roles:
        user.roles.append(UserRole(role=role))
    db.session.commit()
    return user


def make_organization(*, owner=None, members=(), name=None, kind="startup", verified=False,
                      **fields) -> Organization:
    n = next(_seq)
    name = name or f"Organisation {n}"
    org = Organization(name=name, slug=f"organisation-{n}", kind=kind,
                       verified_at=utcnow() if verified else None, **fields)
    db.session.add(org)
    if owner is not None:
        org.memberships.append(Membership(user=owner, role="owner"))
    for member in members:
        org.memberships.append(Membership(user=member, role="member"))
    db.session.commit()
    return org


def make_section(*, title=None, parent=None, position=0, **fields) -> Section:
    n = next(_seq)
    section = Section(title=title or f"Axe {n}", slug=f"section-{n}", parent=parent,
                      position=position, **fields)
    db.session.add(section)
    db.session.commit()
    return section


def make_proposal(*, author=None, theme=None, status="published", title=None,
                  body="Une proposition pour mieux vivre la ville ensemble.", kind="idea",
                  **fields):
    """A proposal (published by default, with a reference) and its theme and author."""
    from civic.proposals.models import Proposal

    n = next(_seq)
    author = author or make_user()
    theme = theme or make_section()
    published = status != "draft"
    proposal = Proposal(
        title=title or f"Proposition {n}", body=body, kind=kind, status=status,
        author=author, theme=theme,
        reference=f"P-2026-9{n:05d}" if published else None,
        published_at=utcnow() if published else None, **fields,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def make_comment(*, target=None, author=None, body="Un commentaire constructif.",
                 alignment="neutral", parent=None, **fields):
    """A visible comment on `target` (a published proposal by default); the target's
    `comments_count` is kept exact as the comment service would."""
    from civic.comments.models import Comment
    from civic.core import content

    if parent is not None:
        target = content.load(parent.target_type, parent.target_id)
    elif target is None:
        target = make_proposal()
    target_type, target_id = content.name_of(target), target.id
    comment = Comment(target_type=target_type, target_id=target_id,
                      author=author or make_user(), body=body, alignment=alignment,
                      parent=parent, depth=(parent.depth + 1) if parent is not None else 1,
                      **fields)
    db.session.add(comment)
    if comment.moderation in (None, "visible") and hasattr(target, "comments_count"):
        target.comments_count = (target.comments_count or 0) + 1
    db.session.commit()
    return comment


def make_published_revision(*, summary="Première version", sections=None):
    """Publish the plan as it stands (every Section, or `sections`) as the next vN."""
    from sqlalchemy import func, select

    from civic.masterplan.models import PlanRevision, RevisionSection

    if sections is None:
        sections = list(db.session.scalars(select(Section).order_by(Section.id)))
    number = (db.session.scalar(select(func.max(PlanRevision.number))) or 0) + 1
    revision = PlanRevision(number=number, status="published", summary=summary,
                            published_at=utcnow())
    for section in sections:
        revision.sections.append(RevisionSection(
            section_id=section.id, parent_section_id=section.parent_id,
            position=section.position, title=section.title, summary=section.summary or "",
            body=section.body or "", objectives=section.objectives or "",
            indicators=section.indicators or ""))
    db.session.add(revision)
    db.session.commit()
    return revision


def make_experiment(*, title=None, theme=None, status="planned", partners=(), proposals=(),
                    created_by=None, **fields):
    """An experiment; `partners` is a list of (organization, role)."""
    from civic.experiments.models import Experiment, ExperimentPartner

    n = next(_seq)
    experiment = Experiment(title=title or f"Expérimentation {n}", status=status,
                            theme=theme or make_section(),
                            description="Une expérimentation grandeur nature.",
                            created_by=created_by, supports_count=0, comments_count=0,
                            followers_count=0, **fields)
    for position, (organization, role) in enumerate(partners):
        experiment.partners.append(ExperimentPartner(organization=organization, role=role,
                                                     position=position))
    experiment.proposals.extend(proposals)
    db.session.add(experiment)
    db.session.commit()
    return experiment


def make_evaluation(experiment, *, outcome="adopt", indicators=(), **fields):
    """The evaluation of `experiment`; `indicators` is a list of dicts (name, unit,
    target, measured), positioned in order."""
    from civic.experiments.models import Evaluation, Indicator

    evaluation = Evaluation(experiment=experiment, outcome=outcome, **fields)
    for position, indicator in enumerate(indicators):
        evaluation.indicators.append(Indicator(position=position, **indicator))
    db.session.add(evaluation)
    db.session.commit()
    return evaluation


def make_amendment(*, section, revision, author=None, title=None,
                   proposed_body="Un texte nouveau.", **fields):
    """An amendment to `section` written against the published `revision`."""
    from civic.amendments.models import Amendment

    amendment = Amendment(section_id=section.id, base_revision_id=revision.id,
                          author=author or make_user(),
                          title=title or f"Amendement {next(_seq)}",
                          proposed_body=proposed_body, **fields)
    db.session.add(amendment)
    db.session.commit()
    return amendment
