"""Professional support steps whose deadline passed without an answer move on."""

from workflows.models import ProfessionalSupportTask


def move_on_expired():
    """Move on every expired support step in the current buurt; returns how many."""
    count = 0
    for task in ProfessionalSupportTask.objects.filter(active=True):
        for task_state in task.expired_states():
            task.move_on(task_state)
            count += 1
    return count
