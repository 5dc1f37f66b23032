"""Files that outlive their use: a replaced or removed logo, the attachments of an erased
draft, stop being served at once; their files go from disk after the commit, never before
(a rolled-back change keeps the old file served)."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from civic.accounts.profile_services import delete_account
from civic.organizations.models import Organization
from civic.organizations.services import update_organization
from civic.proposals.models import ProposalAttachment
from civic.uploads.models import StoredFile
from civic.uploads.services import discard_upload, file_path, store_upload
from tests.factories import DEFAULT_PASSWORD, make_organization, make_proposal, make_user
from tests.uploads.images import pdf_bytes, png_bytes, upload

EN = {"Accept-Language": "en"}


@pytest.fixture
def ctx(app):
    with app.test_request_context(headers=EN):
        yield


@pytest.fixture
def owner(login_as):
    return login_as(make_user(display_name="Ada Fondatrice", locale="en"))


def _png(name="logo.png", color=(200, 30, 30)) -> FileStorage:
    return FileStorage(io.BytesIO(png_bytes(color=color)), name)


def _stored(purpose="organization-logo", owner=None) -> StoredFile:
    return store_upload(_png(), owner=owner, purpose=purpose, allowed={"image"},
                        max_bytes=10_000)


@pytest.fixture
def org_with_logo(db, ctx, owner):
    org = make_organization(owner=owner, name="Atelier Vélo", logo=_stored(owner=owner))
    db.session.commit()
    return org


def _edit(client, org, **fields):
    data = {"name": org.name, "kind": org.kind, "description": "", "website": "", **fields}
    return client.post_form(f"/organizations/{org.slug}/edit", data, headers=EN,
                            content_type="multipart/form-data")


def _status(client, key) -> int:
    with client.get(f"/files/{key}") as response:
        return response.status_code


def _row(db, key):
    return db.session.scalar(select(StoredFile).where(StoredFile.key == key))


def test_a_replaced_logo_is_no_longer_served_and_its_file_goes(client, db, org_with_logo):
    old_key = org_with_logo.logo.key
    assert _status(client, old_key) == 200
    response = _edit(client, org_with_logo,
                     logo_file=upload(png_bytes(color=(0, 90, 200)), "new.png", "image/png"))
    assert response.status_code == 302
    new = db.session.get(Organization, org_with_logo.id).logo
    assert new is not None and new.key != old_key
    assert _status(client, old_key) == 404
    assert _row(db, old_key) is None and not file_path(old_key).exists()
    assert _status(client, new.key) == 200


def test_a_removed_logo_is_no_longer_served_and_its_file_goes(client, db, org_with_logo):
    old_key = org_with_logo.logo.key
    assert _edit(client, org_with_logo, remove_logo="y").status_code == 302
    assert db.session.get(Organization, org_with_logo.id).logo is None
    assert _status(client, old_key) == 404
    assert not file_path(old_key).exists()


def test_an_edit_without_a_new_logo_keeps_it(client, db, org_with_logo):
    key = org_with_logo.logo.key
    assert _edit(client, org_with_logo, description="Nouveau texte").status_code == 302
    assert _status(client, key) == 200 and file_path(key).is_file()


def test_the_old_file_stays_on_disk_until_the_commit(db, ctx, owner, org_with_logo):
    old_key = org_with_logo.logo.key
    update_organization(owner, org_with_logo, name=org_with_logo.name, kind="startup",
                        logo_file=_png("new.png"))
    assert _row(db, old_key) is None  # this transaction no longer sees it...
    assert file_path(old_key).is_file()  # ...but others still may, until the commit
    db.session.commit()
    assert not file_path(old_key).exists()


def test_a_rolled_back_replacement_keeps_the_old_logo_served(client, db, ctx, owner,
                                                             org_with_logo):
    old_key = org_with_logo.logo.key
    update_organization(owner, org_with_logo, name=org_with_logo.name, kind="startup",
                        logo_file=_png("new.png"))
    new_key = org_with_logo.logo.key
    db.session.rollback()  # a later step failed, or the commit did
    assert db.session.get(Organization, org_with_logo.id).logo.key == old_key
    assert file_path(old_key).is_file() and not file_path(new_key).exists()
    assert _status(client, old_key) == 200
    assert _status(client, new_key) == 404


def test_a_rolled_back_savepoint_keeps_the_file_it_discarded(db, ctx, owner, org_with_logo):
    old_key = org_with_logo.logo.key
    with pytest.raises(RuntimeError), db.session.begin_nested():
        update_organization(owner, org_with_logo, name=org_with_logo.name, kind="startup",
                            remove_logo=True)
        raise RuntimeError("refused")
    db.session.commit()
    assert _row(db, old_key) is not None and file_path(old_key).is_file()


def test_a_released_savepoint_deletes_only_once_the_outer_transaction_commits(
        db, ctx, owner, org_with_logo):
    old_key = org_with_logo.logo.key
    with db.session.begin_nested():
        update_organization(owner, org_with_logo, name=org_with_logo.name, kind="startup",
                            remove_logo=True)
    assert file_path(old_key).is_file()
    db.session.commit()
    assert not file_path(old_key).exists()


def test_a_file_something_else_still_uses_is_kept(db, ctx, owner, org_with_logo):
    shared = org_with_logo.logo
    other = make_organization(owner=owner, logo=shared)
    org_with_logo.logo = None
    discard_upload(shared)
    db.session.commit()
    assert db.session.get(Organization, other.id).logo_id == shared.id
    assert file_path(shared.key).is_file()


def _attach(proposal, data: bytes, name: str) -> StoredFile:
    stored = store_upload(FileStorage(io.BytesIO(data), name), owner=proposal.author,
                          purpose="proposal_attachment", allowed={"image", "pdf"},
                          max_bytes=100_000)
    proposal.attachments.append(ProposalAttachment(file=stored, position=0))
    return stored


def test_a_deleted_account_loses_its_drafts_files_but_not_its_published_ones(client, db,
                                                                             ctx):
    author = make_user()
    draft_file = _attach(make_proposal(author=author, status="draft"), pdf_bytes(), "a.pdf")
    public_file = _attach(make_proposal(author=author), png_bytes(), "plan.png")
    db.session.commit()
    draft_key, public_key = draft_file.key, public_file.key
    assert _status(client, draft_key) == 200

    delete_account(author, password=DEFAULT_PASSWORD)
    db.session.commit()
    assert _status(client, draft_key) == 404
    assert _row(db, draft_key) is None and not file_path(draft_key).exists()
    # Published proposals stay, signed "Deleted participant", with their attachments.
    assert _status(client, public_key) == 200
