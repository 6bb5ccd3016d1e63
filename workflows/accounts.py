"""The user screens of a buurt's admin, limited to what the editor may grant.

Wagtail's stock forms show `is_superuser` and every group to anyone who may add or change
users. Here only a superuser sees those; everybody else (the Buurtbeheerder) gives only
the buurt's roles, cannot open, change, copy or delete a superuser's account, and the
bulk actions on the user list follow the same rules.

Whoever edits, a buurt always keeps an active Buurtbeheerder: the last one cannot lose the
role, be deactivated or be deleted until someone else has it.
"""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from kernel.emails import accounts_with_email, validate_plain_email
from kernel.roles import BUURT_ADMIN, ROLES, group_name, role_group, role_groups
from workflows.email_change import TAKEN_MESSAGE

LAST_BUURTBEHEERDER_MESSAGE = _(
    "This is the last Buurtbeheerder of the buurt. Make someone else Buurtbeheerder "
    "first: a buurt cannot be without one."
)


def is_last_buurtbeheerder(account):
    beheerders = role_group(BUURT_ADMIN).user_set.filter(is_active=True)
    return list(beheerders.values_list("pk", flat=True)) == [account.pk]


def grantable_groups(editor):
    """The groups `editor` may give: every group for a superuser, else only the roles."""
    if editor is not None and editor.is_superuser:
        return Group.objects.all()
    return role_groups(ROLES)


def may_manage(editor, account):
    """Only a superuser touches a superuser's account."""
    return editor.is_superuser or not account.is_superuser


class EditorScopedUserForm:
    """Takes `for_user` (the editor) and removes what that editor may not give."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = for_user
        if for_user is None or not for_user.is_superuser:
            self.fields.pop("is_superuser", None)
        self.fields["groups"].queryset = grantable_groups(for_user)

    def clean_email(self):
        """One account per address in a buurt, compared after the one normalisation."""
        address = self.cleaned_data["email"].strip()
        validate_plain_email(address)
        if accounts_with_email(address, exclude=self.instance):
            raise ValidationError(TAKEN_MESSAGE, code="taken")
        return address

    def clean_groups(self):
        """Groups outside the editor's choice stay as they were; they were not offered."""
        chosen = list(self.cleaned_data.get("groups") or [])
        if self.instance.pk is None:
            return chosen
        kept = self.instance.groups.exclude(pk__in=self.fields["groups"].queryset)
        return chosen + list(kept)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and is_last_buurtbeheerder(self.instance):
            stays = group_name(BUURT_ADMIN) in {group.name for group in cleaned.get("groups") or []}
            if not stays or not cleaned.get("is_active", True):
                raise ValidationError(LAST_BUURTBEHEERDER_MESSAGE, code="last_buurtbeheerder")
        return cleaned


class BuurtUserCreationForm(EditorScopedUserForm, UserCreationForm):
    pass


class BuurtUserEditForm(EditorScopedUserForm, UserEditForm):
    pass


class EditorFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(EditorFormMixin, wagtail_users.CreateView):
    pass


class EditView(EditorFormMixin, wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not may_manage(request.user, self.object):
            raise PermissionDenied


class DeleteView(wagtail_users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if is_last_buurtbeheerder(self.get_object()):
            return keep_last_buurtbeheerder(request, "wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)


def keep_last_buurtbeheerder(request, to):
    messages.error(request, LAST_BUURTBEHEERDER_MESSAGE)
    return redirect(to)


class BuurtUserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    # A copy would carry the original's superuser flag past a form without that field.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return BuurtUserEditForm if for_update else BuurtUserCreationForm


# --- Bulk actions on the user list: the same rules ----------------------------------------


class ScopedAssignRole(AssignRoleBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        return form


class KeepsLastBuurtbeheerder:
    """Refuses the whole action when it would take away the last Buurtbeheerder."""

    def takes_away(self):
        return True

    def prepare_action(self, objects, objects_without_access):
        if self.takes_away() and any(is_last_buurtbeheerder(obj) for obj in objects):
            return keep_last_buurtbeheerder(self.request, self.next_url)
        return super().prepare_action(objects, objects_without_access)


class ScopedSetActiveState(KeepsLastBuurtbeheerder, SetActiveStateBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)

    def takes_away(self):
        return not self.cleaned_form.cleaned_data["mark_as_active"]


class ScopedDelete(KeepsLastBuurtbeheerder, DeleteBulkAction):
    pass


BULK_ACTIONS = [ScopedAssignRole, ScopedSetActiveState, ScopedDelete]
