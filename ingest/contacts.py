"""(being written)"""
from ingest.facts import Fact
from ingest.segment import Section
from ingest.text import Text


def extract(text: Text, section: Section) -> list[Fact]:
    return []
