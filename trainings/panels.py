"""Panels in the cohort editor: the composition check and the way to the poll."""

from wagtail.admin.panels import Panel


class CohortToolsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "trainings/panels/cohort_tools.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            cohort = self.instance
            context["cohort"] = cohort if cohort.pk else None
            if cohort.pk:
                context["residents"], context["professionals"] = cohort.composition()
            return context
