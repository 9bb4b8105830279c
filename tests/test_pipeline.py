"""kg.pipeline and kg.pipelines: wiring is checked before anything runs."""

from __future__ import annotations

import pytest

from kg.errors import UnknownNameError
from kg.pipeline import Pipeline, PipelineError, Step
from kg.pipelines import PIPELINES, run_pipeline


def test_missing_input_fails_before_any_step_runs():
    ran = []
    pipeline = Pipeline("p", "", (Step("a", lambda x: ran.append(x), ("x",), "y"), Step("b", lambda y, z: None, ("y", "z"))))
    with pytest.raises(PipelineError, match="needs inputs: z"):
        pipeline.run(x=1)
    assert ran == []


def test_step_whose_function_does_not_take_its_inputs_is_rejected():
    pipeline = Pipeline("p", "", (Step("a", lambda x: x, ("x", "extra"), "y"),))
    with pytest.raises(PipelineError, match="step 'a'"):
        pipeline.run(x=1, extra=2)


@pytest.mark.parametrize("name", sorted(PIPELINES))
def test_named_pipelines_are_wired(name):
    pipeline = PIPELINES[name]
    pipeline.check(pipeline.inputs)


def test_unknown_pipeline_lists_the_valid_ones():
    with pytest.raises(UnknownNameError, match="build, extract"):
        run_pipeline("bulid")
