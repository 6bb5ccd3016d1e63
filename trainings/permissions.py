"""What each role may do with the trainings' data (model permissions).

Contributed to the role registry (kernel.roles) when the app is ready;
`workflows.roles.ensure_roles` applies them to each role's group. Interest sign-ups
and cohorts hold contact details: only the organisers (Buurtbeheerder and
Buurtverbinder) see them; professionals see the training material.
"""

from kernel.roles import BUURT_ADMIN, CONNECTOR, PROFESSIONAL, RESIDENT, contribute_permissions


def _crud(*models, actions=("add", "change", "delete", "view")):
    return [f"trainings.{action}_{model}" for model in models for action in actions]


ORGANISED_MODELS = ("residentsevening", "interestsignup", "cohort", "modulematerial")
TRAINING_MODEL_PERMISSIONS = {
    RESIDENT: [],
    CONNECTOR: [
        *_crud(*ORGANISED_MODELS, actions=("add", "change", "view")),
        "trainings.view_rostermember",
        "trainings.add_timeentry",
    ],
    PROFESSIONAL: ["trainings.view_modulematerial", "trainings.view_residentsevening"],
    BUURT_ADMIN: [
        *_crud(*ORGANISED_MODELS, "rostermember"),
        "trainings.add_timeentry",
        "trainings.view_timeentry",
    ],
}


def contribute_training_permissions():
    contribute_permissions("trainings", TRAINING_MODEL_PERMISSIONS)
