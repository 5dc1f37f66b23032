"""Import every domain's models so Alembic and the app see the whole schema."""
from civic.accounts.models import User, UserRole  # noqa: F401
from civic.audit.models import AuditEntry  # noqa: F401
from civic.comments.models import Comment, CommentVote  # noqa: F401
from civic.follows.models import Follow  # noqa: F401
from civic.mail.models import OutboxMail  # noqa: F401
from civic.masterplan.models import Section  # noqa: F401
from civic.moderation.models import ModerationCase, Report  # noqa: F401
from civic.notifications.models import Notification  # noqa: F401
from civic.organizations.models import Invitation, JoinRequest, Membership, Organization  # noqa: F401
from civic.proposals.models import Proposal, ProposalAttachment, StatusChange, Support  # noqa: F401
from civic.uploads.models import StoredFile  # noqa: F401
