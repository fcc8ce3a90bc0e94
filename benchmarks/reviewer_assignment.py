"""Benchmark: assign reviewers to 240 host regions from a pool of 1,000, all at once, and report the time.

Run: PYTHONPATH=. python benchmarks/reviewer_assignment.py [--hosts 240] [--reviewers 1000] [--per-host 3]
"""

from __future__ import annotations

import argparse
import random
import time

from advisory.stages.peer_review.assignment import Host, assign_reviewers
from advisory.stages.peer_review.pool import Reviewer

COUNTRIES = [
    "AT",
    "BE",
    "CZ",
    "DE",
    "DK",
    "EE",
    "EL",
    "ES",
    "FI",
    "FR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LV",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
    "BG",
    "CY",
    "LU",
    "MT",
]
SECTORS = [
    "agri-food",
    "aerospace",
    "renewable energy",
    "microelectronics",
    "mechanical engineering",
    "life sciences",
    "bio-economy",
    "health",
    "ICT",
    "eco-industries",
    "wood processing",
    "automotive",
    "creative industries",
    "mobile services",
    "sustainable energy",
    "textiles",
]
THEMES = [
    "internationalisation",
    "SME access to clusters",
    "value chains",
    "governance",
    "cross-sectoral collaboration",
    "smart specialisation",
    "emerging industries",
    "entrepreneurship",
]
LANGUAGES = ["de", "es", "fr", "it", "pl", "hu", "sk", "sl", "cs", "nl", "pt"]


def random_hosts(count: int, rng: random.Random) -> list[Host]:
    return [
        Host(
            code=f"{country}{index:02d}"[:5],
            country=country,
            languages=["en", rng.choice(LANGUAGES)],
            sectors=rng.sample(SECTORS, 3),
            themes=rng.sample(THEMES, 2),
        )
        for index in range(count)
        for country in [COUNTRIES[index % len(COUNTRIES)]]
    ]


def random_pool(count: int, hosts: list[Host], rng: random.Random) -> list[Reviewer]:
    pool = []
    for index in range(count):
        home = rng.choice(hosts)
        speaks = ["en"] if rng.random() < 0.85 else []
        pool.append(
            Reviewer(
                id=f"reviewer-{index:04d}",
                name=f"Reviewer {index}",
                organisation="Agency",
                country=home.country,
                home_region=home.code,
                sectors=rng.sample(SECTORS, 2),
                themes=rng.sample(THEMES, 2),
                languages=speaks + rng.sample(LANGUAGES, 1),
                max_assignments=rng.randint(1, 3),
            )
        )
    return pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=240)
    parser.add_argument("--reviewers", type=int, default=1000)
    parser.add_argument("--per-host", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    hosts = random_hosts(args.hosts, rng)
    pool = random_pool(args.reviewers, hosts, rng)
    started = time.perf_counter()
    assignment = assign_reviewers(hosts, pool, per_host=args.per_host)
    elapsed = time.perf_counter() - started
    used = {a.reviewer_id for chosen in assignment.values() for a in chosen}
    print(
        f"{len(hosts)} hosts x {len(pool)} reviewers, {args.per_host} per host: "
        f"{sum(map(len, assignment.values()))} assignments, {len(used)} reviewers used, {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
