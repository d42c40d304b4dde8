"""Model path resolution and the model check, on real folders (and the real model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from model_fakes import FILES

from voice.errors import ModelError
from voice.hearing.models import check_model, load_model, resolve_model_path


def fake_model(folder: Path, graph: str = "dynamic") -> Path:
    """The file layout Vosk looks for, with the smallest contents check_model reads as whole."""
    names = ["am/final.mdl", "conf/mfcc.conf", "conf/model.conf"]
    names += ["graph/HCLr.fst", "graph/Gr.fst"] if graph == "dynamic" else ["graph/HCLG.fst"]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(FILES[name])
    return folder


def test_explicit_path_wins_over_environment_and_search(tmp_path: Path) -> None:
    found = fake_model(tmp_path / "models" / "vosk-model-small-en-us-0.15")
    explicit, env = tmp_path / "mine", tmp_path / "env"
    assert resolve_model_path(explicit, env, [found.parent]) == explicit
    assert resolve_model_path(None, env, [found.parent]) == env
    assert resolve_model_path(None, None, [found.parent]) == found


def test_search_prefers_project_folder_then_user_folder(tmp_path: Path) -> None:
    project, user = tmp_path / "project", tmp_path / "user"
    project.mkdir()
    theirs = fake_model(user / "vosk-model-en-us-0.22")
    assert resolve_model_path(None, None, [project, user]) == theirs
    ours = fake_model(project / "vosk-model-small-en-us-0.15")
    fake_model(project / "vosk-model-zz")
    assert resolve_model_path(None, None, [project, user]) == ours


def test_a_folder_that_is_itself_a_model_is_used(tmp_path: Path) -> None:
    model = fake_model(tmp_path / "models")
    assert resolve_model_path(None, None, [model]) == model


def test_nothing_found_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="backcoach models download"):
        resolve_model_path(None, None, [tmp_path / "nope", tmp_path])


def test_check_model_names_the_missing_files(tmp_path: Path) -> None:
    model = fake_model(tmp_path / "m")
    (model / "am" / "final.mdl").unlink()
    with pytest.raises(ModelError, match=r"missing am/final\.mdl.*backcoach models download"):
        check_model(model)
    with pytest.raises(ModelError, match="does not exist"):
        check_model(tmp_path / "absent")


def test_empty_file_counts_as_corrupt(tmp_path: Path) -> None:
    model = fake_model(tmp_path / "m")
    (model / "graph" / "Gr.fst").write_bytes(b"")
    with pytest.raises(ModelError, match="incomplete or corrupt"):
        check_model(model)


def test_static_graph_model_cannot_take_a_grammar(tmp_path: Path) -> None:
    model = fake_model(tmp_path / "big", graph="static")
    assert check_model(model, grammar=False) == model
    with pytest.raises(ModelError, match="cannot take a grammar"):
        check_model(model)


@pytest.mark.model
def test_real_model_loads_and_a_truncated_copy_fails_in_one_sentence(
    vosk_model_path: Path, tmp_path: Path
) -> None:
    assert load_model(vosk_model_path) is not None
    broken = tmp_path / "broken"
    shutil.copytree(vosk_model_path, broken)
    (broken / "am" / "final.mdl").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="am/final.mdl is damaged.*backcoach models download"):
        load_model(broken)


def test_the_project_models_folder_is_the_one_beside_the_readme() -> None:
    """A model put in <project>/models is found (models/README.md); the resolver must look
    there from its room (voice/hearing/), not in voice/models."""
    from voice.hearing.models import PROJECT_MODELS_DIR

    assert Path(__file__).resolve().parents[2] / "models" == PROJECT_MODELS_DIR
    assert (PROJECT_MODELS_DIR / "README.md").is_file()
