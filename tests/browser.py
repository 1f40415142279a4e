"""Headless Chromium for the tests, driven over its DevTools protocol (a
WebSocket, with the test extra's websockets): real mouse clicks, typing and
key presses, screenshots and downloads, as a reader or a curator would use
the pages."""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import time
from pathlib import Path

import httpx

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
# As root and with no network: without the background-networking flags
# Chromium's own connections are refused, many at a time.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class Browser:
    """One tab of headless Chromium: real mouse clicks and key presses,
    screenshots, downloads into a folder."""

    def __init__(self, profile: Path, downloads: Path | None = None, window: tuple[int, int] = (1280, 900)) -> None:
        from websockets.sync.client import connect

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                "--hide-scrollbars",
                f"--window-size={window[0]},{window[1]}",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (active.exists() and len(active.read_text().split()) >= 2):
            assert time.monotonic() < deadline and self.process.poll() is None, "Chromium did not start"
            time.sleep(0.1)
        port = active.read_text().split()[0]
        targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self._open = contextlib.ExitStack()
        self.socket = self._open.enter_context(connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30))
        self.calls = 0
        self.events: list[dict] = []
        self.downloads = downloads
        if downloads is not None:
            downloads.mkdir(parents=True, exist_ok=True)
            self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads), eventsEnabled=True)

    def send(self, method: str, **params):
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.calls:
                assert "error" not in message, message
                return message["result"]
            if "method" in message:
                self.events.append(message)

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def _loaded(self) -> None:
        deadline = time.monotonic() + 30
        while not self.js("window.kgOld === undefined && document.readyState === 'complete'"):
            assert time.monotonic() < deadline, "the page did not load"
            time.sleep(0.05)

    def goto(self, url: str) -> None:
        self.js("window.kgOld = true")
        self.send("Page.navigate", url=url)
        self._loaded()

    def url(self) -> str:
        return self.js("location.href")

    def click(self, selector: str, navigates: bool = True) -> None:
        """A left click in the middle of the element, as a mouse does it."""
        found = json.dumps(selector)
        box = self.js(
            f"(() => {{ const e = document.querySelector({found}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        assert box, f"nothing to click at {selector}"
        if navigates:
            self.js("window.kgOld = true")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)
        if navigates:
            self._loaded()

    def follow(self, words: str) -> None:
        """Click the one link of the page's main part whose text holds ``words``."""
        marked = self.js(
            f"(() => {{ const found = [...document.querySelectorAll('main a')]"
            f".filter(a => a.innerText.includes({json.dumps(words)}));"
            " found.forEach(a => a.dataset.kgPick = 'yes'); return found.length; })()"
        )
        assert marked == 1, f"{marked} links hold {words!r} on {self.url()}"
        self.click("a[data-kg-pick]")

    def key(self, key: str, code: str, keycode: int, modifiers: int = 0) -> None:
        """Press and release a key; ``modifiers`` as CDP counts them (CTRL, SHIFT)."""
        common = {"key": key, "code": code, "windowsVirtualKeyCode": keycode, "modifiers": modifiers}
        self.send("Input.dispatchKeyEvent", type="rawKeyDown", **common)
        self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    def pick(self, name: str, text: str) -> None:
        """Choose the option showing ``text`` in the list ``name``, from the
        keyboard: focus the list, then arrow down or up to it."""
        select = f"select[name={json.dumps(name)}]"
        options = self.js(f"[...document.querySelector({json.dumps(select)}).options].map(o => o.text)")
        assert text in options, (text, options)
        self.js(f"document.querySelector({json.dumps(select)}).focus()")
        for _ in range(len(options) * 2):
            at = self.js(f"document.querySelector({json.dumps(select)}).selectedIndex")
            if options[at] == text:
                return
            if at < options.index(text):
                self.key("ArrowDown", "ArrowDown", 40)
            else:
                self.key("ArrowUp", "ArrowUp", 38)
        raise AssertionError(f"could not pick {text!r} in {name}")

    def table(self) -> tuple[list[str], list[list[str]]]:
        """The header and rows of the page's results table, as shown."""
        return self.js(
            "(() => { const t = document.querySelector('table.results');"
            " if (!t) return [[], []];"
            " return [[...t.tHead.rows[0].cells].map(c => c.innerText.trim()),"
            " [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))]; })()"
        )

    def resize(self, width: int, height: int) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
        path.write_bytes(base64.b64decode(data))

    def download(self, selector: str, timeout: float = 30) -> Path:
        """Click a download link; the file once Chromium has saved it."""
        self.events.clear()
        self.click(selector, navigates=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event["method"] == "Browser.downloadProgress" and event["params"]["state"] == "completed":
                    guid = event["params"]["guid"]
                    will = next(
                        e["params"]
                        for e in self.events
                        if e["method"] == "Browser.downloadWillBegin" and e["params"]["guid"] == guid
                    )
                    return self.downloads / will["suggestedFilename"]
            self.js("1")  # reads the events that came meanwhile
            time.sleep(0.1)
        raise AssertionError("no download finished")

    def type(self, selector: str, text: str) -> None:
        self.click(selector, navigates=False)
        self.js(f"document.querySelector({json.dumps(selector)}).select()")  # typing replaces what is there
        self.send("Input.insertText", text=text)

    def press_enter(self, selector: str) -> None:
        """Focus an element and press Enter, as a keyboard user sends a form."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.js("window.kgOld = true")
        key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        self.send("Input.dispatchKeyEvent", type="keyDown", text="\r", **key)
        self.send("Input.dispatchKeyEvent", type="keyUp", **key)
        self._loaded()

    def close(self) -> None:
        self._open.close()
        self.process.terminate()
        self.process.wait(timeout=20)
