"""The analysts' notebook runs top to bottom against a real Neo4j.

Its cells assert what they show (区应急局 leads more than ten tasks, the
catalog agrees with hand-written Cypher, the drawn neighbourhood has every
neighbour), so a notebook that executes is a notebook whose claims hold. It
starts from an empty server, so its "load if empty" step is what fills it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from graph.build import build
from tests.conftest import ROOT

pytestmark = pytest.mark.neo4j

NOTEBOOK = ROOT / "examples" / "notebook.ipynb"


def kernel_python() -> str:
    """The interpreter the `python3` kernel starts: jupyter_client runs a spec
    whose argv[0] is plain `python` with the current interpreter."""
    argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
    return sys.executable if argv0 in {"python", "python3", f"python3.{sys.version_info.minor}"} else argv0


def test_notebook_executes_and_loads_the_gazette(neo4j, extraction):
    assert Path(kernel_python()).resolve() == Path(sys.executable).resolve(), (
        "the python3 kernel is not this venv's; run `.venv/bin/python -m ipykernel install --sys-prefix`")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # The notebook found the server empty and loaded exactly the bundled gazette.
    expected = build(extraction.facts).counts()
    assert {k: v for k, v in neo4j.counts().items() if v} == expected
    # The neighbourhood cell drew a picture.
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) == 1
