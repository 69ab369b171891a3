"""The gait pipeline's contract: configured stages in, typed results out, JSON at the edge."""

from __future__ import annotations

import dataclasses
import inspect
import json

import pytest

from backstride.gait.analysis import GaitAnalysis, analyze
from backstride.gait.events import ContactToContactStrides, GroundContactDetector
from backstride.gait.results import Contact, GaitMetrics, GaitReport, ToeOff
from backstride.gait.validation.synthetic import GaitSpec, generate


@pytest.fixture(scope="module")
def backward_run():
    series, truth = generate(GaitSpec(duration_s=5, noise_px=1.0))
    return series, truth


def test_init_only_stores_its_arguments_unchanged():
    params = inspect.signature(GaitAnalysis).parameters
    given = {name: object() for name in params}
    pipeline = GaitAnalysis(**given)
    for name, value in given.items():
        assert getattr(pipeline, name) is value


def test_analyze_returns_itself_with_a_typed_report(backward_run):
    series, truth = backward_run
    pipeline = GaitAnalysis()
    assert pipeline.analyze(series) is pipeline
    report = pipeline.report_
    assert isinstance(report, GaitReport) and isinstance(report.metrics, GaitMetrics)
    assert report.contacts and all(isinstance(c, Contact) for c in report.contacts)
    assert report.toe_offs and all(isinstance(t, ToeOff) for t in report.toe_offs)
    assert [c.time_s for c in report.contacts] == sorted(c.time_s for c in report.contacts)
    assert (report.direction, report.gait) == (truth.direction, truth.gait)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.contacts[0].foot = "left"  # type: ignore[misc]


def test_shared_stage_objects_are_not_written_to(backward_run):
    detector = GroundContactDetector()
    GaitAnalysis(contact_detector=detector).analyze(backward_run[0])
    GaitAnalysis(contact_detector=detector).analyze(backward_run[0])
    assert not hasattr(detector, "contacts_")


def test_a_stage_is_exchanged_by_passing_a_configured_object(backward_run):
    series, _ = backward_run
    # Strides may last at most 10 ms: none survive, so no stride-based timing exists.
    strides = ContactToContactStrides(max_stride_s=0.01)
    report = GaitAnalysis(strides=strides).analyze(series).report_
    assert report.metrics.stride_time_s is None and report.metrics.duty_factor is None
    assert report.metrics.contact_time_s is None
    assert analyze(series).metrics.duty_factor is not None


def test_no_filter_stage_is_the_same_as_analyze_without_preprocessing(backward_run):
    series, _ = backward_run
    bare = GaitAnalysis(preprocessor=None).analyze(series).report_
    assert bare.to_dict() == analyze(series, preprocess=False).to_dict()


def test_to_dict_is_plain_json_with_every_metric_named_once(backward_run):
    d = analyze(backward_run[0]).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert list(d["metrics"]) == [f.name for f in dataclasses.fields(GaitMetrics)]
    assert set(d["contacts"][0]) == {"foot", "time_s", "strike"}
    assert isinstance(d["metrics"]["stance_from_stillness"], float)
