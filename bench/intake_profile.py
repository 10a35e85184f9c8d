"""Where intake's time goes on the write path: py-spy samples intake's process while reports are POSTed.

    .venv/bin/pip install py-spy            # a profiler, not a dependency of the platform
    .venv/bin/python bench/intake_profile.py [--reports 1500] [--concurrency 16] [--top 25]

Starts a local broker and intake (uvicorn, PostgreSQL), POSTs the reports as bench/intake_throughput.py does, and
records intake with `py-spy record --format raw` over the POST phase (also the relay's publishing, which runs in the
same process). Prints the share of samples per part of the request path (the innermost one on the stack),
and the packages the samples' innermost frames are in (self time). Writes the raw stacks to
bench/results/intake_profile.txt (input for flamegraph.pl or speedscope).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from journey_platform.devbroker import LocalBroker
from journey_platform.devissuer import DevIssuer
from journey_platform.testing.databases import create_service_database, drop_service_database, postgres_available
from journey_platform.testing.plugin import free_port, service_dir

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))
from intake_throughput import post_reports, start_service, wait_ready  # noqa: E402  (a sibling script)

# Parts of the request path, outermost first: a sample counts for the innermost part one of whose names appears in
# a frame of its stack (the rest of the middleware stack and the event loop: "other").
PARTS = {
    "processing log (middleware)": ("privacy/middleware", "privacy/recorder.py"),
    "rate limit (middleware)": ("web/rate_limit.py",),
    "OpenTelemetry": ("opentelemetry",),
    "token verification": ("verified_principal", "auth.py", "jwt/"),
    "outbox relay (publishing)": ("messaging/relay.py", "messaging/relay_healing.py"),
    "registreer_melding (other)": ("registreer_melding",),
    "identity (find or create the person)": ("service_layer/identity.py",),
    "episode (open or join)": ("service_layer/episodes.py",),
    "unit of work commit (outbox rows, commit)": ("messaging/uow.py",),
    "one-statement write (report, outbox, log rows)": ("messaging/one_statement.py",),
    "ORM flush": ("Session.flush", "Session._flush"),
    "pool checkout / pre-ping": ("_do_ping", "do_ping", "_checkout"),
}


def start_py_spy(pid: int, output: Path, duration: int) -> subprocess.Popen[bytes]:
    py_spy = shutil.which("py-spy", path=str(ROOT / ".venv" / "bin")) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("py-spy is not installed: .venv/bin/pip install py-spy")
    command = [py_spy, "record", "--pid", str(pid), "--format", "raw", "--output", str(output), "--rate", "250"]
    command += ["--duration", str(duration), "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def summarise(raw: Path, top: int) -> None:
    samples = 0
    parts: collections.Counter[str] = collections.Counter()
    packages: collections.Counter[str] = collections.Counter()
    names = list(PARTS.items())
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue  # a frame name with a line break in it (SQLAlchemy's generated functions) splits its stack
        count = int(count_text)
        samples += count
        frames = stack.split(";")
        part = "other (uvicorn, starlette, the event loop, idle)"
        for frame in reversed(frames):  # innermost first
            matched = next((name for name, needles in names if any(n in frame for n in needles)), None)
            if matched is not None:
                part = matched
                break
        parts[part] += count
        leaf = frames[-1]
        path = leaf[leaf.rfind("(") + 1 :].split("/")[0].split(":")[0] if "(" in leaf else leaf
        packages[path] += count
    if not samples:
        raise SystemExit("py-spy recorded no samples")
    print(f"{samples} samples of intake over the POST phase, by the innermost part of the request path on the stack:")
    for part, count in parts.most_common():
        print(f"  {100 * count / samples:5.1f}%  {part}")
    print(f"by the package of the innermost frame (self time, top {top}):")
    for package, count in packages.most_common(top):
        print(f"  {100 * count / samples:5.1f}%  {package}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    raw = RESULTS / "intake_profile.txt"
    broker = LocalBroker(free_port())
    broker.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            use_pg = await asyncio.to_thread(postgres_available)
            url = await asyncio.to_thread(create_service_database, "intake", service_dir("intake"), Path(tmp), use_pg)
            issuer = DevIssuer(Path(tmp) / "issuer")
            issuer.write_jwks()
            env = {
                **os.environ,
                "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
                "AUTH_JWKS_FILE": str(issuer.jwks_file),
                "INTAKE_DATABASE_URL": url,
                "ENVIRONMENT": "test",
            }
            port = free_port()
            proc = start_service("intake", port, env)
            try:
                await wait_ready(f"http://127.0.0.1:{port}/readyz")
                headers = {"Authorization": f"Bearer {issuer.mint('centrale-toegang', 'CT-IJSSEL-VECHT')}"}
                base = f"http://127.0.0.1:{port}"
                await post_reports(base, headers, 100, args.concurrency)  # warm-up
                spy = start_py_spy(proc.pid, raw, duration=600)
                await asyncio.sleep(1.0)  # py-spy attached
                seconds, _ = await post_reports(base, headers, args.reports, args.concurrency)
                spy.send_signal(2)  # SIGINT: py-spy writes what it has
                await asyncio.to_thread(spy.wait, 60)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
                await asyncio.to_thread(drop_service_database, url)
    finally:
        broker.stop()
    print(f"{args.reports} reports in {seconds:.1f}s ({args.reports / seconds:.0f}/s)")
    summarise(raw, args.top)


if __name__ == "__main__":
    asyncio.run(main())
