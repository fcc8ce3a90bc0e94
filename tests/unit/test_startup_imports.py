"""The command line, `advisory status` and the portal start without the stages' heavy libraries.

scipy, matplotlib and pandas take most of a second to import; only running a stage needs them.
Measured in a fresh interpreter, as a person starting the command would.
"""

from __future__ import annotations

import json
import subprocess
import sys

from advisory.settings import PROJECT_ROOT

HEAVY = ("scipy", "matplotlib", "pandas", "prefect")

LOADS = """
import json, sys
from advisory.entrypoints.cli import app
from advisory.entrypoints.web.app import create_app
from advisory.services.status import status_matrix
from advisory.stages.table import INPUT_KINDS
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def test_the_cli_the_status_and_the_portal_load_no_stage_libraries_and_no_prefect():
    code = LOADS.format(heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
