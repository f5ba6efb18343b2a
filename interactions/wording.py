"""Plain-language wording for interactions when the source gives none (most imported rows),
written by us per severity. Editors can write pair-specific text on an Interaction."""

from django.utils.translation import gettext_lazy as _

from .models import Interaction, Severity

EFFECT = {
    Severity.CONTRAINDICATED: _(
        "These medicines should not be taken together. Together they can cause serious harm."
    ),
    Severity.MAJOR: _(
        "Taking these medicines together can cause a serious problem, such as stronger side "
        "effects or one medicine not working as it should."
    ),
    Severity.MODERATE: _(
        "Taking these medicines together may change how one of them works or make side "
        "effects more likely."
    ),
    Severity.MINOR: _(
        "These medicines affect each other a little. Most people can take them together."
    ),
}

ADVICE = {
    Severity.CONTRAINDICATED: _(
        "Do not take these together unless your doctor has said it is safe. Talk to your "
        "doctor or pharmacist before your next dose. Do not stop a medicine on your own."
    ),
    Severity.MAJOR: _(
        "Talk to your doctor or pharmacist soon. They may change a dose, choose another "
        "medicine or check on you more often. Do not stop a medicine on your own."
    ),
    Severity.MODERATE: _(
        "Ask your pharmacist whether you need to space the doses apart or watch for any "
        "side effects."
    ),
    Severity.MINOR: _("Usually nothing. Mention it to your pharmacist if you are unsure."),
}


def effect_for(interaction: Interaction) -> str:
    return interaction.effect or str(EFFECT[Severity(interaction.severity)])


def advice_for(interaction: Interaction) -> str:
    return interaction.advice or str(ADVICE[Severity(interaction.severity)])
