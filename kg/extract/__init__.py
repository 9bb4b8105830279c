"""Extraction: papers in, mentions with evidence out (design §3).

>>> from kg.extract import Extractor, build_pipeline
>>> nlp = build_pipeline()            # spacy.blank("en") + the registered kg_* components
>>> ex = Extractor(nlp)
>>> ex.nlp.pipe_names[0], ex.nlp.pipe_names[-1]
('kg_sentences', 'kg_roles')

See docs/extraction.md for what is extracted, the rules and their measured scores.
"""

from kg.extract.pipeline import COMPONENTS, Extractor, build_pipeline

__all__ = ["COMPONENTS", "Extractor", "build_pipeline"]
