from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


def submitter_of(obj):
    """Who asked for this review: the workflow's requester and the revision's author."""
    people = set()
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state and workflow_state.requested_by_id:
        people.add(workflow_state.requested_by_id)
    revision = getattr(obj, "latest_revision", None)
    if revision and revision.user_id:
        people.add(revision.user_id)
    return people


class PeerReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who is not the author (four eyes).

    Wagtail's GroupApprovalTask lets an author in the group approve their own change.
    """

    def user_is_submitter(self, obj, user):
        return user.pk in submitter_of(obj)

    def get_actions(self, obj, user):
        if self.user_is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and self.user_is_submitter(task_state.revision.content_object, user):
            raise PermissionDenied(_("You cannot review your own change."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if not states.exists():
            return TaskState.objects.none()
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return _("Another buurtverbinder, never the author, approves or asks for changes")

    class Meta:
        verbose_name = _("Peer review")
        verbose_name_plural = _("Peer reviews")
