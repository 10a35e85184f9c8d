"""The rendered overlays, validated offline: Kubernetes schemas, custom resources, and what the platform promises."""

from __future__ import annotations

import importlib
import inspect
import typing
from collections import Counter
from dataclasses import MISSING, fields, is_dataclass
from typing import Any

import kubernetes_validate

from journey_platform.contracts.base import registry, topic_for
from journey_platform.messaging.consumer import dead_letter_topic
from journey_platform.testing.plugin import SERVICES

from .conftest import ROOT
from .tools import load_documents

# The oldest Kubernetes the platform supports; kubernetes-validate ships the schemas offline.
KUBERNETES_VERSION = "1.32.0"
# Kinds of the operators the platform relies on. Their CRD schemas are not shipped with
# kubernetes-validate and cannot be fetched here, so they are checked structurally below.
CUSTOM_KINDS = {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "ScheduledBackup"}
# Secrets the platform reads but never holds: made by the operators (CloudNativePG, Strimzi) or by
# whoever runs the platform (docs/operations.md). No Secret resource may be rendered from the repository.
EXTERNAL_SECRETS = (
    {f"{s}-db-app" for s in SERVICES}
    | set(SERVICES)
    | {"intake-bsn-keys", "processing-log-key", "reporting-subscription-keys", "opvangketen-cluster-ca-cert"}
)
TOPICS = {
    "opvangketen.intake",
    "opvangketen.placement",
    "opvangketen.housing",
    "opvangketen.placement.dlt",
    "opvangketen.housing.dlt",
    "opvangketen.reporting.dlt",
}

Resources = list[dict[str, Any]]


def of_kind(resources: Resources, kind: str) -> dict[str, dict[str, Any]]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


def pod_specs(resources: Resources) -> list[tuple[str, dict[str, Any]]]:
    return [(r["metadata"]["name"], r["spec"]["template"]["spec"]) for r in resources if r["kind"] in ("Deployment", "Job")]


def test_every_built_in_resource_is_valid_for_the_target_kubernetes(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    for resource in resources:
        if resource["kind"] in CUSTOM_KINDS:
            continue
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)


def test_the_ops_job_is_valid_and_restricted() -> None:
    [job] = load_documents(ROOT / "deploy" / "ops" / "kafka-ops-job.yaml")
    kubernetes_validate.validate(job, KUBERNETES_VERSION, strict=True)
    [container] = job["spec"]["template"]["spec"]["containers"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["env"][0] == {"name": "KAFKA_USERNAME", "value": "opvangketen-ops"}


def test_names_are_unique_and_everything_lives_in_the_overlay_namespace(overlay: tuple[str, Resources]) -> None:
    name, resources = overlay
    keys = Counter((r["kind"], r["metadata"]["name"]) for r in resources)
    assert [k for k, n in keys.items() if n > 1] == []
    namespace = "opvangketen" if name == "production" else f"opvangketen-{name}"
    assert {r["metadata"].get("namespace") for r in resources if r["kind"] != "Namespace"} == {namespace}


def test_each_service_has_its_full_set_of_resources(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    for service in SERVICES:
        for kind, name in [
            ("Deployment", service),
            ("Service", service),
            ("HorizontalPodAutoscaler", service),
            ("PodDisruptionBudget", service),
            ("NetworkPolicy", service),
            ("NetworkPolicy", f"{service}-db"),
            ("Job", f"{service}-migrate"),
            ("ConfigMap", f"{service}-config"),
            ("Cluster", f"{service}-db"),
            ("ScheduledBackup", f"{service}-db-daily"),
            ("KafkaUser", service),
            ("ServiceAccount", service),
        ]:
            assert name in of_kind(resources, kind), f"{kind}/{name} missing"
    backends = {
        p["backend"]["service"]["name"]
        for rule in of_kind(resources, "Ingress")["opvangketen-api"]["spec"]["rules"]
        for p in rule["http"]["paths"]
    }
    assert backends == set(SERVICES)


def test_pods_run_restricted(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    for name, pod in pod_specs(resources):
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        assert pod["automountServiceAccountToken"] is False, name
        for container in pod["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True and security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            assert {"requests", "limits"} <= set(container["resources"]), name
            writable = {"name": "tmp", "mountPath": "/tmp"}  # noqa: S108 - the one writable place, an emptyDir
            assert writable in container["volumeMounts"], f"{name}: a read-only root needs /tmp mounted"


def test_deployments_probe_health_and_readiness_and_spread(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    for name, deployment in of_kind(resources, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        [container] = pod["containers"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        assert {c["topologyKey"] for c in pod["topologySpreadConstraints"]} == {
            "topology.kubernetes.io/zone",
            "kubernetes.io/hostname",
        }
        assert "replicas" not in deployment["spec"], "the HorizontalPodAutoscaler owns the replica count"
        assert pod["terminationGracePeriodSeconds"] > 20 + 5, "uvicorn's drain (20s) plus the preStop pause must fit"


def test_no_secret_values_only_references_to_secrets_made_elsewhere(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    assert not of_kind(resources, "Secret")
    referenced = set()
    for _, pod in pod_specs(resources):
        for container in pod["containers"]:
            for variable in container.get("env", []):
                if "valueFrom" in variable:
                    referenced.add(variable["valueFrom"]["secretKeyRef"]["name"])
                else:
                    assert not any(w in variable["name"] for w in ("PASSWORD", "KEY", "SECRET")), variable["name"]
        referenced |= {v["secret"]["secretName"] for v in pod["volumes"] if "secret" in v}
    assert referenced <= EXTERNAL_SECRETS
    for config_map in of_kind(resources, "ConfigMap").values():
        assert not any(w in key for key in config_map["data"] for w in ("PASSWORD", "SECRET", "BSN"))


def test_each_service_reaches_only_its_own_database(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    policies = of_kind(resources, "NetworkPolicy")
    for service in SERVICES:
        for name in (service, f"{service}-migrate"):
            databases = {
                peer["podSelector"]["matchLabels"]["cnpg.io/cluster"]
                for rule in policies[name]["spec"]["egress"]
                for peer in rule.get("to", [])
                if "cnpg.io/cluster" in peer.get("podSelector", {}).get("matchLabels", {})
            }
            assert databases == {f"{service}-db"}, name
        assert "ingress" not in policies[f"{service}-migrate"]["spec"]


def test_kafka_topics_users_and_acls_hang_together(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    [kafka] = of_kind(resources, "Kafka").values()
    cluster = kafka["metadata"]["name"]
    topics = {t["spec"]["topicName"]: t for t in of_kind(resources, "KafkaTopic").values()}
    assert set(topics) >= TOPICS
    for topic in topics.values():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == cluster
        assert topic["spec"]["replicas"] == 3 and topic["spec"]["partitions"] == 6
        assert int(topic["spec"]["config"]["retention.ms"]) > 0 and topic["spec"]["config"]["min.insync.replicas"] == 2
    assert sum(p["spec"]["replicas"] for p in of_kind(resources, "KafkaNodePool").values()) >= 3
    users = of_kind(resources, "KafkaUser")
    for user in users.values():
        assert user["metadata"]["labels"]["strimzi.io/cluster"] == cluster
        for acl in user["spec"]["authorization"]["acls"]:
            resource = acl["resource"]
            if resource["type"] == "topic" and resource["patternType"] == "literal":
                assert resource["name"] in topics, f"ACL on a topic that does not exist: {resource}"
    public = [
        a for u in users.values() for a in u["spec"]["authorization"]["acls"] if a["resource"]["name"] == "opvangketen.public."
    ]
    assert {op for a in public for op in a["operations"]} >= {"Read", "Write"}
    internal_readers = {
        n
        for n, u in users.items()
        for a in u["spec"]["authorization"]["acls"]
        if a["resource"]["name"] in TOPICS | {"opvangketen."} and "Read" in a["operations"]
    }
    assert "gemeente-gm0193" not in internal_readers


def test_databases_are_highly_available_in_production_and_backed_up(overlay: tuple[str, Resources]) -> None:
    name, resources = overlay
    for cluster in of_kind(resources, "Cluster").values():
        spec = cluster["spec"]
        assert spec["instances"] == (3 if name == "production" else 1)
        assert spec["backup"]["barmanObjectStore"]["s3Credentials"]["accessKeyId"]["name"] == "backup-s3"
        assert spec["bootstrap"]["initdb"]["owner"] == cluster["metadata"]["name"].removesuffix("-db")


def test_production_runs_released_images_and_development_the_main_branch(overlay: tuple[str, Resources]) -> None:
    name, resources = overlay
    tag = "1.0.0" if name == "production" else "main"
    images = {c["image"] for _, pod in pod_specs(resources) for c in pod["containers"]}
    assert images == {f"registry.example.nl/opvangketen/{s}:{tag}" for s in SERVICES}


def test_topics_and_acls_follow_what_the_code_produces_and_consumes(overlay: tuple[str, Resources]) -> None:
    """Derived from the event contracts and each service's subscription, so a new producer or a new
    followed topic cannot ship without its KafkaTopic and ACLs."""
    _, resources = overlay
    topics = {t["spec"]["topicName"] for t in of_kind(resources, "KafkaTopic").values()}
    producers = {contract.producer for contract in registry().values()}
    assert {contract.topic() for contract in registry().values()} <= topics
    users = of_kind(resources, "KafkaUser")
    for service in SERVICES:
        acls = {
            (a["resource"]["type"], a["resource"]["name"], op)
            for a in users[service]["spec"]["authorization"]["acls"]
            for op in a["operations"]
        }
        if service in producers:
            assert ("topic", topic_for(service), "Write") in acls, service
        bootstrap = importlib.import_module(f"{service}.bootstrap")
        if hasattr(bootstrap, "subscription"):
            # Only its name and the producers it follows are read here; the handlers' context is a placeholder.
            subscription = bootstrap.subscription(*placeholders(bootstrap.subscription))
            assert dead_letter_topic(subscription.name) in topics
            assert {("group", subscription.name, "Read"), ("topic", dead_letter_topic(subscription.name), "Write")} <= acls
            assert {("topic", topic_for(p), "Read") for p in subscription.producers} <= acls, service


# Fields of the custom resources as their CRDs define them (Strimzi v1beta2, CloudNativePG v1), for the
# parts deploy/ uses: a misspelt field would be dropped or refused by the API server, so it fails here.
CUSTOM_SPEC_FIELDS = {
    ("kafka.strimzi.io/v1beta2", "Kafka"): {
        "kafka",
        "entityOperator",
        "cruiseControl",
        "kafkaExporter",
        "clientsCa",
        "clusterCa",
    },
    ("kafka.strimzi.io/v1beta2", "KafkaNodePool"): {"replicas", "roles", "storage", "resources", "jvmOptions", "template"},
    ("kafka.strimzi.io/v1beta2", "KafkaTopic"): {"topicName", "partitions", "replicas", "config"},
    ("kafka.strimzi.io/v1beta2", "KafkaUser"): {"authentication", "authorization", "quotas", "template"},
    ("postgresql.cnpg.io/v1", "Cluster"): {
        "instances",
        "imageName",
        "primaryUpdateStrategy",
        "bootstrap",
        "storage",
        "resources",
        "affinity",
        "backup",
        "postgresql",
        "monitoring",
        "externalClusters",
        "managed",
    },
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): {"schedule", "backupOwnerReference", "cluster", "immediate", "method"},
}
ACL_OPERATIONS = {
    "Read",
    "Write",
    "Create",
    "Delete",
    "Alter",
    "Describe",
    "ClusterAction",
    "AlterConfigs",
    "DescribeConfigs",
    "IdempotentWrite",
    "All",
}


def test_custom_resources_use_only_fields_their_crds_define(overlay: tuple[str, Resources]) -> None:
    _, resources = overlay
    for resource in resources:
        if resource["kind"] not in CUSTOM_KINDS:
            continue
        allowed = CUSTOM_SPEC_FIELDS[(resource["apiVersion"], resource["kind"])]
        assert set(resource["spec"]) <= allowed, (resource["kind"], set(resource["spec"]) - allowed)
        if resource["kind"] == "KafkaUser":
            assert resource["spec"]["authentication"]["type"] in ("scram-sha-512", "tls")
            for acl in resource["spec"]["authorization"]["acls"]:
                assert set(acl) <= {"resource", "operations", "host", "type"}
                assert set(acl["operations"]) <= ACL_OPERATIONS
                assert acl["resource"]["type"] in ("topic", "group", "cluster", "transactionalId")
                assert acl["resource"]["patternType"] in ("literal", "prefix")
        if resource["kind"] == "KafkaNodePool":
            assert set(resource["spec"]["roles"]) <= {"controller", "broker"}
        if resource["kind"] == "Cluster":
            assert set(resource["spec"]["backup"]) <= {"retentionPolicy", "barmanObjectStore", "target", "volumeSnapshot"}


def placeholders(function: Any) -> list[Any]:
    """An argument for each required parameter: a dataclass (a service's context) with None in its required fields,
    so that `dataclasses.replace` works on it; None for anything else."""
    hints = typing.get_type_hints(function)
    found: list[Any] = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not parameter.empty:
            continue
        kind = hints.get(parameter.name)
        if isinstance(kind, type) and is_dataclass(kind):
            required = [f.name for f in fields(kind) if f.init and f.default is MISSING and f.default_factory is MISSING]
            found.append(kind(**dict.fromkeys(required)))
        else:
            found.append(None)
    return found
