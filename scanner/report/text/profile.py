"""A scan's browser profile and the tells left, in words (reports, `cookiescan browser`)."""

from __future__ import annotations

from scanner.model import BrowserProfile, Tell

NO_TELLS = "none the probe could read"
UNKNOWN_TELLS = "unknown (the browser could not be probed)"
_MODE = {True: "headless", False: "headed", None: "headless or not unknown"}


def profile_summary(profile: BrowserProfile) -> str:
    """One line: user agent, brands, platform, sizes, languages, headless or not, where."""
    if profile.error:
        return f"not read ({profile.error}); asked for: {_asked(profile)}"
    parts = [
        f"user agent {profile.user_agent or '(none)'}",
        f"brands {', '.join(profile.brands) or '(none)'}",
        f"platform {profile.platform or '(none)'}",
        f"viewport {profile.viewport}",
        f"screen {profile.screen}",
        f"window {profile.window}",
        f"languages {', '.join(profile.languages) or '(none)'}",
        f"WebGL {profile.webgl_renderer or '(none)'}",
        _MODE[profile.headless],
        profile.where,
    ]
    return "; ".join(parts)


def tell_text(tell: Tell) -> str:
    """``id: sentence``."""
    return f"{tell.id}: {tell.detail}"


def tells_summary(profile: BrowserProfile, tells: tuple[Tell, ...]) -> str:
    """Every tell on one line (or that none was read, or that none could be)."""
    if profile.error:
        return UNKNOWN_TELLS
    return " ".join(tell_text(t) for t in tells) if tells else NO_TELLS


def _asked(profile: BrowserProfile) -> str:
    agent, mode = profile.user_agent or "(default)", _MODE[profile.headless]
    return f"user agent {agent}; viewport {profile.viewport}; {mode}; {profile.where}"
