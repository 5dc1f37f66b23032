"""Import every domain's models so Alembic and the app see the whole schema."""
from civic.accounts.models import User, UserRole  # noqa: F401
from civic.amendments.models import Amendment, AmendmentSupport  # noqa: F401
from civic.audit.models import AuditEntry  # noqa: F401
from civic.comments.models import Comment, CommentVote  # noqa: F401
from civic.experiments.models import (  # noqa: F401
    Evaluation,
    Experiment,
    ExperimentPartner,
    ExperimentSupport,
    ExperimentUpdate,
    Indicator,
)
from civic.follows.models import Follow  # noqa: F401
from civic.mail.models import OutboxMail  # noqa: F401
from civic.masterplan.models import PlanRevision, RevisionSection, RevisionSource, Section  # noqa: F401,E501
from civic.moderation.models import ModerationCase, Report  # noqa: F401
from civic.notifications.models import Notification  # noqa: F401
from civic.organizations.models import Invitation, JoinRequest, Membership, Organization  # noqa: F401
from civic.proposals.models import Proposal, ProposalAttachment, StatusChange, Support  # noqa: F401
from civic.uploads.models import StoredFile  # noqa: F401
