"""What the consent engine measured of a banner's design: controls, toggles, reopening, pay wall."""

from __future__ import annotations

from dataclasses import dataclass

# The banner design checks (finding kinds) that ``policy.banner_checks_off`` can turn off.
DESIGN_CHECKS = (
    "refusal_as_link",
    "accept_more_prominent",
    "purposes_preticked",
    "legitimate_interest_on",
    "consent_not_withdrawable",
    "pay_or_accept_wall",
)


@dataclass(frozen=True, slots=True)
class ControlLook:
    """One consent control as rendered: its role, shape, size, contrast and font weight.

    ``layer`` is ``first`` or ``settings``; ``shape`` is ``button`` (a visible fill or border),
    ``link`` (inline, underlined or an ``<a>`` without either) or ``text``. Contrasts are WCAG
    2.2 ratios (1 to 21): ``text_contrast`` of the label against what is behind it,
    ``boundary_contrast`` of the control's fill or border against the banner behind it (1: none).
    ``reached`` says how the scanner got at it (``page``, or ``devtools`` for a closed shadow root).
    """

    role: str
    layer: str
    text: str
    tag: str
    shape: str
    area: float
    text_contrast: float
    boundary_contrast: float
    font_weight: int
    font_size: float
    reached: str = "page"


@dataclass(frozen=True, slots=True)
class ToggleLook:
    """A purpose toggle of the settings layer, read before saving."""

    label: str
    checked: bool
    disabled: bool
    necessary: bool
    legitimate_interest: bool
    layer: str = "settings"
    reached: str = "page"


@dataclass(frozen=True, slots=True)
class PayWall:
    """An accept control next to a subscription or payment offer, with no refusal."""

    text: str
    offer: str
    accept: str


@dataclass(frozen=True, slots=True)
class BannerDesign:
    """The banner's design as measured in one state, before and after the choice.

    ``reopen`` says how the settings can be reached again after the choice (``None``: not
    checked in this state); ``reopened`` whether clicking it brought the banner back.
    ``outlined``: the state's screenshot shows the measured controls outlined.
    """

    controls: tuple[ControlLook, ...] = ()
    toggles: tuple[ToggleLook, ...] = ()
    reopen: str | None = None
    reopened: bool | None = None
    pay_wall: PayWall | None = None
    outlined: bool = False

    def control(self, layer: str, role: str) -> ControlLook | None:
        """The measured control of ``role`` on ``layer``, if any."""
        return next((c for c in self.controls if c.layer == layer and c.role == role), None)
