"""Where the understanding's sentences come from: the package's templates and examples, a
user's own phrasings, or another domain's files alone (`Sources`, given to
intents.matcher.load_matcher). Pure: paths only, nothing read here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intents.examples import example_files, sign_example_files
from intents.grammar import default_template_files


@dataclass(frozen=True)
class Sources:
    """Where the sentences come from. `templates` None: the package's templates, plus any
    `custom` files (a user's own phrasings, in the same format); given: those files alone
    (another domain), with no package examples. `examples`: the statistical layer's example
    files (None: the package's, when the package's templates are used); the package's
    warning-sign rounds teach the safety net's model with the package's templates."""

    templates: tuple[Path, ...] | None = None
    custom: tuple[Path, ...] = ()
    examples: tuple[Path, ...] | None = None

    def template_files(self) -> tuple[Path, ...]:
        if self.templates is not None:
            return self.templates
        return (*default_template_files(), *self.custom)

    def example_files(self) -> tuple[Path, ...]:
        if self.examples is not None:
            return self.examples
        return example_files() if self.templates is None else ()

    def sign_files(self) -> tuple[Path, ...]:
        """The warning-sign rounds the safety net's model learns from (the package's domain)."""
        return sign_example_files() if self.templates is None else ()
