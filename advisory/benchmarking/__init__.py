"""Benchmarking (stage 3): RIS-style scores, composite, performance group and peer comparison."""

from advisory.benchmarking.models import BenchmarkingInputs, BenchmarkingResult, IndicatorScore, PeerRegion
from advisory.benchmarking.report import build_benchmarking_report

__all__ = ["BenchmarkingInputs", "BenchmarkingResult", "IndicatorScore", "PeerRegion", "build_benchmarking_report"]
