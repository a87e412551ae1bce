from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The six official languages as content languages, by the UN's two-letter codes (core/languages.py
    converts them to the interface's codes such as "zh-hans")."""

    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ES = "es", _("Spanish")


class OrganisationKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    STATE = "state", _("State delegation")
    OBSERVER = "observer", _("Observer organization")


class Role(models.TextChoices):
    """What a member does for their organisation. Permissions follow from role and organisation."""

    SECRETARIAT_OFFICER = "secretariat_officer", _("Secretariat officer")
    FOCAL_POINT = "focal_point", _("Focal point")
    DELEGATE = "delegate", _("Delegate")
    GOVERNMENTAL_EXPERT = "governmental_expert", _("Governmental expert")
    CENTRAL_AUTHORITY = "central_authority", _("Central-authority official")
    OBSERVER_REPRESENTATIVE = "observer_representative", _("Observer representative")


# Which roles make sense in which kind of organisation.
ROLES_BY_KIND = {
    OrganisationKind.SECRETARIAT: {Role.SECRETARIAT_OFFICER},
    OrganisationKind.STATE: {
        Role.FOCAL_POINT,
        Role.DELEGATE,
        Role.GOVERNMENTAL_EXPERT,
        Role.CENTRAL_AUTHORITY,
    },
    OrganisationKind.OBSERVER: {Role.OBSERVER_REPRESENTATIVE},
}


class ObserverCategory(models.TextChoices):
    """The categories of observers under rules 14-17 of the Conference's rules of procedure."""

    SIGNATORY = "signatory", _("Signatory State")
    NON_SIGNATORY = "non_signatory", _("Non-signatory State")
    ENTITY = "entity", _("Entity with a standing invitation")
    UN_BODY = "un_body", _("United Nations body, fund, programme or specialized agency")
    IGO = "igo", _("Intergovernmental organization")
    NGO_ECOSOC = "ngo_ecosoc", _("Non-governmental organization in consultative status with ECOSOC")
    NGO_OTHER = "ngo_other", _("Other non-governmental organization")
