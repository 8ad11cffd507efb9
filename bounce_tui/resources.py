"""The packaged text files (regroup template, reframing questions) and the user override.

In a wheel the top-level ``assets/`` folder is installed as ``bounce_tui/assets``;
in a source checkout or editable install it sits beside the package.
"""

from __future__ import annotations

from pathlib import Path

from bounce_tui.domain.checklist import Reframe, TemplateItem, parse_reframes, parse_template
from bounce_tui.domain.errors import DomainError

__all__ = ["asset_text", "regroup_template", "reframes", "REGROUP_FILENAME", "REFRAMES_FILENAME"]

REGROUP_FILENAME = "regroup.toml"
REFRAMES_FILENAME = "reframes.toml"


def asset_text(name: str) -> str:
    """Return the text of the packaged asset ``name`` (a plain file name such as "regroup.toml")."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError(f"not an asset name: {name!r}")
    package = Path(__file__).resolve().parent
    # bounce_tui/assets/ in a wheel; assets/ beside the package in a checkout
    for path in (package / "assets" / name, package.parent / "assets" / name):
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as error:
            reason = (
                error.strerror if isinstance(error, OSError) and error.strerror else "unreadable"
            )
            raise DomainError(
                f"the packaged file {name} cannot be read ({reason.lower()}); reinstall bounce"
            ) from None
    raise DomainError(
        f"the packaged file {name} cannot be read (no such file or directory); reinstall bounce"
    )


def regroup_template(config_dir: Path | None = None) -> list[TemplateItem]:
    """Return the regroup template: ``config_dir/regroup.toml`` if it exists, else the packaged one.

    A problem with the user's file raises DomainError naming that file.
    """
    if config_dir is not None:
        override = Path(config_dir) / REGROUP_FILENAME
        if override.is_file():
            try:
                text = override.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise DomainError(f"{override}: cannot be read ({error})") from None
            try:
                return parse_template(text)
            except DomainError as error:
                raise DomainError(f"{override}: {error}") from None
    return parse_template(asset_text(REGROUP_FILENAME))


def reframes() -> list[Reframe]:
    """Return the packaged reframing questions."""
    return parse_reframes(asset_text(REFRAMES_FILENAME))
