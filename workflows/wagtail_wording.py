"""Wagtail's own texts that residents meet while writing, reworded for plain Dutch.

Wagtail's Dutch says "u", "workflow", "reviewers" and "verwijdert", and turns our step
names into "Stuur door naar …". Django reads the project's catalogue (LOCALE_PATHS)
before Wagtail's, so these msgids, translated in locale/nl, win. They are listed here,
in code, so that extracting messages (`makemessages --no-obsolete`) keeps them.
The words follow docs/woordenlijst.md.
"""

from django.utils.translation import gettext_noop

WAGTAIL_TEXTS_RESIDENTS_SEE = [
    # The main button of the page editor; the workflow's name says to whom it goes.
    gettext_noop("Submit to %(workflow_name)s"),
    gettext_noop("Resubmit to %(task_name)s"),
    gettext_noop("Cancel workflow "),
    gettext_noop("Restart workflow "),
    # The editor's status panel and the dashboard.
    gettext_noop("In Moderation"),
    gettext_noop("Locked by workflow"),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop("This %(model_name)s is currently awaiting moderation."),
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
    gettext_noop("Your pages and snippets in a workflow"),
    gettext_noop("Are you sure you want to delete this %(model_name)s?"),
    gettext_noop("Are you sure you want to unpublish this %(model_name)s?"),
    # The mail to the author when changes are asked for, or consent is refused.
    gettext_noop('The page "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    gettext_noop('The page "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s".'
    ),
]
