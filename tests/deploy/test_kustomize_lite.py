"""The renderer behaves as `kustomize build` does for the subset deploy/ uses, and refuses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .kustomize_lite import KustomizationError, render, strategic_merge

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "intake"},
    "spec": {
        "template": {
            "spec": {
                "containers": [
                    {
                        "name": "intake",
                        "image": "registry.example.nl/opvangketen/intake:latest",
                        "env": [{"name": "A", "value": "1"}],
                    },
                    {"name": "sidecar", "image": "busybox:1"},
                ]
            }
        }
    },
}


def write(directory: Path, kustomization: dict[str, object], **files: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    for name, content in files.items():
        (directory / name).write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    return directory


def test_strategic_merge_merges_containers_and_env_by_name_replaces_other_lists_and_deletes_nulls() -> None:
    patch = {"spec": {"template": {"spec": {"containers": [{"name": "intake", "env": [{"name": "B", "value": "2"}]}]}}}}
    merged = strategic_merge(DEPLOYMENT, patch)
    [intake, sidecar] = merged["spec"]["template"]["spec"]["containers"]
    assert intake["env"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]
    assert intake["image"].endswith(":latest") and sidecar["name"] == "sidecar"
    assert strategic_merge({"rules": [1, 2], "x": 1}, {"rules": [3], "x": None}) == {"rules": [3]}


def test_an_overlay_sets_namespace_labels_images_and_patches(tmp_path: Path) -> None:
    write(tmp_path / "base", {"resources": ["deployment.yaml"]}, **{"deployment.yaml": DEPLOYMENT})
    overlay = write(
        tmp_path / "overlay",
        {
            "namespace": "opvangketen",
            "resources": ["../base"],
            "labels": [{"pairs": {"team": "platform"}}],
            "images": [{"name": "registry.example.nl/opvangketen/intake", "newTag": "1.2.3"}],
            "patches": [
                {
                    "target": {"kind": "Deployment"},
                    "patch": "- {op: replace, path: /spec/template/spec/containers/1/image, value: busybox:2}",
                }
            ],
        },
    )
    [deployment] = render(overlay)
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert [c["image"] for c in containers] == ["registry.example.nl/opvangketen/intake:1.2.3", "busybox:2"]
    assert deployment["metadata"] == {"name": "intake", "namespace": "opvangketen", "labels": {"team": "platform"}}


@pytest.mark.parametrize("field", [{"configMapGenerator": []}, {"nameSuffix": "-x"}, {"replicas": []}])
def test_fields_outside_the_subset_are_refused(tmp_path: Path, field: dict[str, object]) -> None:
    with pytest.raises(KustomizationError):
        render(write(tmp_path, {"resources": [], **field}))


def test_a_patch_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "base", {"resources": ["deployment.yaml"]}, **{"deployment.yaml": DEPLOYMENT})
    overlay = write(
        tmp_path / "overlay", {"resources": ["../base"], "patches": [{"target": {"kind": "StatefulSet"}, "patch": "{spec: {}}"}]}
    )
    with pytest.raises(KustomizationError):
        render(overlay)
