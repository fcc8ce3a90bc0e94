"""Benchmarking (stage 3): RIS-style scores, composite, performance group and peer comparison."""

from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.models import BenchmarkingInputs, BenchmarkingResult, IndicatorScore, PeerRegion

__all__ = ["BenchmarkingInputs", "BenchmarkingResult", "IndicatorScore", "PeerRegion", "build_benchmarking_report"]
