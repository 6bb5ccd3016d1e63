"""Admin panels that show editors something about the page they are editing."""

from wagtail.admin.panels import Panel

from buurtpages.steps import ALL_STEPS, step_of, team_flags
from buurtpages.teams import initiative_balance


class TeamBalancePanel(Panel):
    """Shows the "kwetsbaar" notice on an initiative whose team is too small or unbalanced."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "buurtpages/panels/team_balance.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = self.instance.team_warnings() if self.instance.pk else []
            context["balance"] = initiative_balance(self.instance) if self.instance.pk else None
            if self.instance.pk:
                context["step"] = step_of(self.instance)
                context["steps"] = ALL_STEPS
                context["flags"] = team_flags(self.instance.team_assignments())
            return context


class SignalActionsPanel(Panel):
    """A button that turns the signal into an initiative draft (submits to its own URL)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "buurtpages/panels/signal_actions.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["signal"] = self.instance
            return context
