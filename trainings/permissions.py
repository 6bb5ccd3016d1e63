"""What each role may do with the trainings' data (model permissions).

`workflows.roles.ensure_roles` adds these to each role's group. Interest sign-ups
and cohorts hold contact details: only the organisers (Buurtbeheerder and
Buurtverbinder) see them; professionals see the training material.
"""

from workflows.roles import BEWONER, BUURTBEHEERDER, BUURTVERBINDER, PROFESSIONAL


def _crud(*models, actions=("add", "change", "delete", "view")):
    return [f"trainings.{action}_{model}" for model in models for action in actions]


ORGANISED_MODELS = ("residentsevening", "interestsignup", "cohort", "modulematerial")
TRAINING_MODEL_PERMISSIONS = {
    BEWONER: [],
    BUURTVERBINDER: [
        *_crud(*ORGANISED_MODELS, actions=("add", "change", "view")),
        "trainings.view_rostermember",
        "trainings.add_timeentry",
    ],
    PROFESSIONAL: ["trainings.view_modulematerial", "trainings.view_residentsevening"],
    BUURTBEHEERDER: [
        *_crud(*ORGANISED_MODELS, "rostermember"),
        "trainings.add_timeentry",
        "trainings.view_timeentry",
    ],
}


def training_permissions(role):
    return TRAINING_MODEL_PERMISSIONS.get(role, [])
