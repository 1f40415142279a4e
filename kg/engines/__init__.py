"""The one registry of engines: SHACL validators and OWL 2 RL reasoners.

The CLI's choices, the build's scheduling and the install hints all read
``VALIDATORS`` and ``REASONERS``; adding an engine is one entry here and its
function in ``validators.py`` or ``reasoners.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from kg.errors import KGError

# The Rust engines build by default; owlrl and pyshacl stay selectable as the references.
DEFAULT_VALIDATOR = "rudof"
DEFAULT_REASONER = "reasonable"


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # the Python module it needs (a dependency of this package)
    implementation: str  # "module:function" in kg.engines
    description: str
    outside_gil: bool = False  # works outside Python's lock: the build goes on meanwhile
    reads_ntriples: bool = False  # takes the data as N-Triples bytes rather than an rdflib graph
    validates_changes: bool = False  # validates only what changed since a graph that conformed

    def available(self) -> bool:
        return find_spec(self.module) is not None

    def require(self) -> None:
        if not self.available():
            raise KGError(f"{self.name!r} is not installed: pip install {self.module}")

    def load(self) -> Callable:
        module, _, function = self.implementation.partition(":")
        return getattr(import_module(f"kg.engines.{module}"), function)


VALIDATORS: dict[str, Engine] = {
    e.name: e
    for e in (
        Engine("pyshacl", "pyshacl", "validators:pyshacl_report", "the reference"),
        Engine(
            "rudof",
            "pyrudof",
            "validators:rudof_report",
            "Rust, about 10x faster than the reference, the same violations",
            outside_gil=True,
            reads_ntriples=True,
            validates_changes=True,
        ),
    )
}
REASONERS: dict[str, Engine] = {
    e.name: e
    for e in (
        Engine("owlrl", "owlrl", "reasoners:owlrl_closure", "the reference"),
        Engine(
            "reasonable",
            "reasonable",
            "reasoners:reasonable_closure",
            "Rust, about 7x faster than the reference, the same result",
        ),
    )
}


def choices_help(engines: dict[str, Engine]) -> str:
    """The engines as --help describes them."""
    return "; ".join(f"{e.name}: {e.description}" for e in engines.values()) + "."
