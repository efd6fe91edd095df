"""(being written)"""
from ingest.facts import Fact


def resolve(facts: list[Fact]) -> list[Fact]:
    return facts
