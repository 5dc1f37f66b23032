"""Fill an empty database with the French demo content (idempotent by slug and e-mail).

`seed_demo()` runs every function of STEPS in order with one DemoContext; later features
append their own step (proposals, comments, experiments) and find the accounts,
sections and organizations created before them in the context.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import exists, select

from civic.accounts.models import User, UserRole
from civic.accounts.passwords import hash_password, password_problem
from civic.accounts.services import fold_display_name
from civic.core.models import utcnow
from civic.demo import data
from civic.extensions import db
from civic.masterplan.models import Section
from civic.organizations.models import Membership, Organization


@dataclass
class DemoContext:
    echo: Callable[[str], None] = print
    accounts: dict[str, User] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def database_is_empty() -> bool:
    """True when there is neither an account nor a section of the plan."""
    return not db.session.scalar(select(exists().select_from(User))) and not db.session.scalar(
        select(exists().select_from(Section)))


def seed_accounts(ctx: DemoContext) -> None:
    """One confirmed account per site role, then a few citizens."""
    emails = [spec["email"] for spec in data.ACCOUNTS]
    existing = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    password_hash = None
    for spec in data.ACCOUNTS:
        user = existing.get(spec["email"])
        if user is None:
            problem = password_problem(data.DEMO_PASSWORD, email=spec["email"],
                                       display_name=spec["display_name"])
            if problem:  # the demo data itself is wrong: fail loudly
                raise RuntimeError(f"demo password refused for {spec['email']}: {problem}")
            # One hash for all: the demo accounts share a published password anyway.
            password_hash = password_hash or hash_password(data.DEMO_PASSWORD)
            user = _new_user(spec, password_hash)
            ctx.count("accounts")
            ctx.echo(f"  + account {spec['email']} ({', '.join(spec['roles']) or 'citizen'})")
        ctx.accounts[spec["key"]] = user
    db.session.flush()


def _new_user(spec: dict, password_hash: str) -> User:
    display_name = spec["display_name"]
    key = fold_display_name(display_name)
    if db.session.scalar(select(exists().where(User.display_name_key == key))):
        display_name = f"{display_name} (démo)"  # a real person already has this name
        key = fold_display_name(display_name)
    now = utcnow()
    user = User(email=spec["email"], display_name=display_name, display_name_key=key,
                password_hash=password_hash, bio=spec.get("bio", ""), locale="fr",
                email_confirmed_at=now)
    for role in spec["roles"]:
        user.roles.append(UserRole(role=role, granted_at=now))
    db.session.add(user)
    return user


def seed_plan(ctx: DemoContext) -> None:
    """The master plan's axes, each followed by its flagship projects, in order."""
    existing = {s.slug: s for s in db.session.scalars(select(Section))}
    fields = ("title", "summary", "body", "objectives", "indicators")
    for axis_position, axis_spec in enumerate(data.plan_axes(), start=1):
        axis = existing.get(axis_spec["slug"])
        if axis is None:
            axis = Section(slug=axis_spec["slug"], position=axis_position,
                           **{name: axis_spec[name] for name in fields})
            db.session.add(axis)
            ctx.count("axes")
            ctx.echo(f"  + axis {axis.title}")
        ctx.sections[axis.slug] = axis
        for position, spec in enumerate(axis_spec["projects"], start=1):
            project = existing.get(spec["slug"])
            if project is None:
                project = Section(slug=spec["slug"], parent=axis, position=position,
                                  **{name: spec[name] for name in fields})
                db.session.add(project)
                ctx.count("projects")
                ctx.echo(f"    + project {project.title}")
            ctx.sections[project.slug] = project
    db.session.flush()


def seed_organizations(ctx: DemoContext) -> None:
    """Organizations of every kind, each with its owner (and members)."""
    slugs = [spec["slug"] for spec in data.ORGANIZATIONS]
    existing = {o.slug: o for o in db.session.scalars(
        select(Organization).where(Organization.slug.in_(slugs)))}
    verifier = ctx.accounts.get("staff")
    for spec in data.ORGANIZATIONS:
        org = existing.get(spec["slug"])
        if org is None:
            owner = ctx.accounts[spec["owner"]]
            org = Organization(
                slug=spec["slug"], name=spec["name"] or current_app.config["METROPOLIS_NAME"],
                kind=spec["kind"], description=spec["description"], website=spec["website"],
                created_by_id=owner.id,
                verified_at=utcnow() if spec["verified"] else None,
                verified_by_id=verifier.id if spec["verified"] and verifier else None,
            )
            org.memberships.append(Membership(user=owner, role="owner"))
            for key in spec["members"]:
                org.memberships.append(Membership(user=ctx.accounts[key], role="member"))
            db.session.add(org)
            ctx.count("organizations")
            ctx.echo(f"  + organization {org.name} ({spec['kind']})")
        ctx.organizations[org.slug] = org
    db.session.flush()


def seed_proposals(ctx: DemoContext) -> None:
    """Proposals, supports and a review history (only into an empty proposals table)."""
    from civic.proposals import demo as proposals_demo
    from civic.proposals.models import Proposal

    if db.session.scalar(select(exists().select_from(Proposal))):
        return
    created = proposals_demo.seed_proposals(list(ctx.accounts.values()),
                                            list(ctx.sections.values()),
                                            list(ctx.organizations.values()))
    ctx.count("proposals", len(created))
    ctx.echo(f"  + {len(created)} proposals")


def seed_comments(ctx: DemoContext) -> None:
    """A debate under the demo proposals (only into an empty comments table)."""
    from civic.comments import demo as comments_demo
    from civic.comments.models import Comment

    _seed_on_proposals(ctx, Comment, "comments", comments_demo.seed_comments)


def seed_reports(ctx: DemoContext) -> None:
    """Reports waiting in the moderation queue (only when there is no report yet)."""
    from civic.moderation import demo as moderation_demo
    from civic.moderation.models import Report

    _seed_on_proposals(ctx, Report, "reports", moderation_demo.seed_reports)


def seed_experiments(ctx: DemoContext) -> None:
    """Experiments: running, evaluated and planned (only into an empty experiments table)."""
    from civic.experiments import demo as experiments_demo
    from civic.experiments.models import Experiment

    def seed(users, proposals) -> int:
        return len(experiments_demo.seed_experiments(
            users, list(ctx.sections.values()), list(ctx.organizations.values()), proposals))

    _seed_on_proposals(ctx, Experiment, "experiments", seed)


def _seed_on_proposals(ctx: DemoContext, model, what: str, seed) -> None:
    """Only while `model`'s table is empty: `seed(accounts, published proposals)`, which
    returns how many `what` it made."""
    from civic.proposals.models import Proposal

    if db.session.scalar(select(exists().select_from(model))):
        return
    proposals = list(db.session.scalars(
        select(Proposal).where(Proposal.status != "draft").order_by(Proposal.id)))
    made = seed(list(ctx.accounts.values()), proposals)
    ctx.count(what, made)
    ctx.echo(f"  + {made} {what}")


def seed_plan_version(ctx: DemoContext) -> None:
    """The plan's first published version (v1), when it has none."""
    from civic.masterplan import demo as plan_demo

    if plan_demo.publish_first_version(list(ctx.sections.values()),
                                       published_by=ctx.accounts.get("staff")):
        ctx.count("plan versions")
        ctx.echo("  + master plan v1")


def seed_plan_history(ctx: DemoContext) -> None:
    """A second version of the plan that credits contributions (only after v1 alone)."""
    from civic.masterplan import demo as plan_demo

    revision = plan_demo.seed_plan_history(ctx.accounts.get("staff"))
    if revision is not None:
        ctx.count("plan versions")
        ctx.echo(f"  + master plan v{revision.number}")


STEPS: list[Callable[[DemoContext], None]] = [
    seed_accounts, seed_plan, seed_plan_version, seed_organizations, seed_proposals,
    seed_comments, seed_reports, seed_experiments,
    seed_plan_history,  # keep last: it credits the proposals and experiments seeded above
]


def seed_demo(echo: Callable[[str], None] = print) -> DemoContext:
    """Add every missing piece of demo content; flushes, never commits."""
    ctx = DemoContext(echo=echo)
    for step in STEPS:
        echo(f"{(step.__doc__ or step.__name__).splitlines()[0]}")
        step(ctx)
    return ctx
