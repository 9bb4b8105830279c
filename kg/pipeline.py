"""A tiny pipeline runner: named steps wired by input and output names.

Pipelines (in ``kg.pipelines``) only compose library functions. The wiring is
checked before anything runs, so a misnamed input fails at once, not after an
hour of extraction.

>>> p = Pipeline("double", "", (Step("twice", lambda x: 2 * x, ("x",), "y"),))
>>> p.run(x=21)["y"]
42
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from kg.errors import PaperKGError


class PipelineError(PaperKGError):
    """A pipeline whose steps are not wired correctly."""


@dataclass(frozen=True)
class Step:
    """``output = func(*inputs)``; inputs and output are names in the run's namespace."""

    name: str
    func: Callable[..., Any]
    inputs: tuple[str, ...]
    output: str | None = None


@dataclass(frozen=True)
class Pipeline:
    name: str
    description: str
    steps: tuple[Step, ...]

    @property
    def inputs(self) -> tuple[str, ...]:
        """Names the caller must provide (used before any step produces them)."""
        produced: set[str] = set()
        needed: list[str] = []
        for step in self.steps:
            needed += [n for n in step.inputs if n not in produced and n not in needed]
            if step.output:
                produced.add(step.output)
        return tuple(needed)

    def check(self, provided: Iterable[str]) -> None:
        missing = sorted(set(self.inputs) - set(provided))
        if missing:
            raise PipelineError(f"pipeline {self.name!r} needs inputs: {', '.join(missing)}")
        for step in self.steps:
            _check_arity(self.name, step)

    def run(self, **inputs: Any) -> dict[str, Any]:
        """Run every step in order; return the namespace (inputs and all outputs)."""
        self.check(inputs)
        namespace = dict(inputs)
        for step in self.steps:
            result = step.func(*(namespace[n] for n in step.inputs))
            if step.output:
                namespace[step.output] = result
        return namespace


def _check_arity(pipeline: str, step: Step) -> None:
    try:
        inspect.signature(step.func).bind(*step.inputs)
    except TypeError as exc:
        raise PipelineError(f"pipeline {pipeline!r}, step {step.name!r}: inputs {step.inputs} do not fit: {exc}") from None
    except ValueError:  # builtins without a signature
        pass
