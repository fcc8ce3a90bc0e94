"""`advisory benchmark all --out FILE` writes the benchmark table for every region."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from advisory.adapters.uploaded_files import neutralised
from advisory.entrypoints.cli import app

runner = CliRunner()


def test_all_writes_every_region_with_composite_group_subgroup_and_trend(tmp_path):
    out = tmp_path / "benchmark.csv"
    result = runner.invoke(app, ["benchmark", "all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, index_col="region", keep_default_na=False, na_values=[""])
    assert table.index.is_unique and 230 <= len(table) <= 250
    assert {"name", "composite", "relative_to_eu", "group", "trend", "rank", "business_rd_normalised"} <= set(
        table.columns
    )
    assert not any(code.startswith(("TR", "ME", "MK")) for code in table.index)
    groups = table["group"].str.fullmatch(r"(Leader|Strong|Moderate|Emerging)( [+-])?|Not classified")
    assert groups.all(), table.loc[~groups, "group"]
    assert table.loc["PL21", "name"] == "Małopolskie"
    assert table.loc["DED2", "group"].split()[0] in {"Leader", "Strong"}
    assert table["trend"].notna().sum() > 200


def test_all_writes_excel_too(tmp_path):
    out = tmp_path / "benchmark.xlsx"
    assert runner.invoke(app, ["benchmark", "all", "--out", str(out)]).exit_code == 0
    assert len(pd.read_excel(out)) > 230


def test_all_refuses_other_formats(tmp_path):
    result = runner.invoke(app, ["benchmark", "all", "--out", str(tmp_path / "benchmark.txt")])
    assert result.exit_code != 0


def test_text_cells_that_look_like_formulas_are_neutralised():
    table = pd.DataFrame({"group": ["=HYPERLINK(1)", "+1", "-2", "@x", "Leader"], "composite": [0.5] * 5})
    safe = table.map(neutralised)
    assert safe["group"].tolist() == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "Leader"]
    assert safe["composite"].tolist() == [0.5] * 5
