"""Renders a Kustomize overlay in Python, for the subset of Kustomize that deploy/ uses.

There is no kustomize binary here (nor a PyPI package that renders it), so the tests render with this
and validate the result. It follows `kustomize build` for: `resources` (files and directories),
`namespace`, `labels` (metadata labels only: includeSelectors/includeTemplates false), `images`
(newName/newTag/digest) and `patches` (strategic merge or JSON 6902, from `path` or inline `patch`,
with or without a `target` of kind and name). A strategic merge replaces lists, except the Kubernetes
lists merged by name (containers, env, volumes, ...), and deletes keys patched to null.
Anything else in a kustomization.yaml is refused, so the subset cannot silently drift from Kustomize.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]
SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"}
MERGED_BY_NAME = {"containers", "initContainers", "env", "volumes", "volumeMounts", "imagePullSecrets"}
CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
}
POD_TEMPLATE_PATHS = (("spec", "template", "spec"), ("spec", "jobTemplate", "spec", "template", "spec"))


class KustomizationError(ValueError):
    pass


def load_documents(path: Path) -> list[Resource]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def render(directory: Path) -> list[Resource]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise KustomizationError(f"{directory}: unsupported fields {sorted(unknown)}")
    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        path = (directory / entry).resolve()
        resources += render(path) if path.is_dir() else load_documents(path)
    for patch in kustomization.get("patches", []):
        _apply_patch(directory, patch, resources)
    for image in kustomization.get("images", []):
        _set_image(image, resources)
    for label_set in kustomization.get("labels", []):
        if label_set.get("includeSelectors") or label_set.get("includeTemplates"):
            raise KustomizationError("labels: only metadata labels are supported")
        for resource in resources:
            resource.setdefault("metadata", {}).setdefault("labels", {}).update(label_set["pairs"])
    if namespace := kustomization.get("namespace"):
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = namespace
    return resources


def _apply_patch(directory: Path, patch: dict[str, Any], resources: list[Resource]) -> None:
    if set(patch) - {"path", "patch", "target"}:
        raise KustomizationError(f"unsupported patch fields {sorted(set(patch) - {'path', 'patch', 'target'})}")
    body = yaml.safe_load((directory / patch["path"]).read_text() if "path" in patch else patch["patch"])
    target = patch.get("target") or {"kind": body["kind"], "name": body["metadata"]["name"]}
    if set(target) - {"kind", "name"}:
        raise KustomizationError("patch targets select by kind and name only")
    matched = [
        r for r in resources if all(r["kind"] == v if k == "kind" else r["metadata"]["name"] == v for k, v in target.items())
    ]
    if not matched:
        raise KustomizationError(f"patch target {target} matches nothing")
    for resource in matched:
        if isinstance(body, list):
            _json6902(resource, body)
        else:
            merged = strategic_merge(resource, {k: v for k, v in body.items() if k not in ("apiVersion", "kind")})
            merged["metadata"]["name"] = resource["metadata"]["name"]  # a targeted patch's own name does not count
            resource.clear()
            resource.update(merged)


def strategic_merge(base: Any, patch: Any, key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = copy.deepcopy(base)
        for k, v in patch.items():
            if v is None:
                merged.pop(k, None)
            else:
                merged[k] = strategic_merge(base.get(k), v, k) if k in base else copy.deepcopy(v)
        return merged
    if isinstance(base, list) and isinstance(patch, list) and key in MERGED_BY_NAME:
        merged_list = copy.deepcopy(base)
        for item in patch:
            same = next((i for i, b in enumerate(merged_list) if b.get("name") == item.get("name")), None)
            if same is None:
                merged_list.append(copy.deepcopy(item))
            else:
                merged_list[same] = strategic_merge(merged_list[same], item, "")
        return merged_list
    return copy.deepcopy(patch)


def _json6902(resource: Resource, operations: list[dict[str, Any]]) -> None:
    for op in operations:
        *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].lstrip("/").split("/")]
        node: Any = resource
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        index: Any = int(last) if isinstance(node, list) and last != "-" else last
        if op["op"] in ("add", "replace"):
            if isinstance(node, list) and op["op"] == "add":
                node.insert(len(node) if index == "-" else index, op["value"])
            else:
                node[index] = op["value"]
        elif op["op"] == "remove":
            del node[index]
        else:
            raise KustomizationError(f"unsupported JSON patch op {op['op']}")


def _set_image(image: dict[str, Any], resources: list[Resource]) -> None:
    for resource in resources:
        for path in POD_TEMPLATE_PATHS:
            pod: Any = resource
            for part in path:
                pod = pod.get(part) if isinstance(pod, dict) else None
            for container in (pod or {}).get("containers", []) + (pod or {}).get("initContainers", []):
                name, _, _ = container["image"].partition("@")
                tagged = ":" in name.rsplit("/", 1)[-1]
                repository, tag = name.rsplit(":", 1) if tagged else (name, None)
                if repository != image["name"]:
                    continue
                repository = image.get("newName", repository)
                tag = image.get("newTag", tag)
                if "digest" in image:
                    container["image"] = f"{repository}@{image['digest']}"
                else:
                    container["image"] = f"{repository}:{tag}" if tag else repository
