"""Pure engines import no Django and no DRF (STYLE.md): each is imported in a fresh interpreter."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Every pure module: add new engines here as they appear.
PURE_MODULES = [
    "lessons.japanese",
    "lessons.japanese.furigana",
    "lessons.japanese.kana",
    "lessons.japanese.text",
    "lessons.japanese.ruby",
    "tests.bench.furigana",
    "lessons.exercises",
    "lessons.anki",
    "tests.bench.anki",
    "lessons.transfer",
    "hub.markdown",
    "hub.directory",
    "hub.hours",
    "hub.reading",
    "hub.search_text",
    "hub.hsds",
    "letters.workflow",
    "letters.screening",
    "letters.scans",
    "letters.tokens",
    "lessons.japanese.analysis",
    "lessons.japanese.speech",
]
PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"django", "rest_framework"})))
"""


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_engine_imports_no_django(module):
    if (
        not (ROOT / module.replace(".", "/")).exists()
        and not (ROOT / (module.replace(".", "/") + ".py")).exists()
    ):
        pytest.fail(f"{module} is listed as a pure engine but does not exist")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_guard_notices_a_module_that_imports_django(tmp_path):
    (tmp_path / "impure_engine.py").write_text("import django.utils.html\n")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "impure_engine"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "django" in json.loads(out.stdout.strip().splitlines()[-1])[0]
