"""Headless Chromium driven over the DevTools protocol, for browser tests of our own pages.

Every request the page makes passes the Fetch domain: a request to the served origin (or a data:/blob: URL)
goes on, any other is refused and recorded, so a test proves a page needs no other host. axe-core (vendored,
`testing/vendor/axe-core`) checks WCAG 2.1 A/AA after the page has rendered; a screenshot is kept.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from journey_platform.testing.plugin import free_port

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--lang=nl-NL",
    # Belt and braces beside the Fetch interception: no proxy reachable, no name resolves except loopback.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def find_chromium() -> str:
    """The Debian package `chromium` (installed here when running as root, as in CI); skipped elsewhere."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    apt = shutil.which("apt-get")
    if found is None and os.geteuid() == 0 and apt:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([apt, "update", "-qq"], check=False, capture_output=True, timeout=300)
        subprocess.run([apt, "install", "-y", "-qq", "chromium"], check=False, capture_output=True, timeout=600, env=env)
        found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("headless Chromium (Debian package chromium) is needed for the browser tests in CI")
        pytest.skip("chromium not installed")
    return found


@dataclass
class Page:
    """One tab: `evaluate`, `wait_for`, `axe_violations`, `screenshot`; `blocked` lists refused requests."""

    socket: Any
    origin: str
    blocked: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    _next_id: int = 0
    _pending: dict[int, asyncio.Future[Any]] = field(default_factory=dict)

    async def send(self, method: str, **params: Any) -> Any:
        self._next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        await self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        return await asyncio.wait_for(future, timeout=60)

    async def listen(self) -> None:
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message:
                future = self._pending.pop(message["id"], None)
                if future is not None and not future.done():
                    if "error" in message:
                        future.set_exception(RuntimeError(str(message["error"])))
                    else:
                        future.set_result(message.get("result", {}))
            else:
                asyncio.get_running_loop().create_task(self._event(message["method"], message.get("params", {})))

    async def _event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Fetch.requestPaused":
            url: str = params["request"]["url"]
            self.requested.append(url)
            if url.startswith((self.origin + "/", "data:", "blob:")):
                await self.send("Fetch.continueRequest", requestId=params["requestId"])
            else:
                self.blocked.append(url)
                await self.send("Fetch.failRequest", requestId=params["requestId"], errorReason="BlockedByClient")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.console_errors.append(params["entry"]["text"])
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(str(params["exceptionDetails"].get("exception", {}).get("description")))

    async def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, awaitPromise=await_promise, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def wait_for(self, expression: str, timeout: float = 30) -> None:
        """Until the expression is truthy in the page (e.g. the renderer has drawn the operations); an error while the
        page is still loading counts as not yet."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not await self.evaluate(f"(() => {{ try {{ return Boolean({expression}); }} catch (e) {{ return false; }} }})()"):
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            await asyncio.sleep(0.2)

    async def axe_violations(self, *, exclude: list[str] | None = None) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.1 A/AA violations: id, impact, help and the first offending elements."""
        await self.evaluate(AXE.read_text(encoding="utf-8"))
        context = json.dumps({"exclude": [[s] for s in exclude or []]})
        options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        script = (
            f"axe.run({context}, {options}).then(r => r.violations.map(v => ({{id: v.id, impact: v.impact, "
            "help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))"
        )
        violations: list[dict[str, Any]] = await self.evaluate(script, await_promise=True)
        return violations

    async def screenshot(self, path: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        await asyncio.to_thread(_write, path, base64.b64decode(result["data"]))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@asynccontextmanager
async def open_page(chromium: str, profile: Path, origin: str, width: int = 1400, height: int = 1000) -> AsyncIterator[Page]:
    """A fresh Chromium with one tab on about:blank, every request intercepted; `origin` is what may be reached."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--remote-debugging-port={port}",
        f"--window-size={width},{height}",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        ws_url = await _page_socket_url(port)
        async with websockets.connect(ws_url, max_size=64 * 1024 * 1024) as socket:
            page = Page(socket, origin)
            listener = asyncio.create_task(page.listen())
            for domain in ("Page", "Runtime", "Log"):
                await page.send(f"{domain}.enable")
            await page.send("Fetch.enable", patterns=[{"urlPattern": "*"}])
            try:
                yield page
            finally:
                listener.cancel()
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


async def _page_socket_url(port: int) -> str:
    async with httpx.AsyncClient(trust_env=False) as client:
        for _ in range(150):
            try:
                targets = (await client.get(f"http://127.0.0.1:{port}/json/list")).json()
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return str(pages[0]["webSocketDebuggerUrl"])
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("Chromium's DevTools endpoint did not come up")
