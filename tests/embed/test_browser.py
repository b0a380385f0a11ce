"""<mc-recommender> in a real browser, on partner pages under a strict CSP: a keyboard-only
user, the locales, a page on an origin the key does not list, the iframe, and axe-core."""

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, Request, expect

from tests.embed.conftest import (
    SCREENSHOTS,
    PartnerSite,
    Sites,
    component_page,
    frame_page,
    save_screenshot,
)

TIMEOUT_MS = 15_000
# What a host passes when it already knows the person's situation: the form is skipped.
KNOWN = (
    ' career-stage="early" goals="career_navigation specific_skill" horizon-weeks="52"'
    ' hours-per-week="2" minutes-per-session="60"'
)
FRAME_QUERY = (
    "career-stage=early&amp;goals=career_navigation+specific_skill&amp;horizon-weeks=52"
    "&amp;hours-per-week=2&amp;minutes-per-session=60&amp;lang=en"
)
RESULT_TITLES = {
    "en": "Your recommendation",
    "es": "Tu recomendación",
    "fr": "Votre recommandation",
    "de": "Ihre Empfehlung",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEEP_FOCUS = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) {
    element = element.shadowRoot.activeElement;
  }
  return element ? [element.tagName, element.getAttribute("type") || "", element.id] : null;
}"""


class Watched:
    """A page and what it did: console errors (CSP violations among them) and requests."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[Request] = []
        page.on("console", self._console)
        page.on("request", self._request)

    def _request(self, request: Request) -> None:
        self.requests.append(request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    created = await browser.new_context(viewport={"width": 900, "height": 1400})
    created.set_default_timeout(TIMEOUT_MS)
    try:
        yield created
    finally:
        await created.close()


async def open_page(context: BrowserContext, site: PartnerSite, path: str, body: bytes) -> Watched:
    site.pages[path] = body
    watched = Watched(await context.new_page())
    await watched.page.goto(f"{site.origin}{path}")
    return watched


async def axe_violations(page: Page, site: PartnerSite, name: str) -> list[dict[str, Any]]:
    """Every violation axe-core finds (kept in the screenshots folder for the record)."""
    await page.add_script_tag(url=f"{site.origin}/axe.min.js")
    found: list[dict[str, Any]] = await page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return result.violations.map((v) => ({ id: v.id, impact: v.impact,
                nodes: v.nodes.map((n) => n.target.join(" ")) }));
        }""",
        AXE_TAGS,
    )
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"axe-{name}.json").write_text(json.dumps(found, indent=1))
    return found


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


async def test_a_keyboard_user_fills_the_form_and_sees_the_recommendation(
    context: BrowserContext, sites: Sites
) -> None:
    watched = await open_page(
        context, sites.allowed, "/keyboard.html", component_page(sites.allowed, sites.key, "en")
    )
    page = watched.page
    recommender = page.locator("mc-recommender")
    await expect(
        recommender.get_by_role("heading", name="Find your development path")
    ).to_be_visible()
    save_screenshot(await recommender.screenshot(), "form-en")
    before = await axe_violations(page, sites.allowed, "form")
    assert serious(before) == [], json.dumps(before, indent=1)

    await page.keyboard.press("Tab")  # the first field: career stage
    assert await page.evaluate(DEEP_FOCUS) == ["SELECT", "", "mc-stage"]
    await page.keyboard.press("ArrowDown")  # early -> mid
    await page.keyboard.press("Tab")  # the first goal
    await page.keyboard.press("Space")  # long-term career navigation
    for _ in range(3):
        await page.keyboard.press("Tab")
    await page.keyboard.press("Space")  # building a specific skill
    for _ in range(40):  # on to the submit button, however many fields lie between
        await page.keyboard.press("Tab")
        if await page.evaluate(DEEP_FOCUS) == ["BUTTON", "submit", ""]:
            break
    else:
        pytest.fail("the submit button cannot be reached with Tab")
    await page.keyboard.press("Enter")

    heading = recommender.get_by_role("heading", name="Your recommendation")
    await expect(heading).to_be_focused()  # the result is announced where focus goes
    await expect(recommender.locator("[part=headline]")).not_to_be_empty()
    await expect(recommender.locator("[part=variant]")).to_have_count(3)
    await expect(recommender.locator("[part=reasons] li").first).to_be_visible()
    events = await page.evaluate("window.mcEvents")
    assert [e["type"] for e in events] == ["mc-recommendation"]
    assert events[0]["decision_id"] and events[0]["variant"]

    # Each variant links to its content: opening one loads it and tells the host.
    first = recommender.locator("[part=variant-details]").first
    await first.locator("summary").focus()
    await page.keyboard.press("Enter")
    await expect(first.locator("p").first).not_to_be_empty()
    events = await page.evaluate("window.mcEvents")
    assert events[-1]["type"] == "mc-select" and events[-1]["variant"] == events[0]["variant"]

    after = await axe_violations(page, sites.allowed, "result")
    assert serious(after) == [], json.dumps(after, indent=1)
    assert watched.errors == []  # no CSP violation, no failed request
    origins = {request.url.split("/", 3)[:3][2] for request in watched.requests}
    assert origins <= {sites.allowed.origin[7:], sites.allowed.service.base[7:]}
    assert await context.cookies() == []
    assert await page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de"])
async def test_each_locale_renders_in_its_language(
    context: BrowserContext, sites: Sites, lang: str
) -> None:
    """The host's `lang` (on the element for es, from the page for the others)."""
    extra = {
        "es": ' lang="es" urgent="false" context="coach_budget peers_available"',
        "de": ' variant-href="https://hr.example.com/programmes/{variant}"',
        "fr": ' variant-href="javascript:alert(1)"',  # never a link
    }
    attributes = KNOWN + extra.get(lang, "")
    page_lang = "en" if lang == "es" else lang
    body = component_page(sites.allowed, sites.key, page_lang, attributes)
    watched = await open_page(context, sites.allowed, f"/known-{lang}.html", body)
    recommender = watched.page.locator("mc-recommender")
    await expect(recommender.get_by_role("heading", name=RESULT_TITLES[lang])).to_be_visible()
    await expect(recommender.locator("[part=variant]")).to_have_count(3)
    await expect(recommender.locator("[part=growth-plan]")).to_be_visible()
    if lang == "es":  # the recommendation's own texts come from the API in Spanish
        await expect(recommender.locator("[part=growth-plan] h3")).to_have_text(
            "Un plan de crecimiento"
        )
        sent = [r for r in watched.requests if r.url.split("?")[0].endswith("/recommendations")]
        situation = json.loads(sent[0].post_data or "{}")
        assert situation["urgent"] is False
        assert situation["context"] == {"coach_budget": True, "peers_available": True}
        assert "locale=es" in sent[0].url
        headline = await recommender.locator("[part=headline]").inner_text()
        assert any(word in headline.lower() for word in (" la ", " el ", " para ", " tu "))
    links = recommender.locator("[part=variant-link]")
    if lang == "de":  # each variant links to the host's own page about it
        await expect(links).to_have_count(3)
        href = await links.first.get_attribute("href")
        assert href and href.startswith("https://hr.example.com/programmes/")
        await expect(links.first).to_contain_text("Weiterlesen: ")
    else:
        await expect(links).to_have_count(0)
        await expect(recommender.locator("[part=variant-details]")).to_have_count(3)
    assert watched.errors == []
    save_screenshot(await recommender.screenshot(), lang)


async def test_a_page_on_an_origin_the_key_does_not_list_sees_an_error_and_no_data(
    context: BrowserContext, sites: Sites
) -> None:
    body = component_page(sites.other, sites.key, "en", KNOWN)
    watched = await open_page(context, sites.other, "/stranger.html", body)
    recommender = watched.page.locator("mc-recommender")
    alert = recommender.get_by_role("alert")
    await expect(alert).to_contain_text("The recommender is not available on this site.")
    await expect(recommender.locator("[part=results]")).to_have_count(0)
    assert await watched.page.evaluate("window.mcEvents") == []
    api_requests = [r for r in watched.requests if urlsplit(r.url).path.startswith("/v1/")]
    for request in api_requests:
        response = await request.response()
        assert response is None or response.status != 200


async def test_the_iframe_works_inside_an_allowed_host_only(
    context: BrowserContext, sites: Sites
) -> None:
    body = frame_page(sites.allowed, sites.key, FRAME_QUERY)
    watched = await open_page(context, sites.allowed, "/frame.html", body)
    frame = watched.page.frame_locator("iframe").locator("mc-recommender")
    await expect(frame.get_by_role("heading", name="Your recommendation")).to_be_visible()
    await expect(frame.locator("[part=variant]")).to_have_count(3)
    # The host hears the recommendation by postMessage, sent to the key's origins only.
    await watched.page.wait_for_function(
        "window.mcEvents.some((e) => e.via === 'postMessage' && e.type === 'mc-recommendation')",
        timeout=TIMEOUT_MS,
    )
    assert watched.errors == []  # Lit rendered under Trusted Types without a violation
    inner = next(f for f in watched.page.frames if f != watched.page.main_frame)
    sink = (
        "() => { try { document.body.innerHTML = '<b>x</b>'; return 'ran'; }"
        " catch (e) { return e.name; } }"
    )
    assert await inner.evaluate(sink) == "TypeError"  # a raw HTML sink is refused in the frame

    stranger = await open_page(
        context, sites.other, "/frame.html", frame_page(sites.other, sites.key, FRAME_QUERY)
    )
    await stranger.page.wait_for_timeout(1500)  # nothing can arrive; bounded wait
    frames = [f for f in stranger.page.frames if f != stranger.page.main_frame]
    rendered = [await f.locator("mc-recommender").count() for f in frames]
    assert rendered in ([], [0]), "a host the key does not list rendered the iframe page"
    assert await stranger.page.evaluate("window.mcEvents") == []

    alone = await context.new_page()  # the iframe page opened on its own: not framed
    await alone.goto(
        f"{sites.allowed.service.base}/embed/v1/recommender.html?key={sites.key}&lang=en"
    )
    await expect(alone.locator("mc-recommender").get_by_role("alert")).to_contain_text(
        "only works inside a partner"
    )


async def test_a_form_sent_without_a_goal_says_so_where_the_focus_goes(
    context: BrowserContext, sites: Sites
) -> None:
    watched = await open_page(
        context, sites.allowed, "/no-goal.html", component_page(sites.allowed, sites.key, "fr")
    )
    recommender = watched.page.locator("mc-recommender")
    await recommender.get_by_role("button", name="Voir ma recommandation").focus()
    await watched.page.keyboard.press("Enter")
    await expect(recommender.get_by_role("alert")).to_have_text("Choisissez au moins un objectif.")
    assert await watched.page.evaluate(DEEP_FOCUS) == ["INPUT", "checkbox", ""]
    assert await watched.page.evaluate("window.mcEvents") == []  # nothing was sent


async def test_dark_mode_keeps_contrast(browser: Browser, sites: Sites) -> None:
    """`prefers-color-scheme: dark` switches the defaults; axe checks their contrast."""
    dark = await browser.new_context(color_scheme="dark", viewport={"width": 900, "height": 1400})
    dark.set_default_timeout(TIMEOUT_MS)
    try:
        body = component_page(sites.allowed, sites.key, "en", KNOWN)
        watched = await open_page(dark, sites.allowed, "/dark.html", body)
        recommender = watched.page.locator("mc-recommender")
        await expect(recommender.get_by_role("heading", name="Your recommendation")).to_be_visible()
        background = await recommender.evaluate("(e) => getComputedStyle(e).backgroundColor")
        assert background == "rgb(13, 17, 23)"
        violations = await axe_violations(watched.page, sites.allowed, "dark-result")
        assert serious(violations) == [], json.dumps(violations, indent=1)
        save_screenshot(await recommender.screenshot(), "en-dark")
    finally:
        await dark.close()
