"""Debian's chromium, driven by Debian's chromedriver through python3-selenium, as a person uses
a page: find a button, a choice or a text box by the words on the screen, click or type, read
what the page says. Every page a flow reaches is checked the same way (check_page) and saved as
a full-page screenshot. No driver is ever downloaded: the Service names /usr/bin/chromedriver,
so selenium-manager never runs.
"""

import base64
import os
import re

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE_HEIGHT = 800

# Problems a page has, found in the page itself (one script, returns a list of sentences).
PAGE_PROBLEMS_JS = r"""
const width = arguments[0];
const problems = [];
const root = document.documentElement;
if (window.innerWidth !== width) problems.push(`the layout is ${window.innerWidth} px wide on a ${width} px screen`);
if (root.scrollWidth > window.innerWidth) problems.push(`scrolls sideways: ${root.scrollWidth} px on ${window.innerWidth} px`);
const describe = el => el.outerHTML.slice(0, 90);
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  if (!el.labels || el.labels.length === 0) problems.push('no label: ' + describe(el));
}
for (const el of document.querySelectorAll('button, input:not([type=hidden]), select, textarea, label.choice')) {
  const r = el.getBoundingClientRect();
  if (r.width < 24 || r.height < 24) problems.push(`tap target ${Math.round(r.width)}x${Math.round(r.height)} px: ${describe(el)}`);
}
for (const el of document.querySelectorAll('button')) {
  if (!el.textContent.trim()) problems.push('button without text: ' + describe(el));
}
// Contrast of every piece of text against the background it sits on (WCAG AA).
const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const c = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
};
const background = el => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const el = node.parentElement;
  if (!node.textContent.trim() || seen.has(el) || el.closest('option')) continue;
  seen.add(el);
  const style = getComputedStyle(el);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  const [a, b] = [luminance(rgb(style.color)), luminance(background(el))];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: "${node.textContent.trim().slice(0, 40)}"`);
}
return problems;
"""


class PageProblem(AssertionError):
    pass


class Browser:
    def __init__(self, screenshot_dir, school_name, accent="rgb(26, 79, 156)", logo=False):
        """`accent`: the header's colour as computed CSS; `logo`: every header shows the logo."""
        self.screenshot_dir, self.school_name, self.accent, self.logo = screenshot_dir, school_name, accent, logo
        os.makedirs(screenshot_dir, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=nl-NL",
                    "--no-first-run", "--disable-extensions", "--disable-background-networking"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.width = None
        self.screenshots = []

    def quit(self):
        self.driver.quit()

    def use_width(self, width):
        """A phone (touch, the page's viewport meta honoured) up to tablet size, else a desktop."""
        self.width = width
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": width < 800})

    # --- acting as a person ----------------------------------------------------------------

    def open(self, url):
        self.driver.get(url)

    def main_text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def url(self):
        return self.driver.current_url

    def _one(self, xpath, what):
        found = [e for e in self.driver.find_elements(By.XPATH, xpath) if e.is_displayed()]
        if len(found) != 1:
            raise PageProblem(f"expected one {what}, found {len(found)} on:\n{self.main_text()}")
        return found[0]

    def button(self, text):
        return self._one(f"//button[normalize-space()={xpath_string(text)}]", f'button "{text}"')

    def has_button(self, text):
        return bool(self.driver.find_elements(By.XPATH, f"//button[normalize-space()={xpath_string(text)}]"))

    def _click(self, element, navigates):
        """Clicks; when that loads a page, returns once the new page is there (a click returns
        as soon as the browser has it, not when the answer has arrived)."""
        self.driver.execute_script("window.lobsyncOldPage = true")
        element.click()
        if navigates:
            # A marker on the old page's window: gone once the next page is there. (Waiting for an
            # old element to go stale races with chromedriver while the page is swapped.)
            WebDriverWait(self.driver, 30, ignored_exceptions=(WebDriverException,)).until(
                lambda d: d.execute_script("return !window.lobsyncOldPage && document.readyState === 'complete'"))

    def click_button(self, text):
        """Every button here sends its form: a new page follows."""
        self._click(self.button(text), navigates=True)

    def click_link(self, text):
        """A link within the page (#id) stays on it; any other loads a page."""
        link = self._one(f"//a[normalize-space()={xpath_string(text)}]", f'link "{text}"')
        self._click(link, navigates=not (link.get_dom_attribute("href") or "").startswith("#"))

    def label(self, text, group=None):
        """The label whose text starts with `text` (a label may add a hint after it), within the
        fieldset whose legend is `group` if given (a form may repeat a label per group)."""
        scope = f"//fieldset[legend[normalize-space()={xpath_string(group)}]]" if group else ""
        return self._one(f"{scope}//label[starts-with(normalize-space(), {xpath_string(text)})]", f'label "{text}"')

    def choose(self, text, group=None):
        """Taps the label of a radio button or checkbox, as a thumb does."""
        self.label(text, group).click()

    def control(self, label_text, group=None):
        return self.driver.execute_script("return arguments[0].control", self.label(label_text, group))

    def type_into(self, label_text, text, group=None):
        field = self.control(label_text, group)
        field.click()
        field.send_keys(text)

    def type_date(self, label_text, iso_date, group=None):
        """Taps the date field's label and types the date's digits in the order the browser
        shows the field's parts (its locale: mm/dd/yyyy, dd-mm-yyyy, …), as a person does."""
        year, month, day = iso_date.split("-")
        parts = {"year": year, "month": month, "day": day}
        order = self.driver.execute_script(
            "return new Intl.DateTimeFormat().formatToParts(new Date(2027, 2, 31))"
            ".filter(p => p.type !== 'literal').map(p => p.type)")
        self.label(label_text, group).click()
        ActionChains(self.driver).send_keys("".join(parts[p] for p in order)).perform()

    def choices(self, group_legend):
        """The texts of the choices in the fieldset with this legend."""
        fieldset = self._one(f"//fieldset[legend[normalize-space()={xpath_string(group_legend)}]]", "choice group")
        return [label.text.strip() for label in fieldset.find_elements(By.CSS_SELECTOR, "label.choice")]

    def value_of_choice(self, text):
        return self.driver.execute_script("return arguments[0].control.value", self.label(text))

    def press_tab(self):
        self.driver.switch_to.active_element.send_keys(Keys.TAB)

    def new_tab(self):
        first = self.driver.current_window_handle
        self.driver.switch_to.new_window("tab")
        self.use_width(self.width)
        return first

    def close_tab(self, back_to):
        self.driver.close()
        self.driver.switch_to.window(back_to)

    def switch_to(self, handle):
        self.driver.switch_to.window(handle)

    # --- what every page must be -----------------------------------------------------------

    def check_page(self, name, lang="nl", direction="ltr"):
        """The page fits the screen, every control has a label and a tap target of 24x24 px or
        more, text has AA contrast, keyboard focus shows, the stylesheet loaded within the CSP,
        the school's name heads it, and `lang`/`dir` are right. Saves a screenshot `name`."""
        d = self.driver
        problems = d.execute_script(PAGE_PROBLEMS_JS, self.width)
        root_lang, root_dir = d.execute_script("return [document.documentElement.lang, document.documentElement.dir]")
        if root_lang != lang or root_dir != direction:
            problems.append(f'lang="{root_lang}" dir="{root_dir}", expected lang="{lang}" dir="{direction}"')
        header = d.find_elements(By.CSS_SELECTOR, "header.site")
        if not header or header[0].text.strip() != self.school_name:
            problems.append(f"the header does not name the school {self.school_name!r}")
        elif d.execute_script("return getComputedStyle(arguments[0]).backgroundColor", header[0]) != self.accent:
            problems.append(f"the stylesheet did not apply (the header is not {self.accent})")
        if self.logo:
            # Loaded within the CSP (naturalWidth is 0 for a refused or broken image), named by its alt.
            logo = d.execute_script("const i = document.querySelector('header.site img');"
                                    "return i && [i.alt, i.naturalWidth, new URL(i.src).pathname]")
            if not logo or logo[0] != self.school_name or logo[1] == 0 or not re.fullmatch(r"/static/logo-[0-9a-f]{16}\.svg", logo[2]):
                problems.append(f"the header's logo is missing, unnamed or not loaded: {logo}")
        for entry in d.get_log("browser"):  # CSP refusals, a missing stylesheet
            message = entry["message"]
            # A page's own status (a 409 or 422 that answers a form, the invalid link's 404) is
            # no error of the page.
            own_status = entry.get("source") == "network" and re.match(r"\S+/[parmsq]/\S+ - Failed to load", message)
            if entry["level"] == "SEVERE" and not own_status and "/favicon.ico" not in message:
                problems.append("console: " + redact(message)[:200])
        problems += self._focus_problems()
        self.screenshot(name)
        if self.width < 800:
            problems += self._narrowest_phone_problems()
        if problems:
            raise PageProblem(f"{name}: " + "; ".join(problems))

    def check_print(self, name):
        """Printed, the page keeps its content and drops what only acts (buttons, action forms)
        and the notice of what a button just did."""
        d = self.driver
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = [e.text[:40] for e in d.find_elements(By.CSS_SELECTOR, "button, form.actions, .notice") if e.is_displayed()]
            header = d.execute_script("return getComputedStyle(document.querySelector('header.site')).backgroundColor")
            self.screenshot(name)
        finally:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        if shown or header != "rgba(0, 0, 0, 0)":
            raise PageProblem(f"{name}: printed with {shown} or a coloured header ({header})")

    def _narrowest_phone_problems(self):
        """The smallest phones still in use (320 px, WCAG's reflow width): no sideways scrolling
        either. Measured on the same page, then the flow's width is restored."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 320, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": True})
        try:
            wide, inner = self.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        finally:
            self.use_width(self.width)
        if inner != 320:
            return [f"the layout is {inner} px wide on a 320 px screen"]
        return [f"scrolls sideways at 320 px: {wide} px"] if wide > inner else []

    def _focus_problems(self):
        """The first control reached with Tab shows a visible outline (:focus-visible)."""
        d = self.driver
        d.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        ActionChains(d).send_keys(Keys.TAB).perform()
        focused = d.switch_to.active_element
        if focused.tag_name in ("body", "html"):
            return []  # nothing to focus on this page (the invalid-link page)
        style, width = d.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", focused)
        d.execute_script("arguments[0].blur(); window.scrollTo(0, 0)", focused)
        if style == "none" or width < 2:
            return [f"keyboard focus is not visible on {focused.tag_name} (outline {style} {width}px)"]
        return []

    def screenshot(self, name):
        """The whole page, not only the first screen."""
        d = self.driver
        size = d.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        shot = d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": self.width, "height": max(size["height"], PHONE_HEIGHT), "scale": 1}})
        path = os.path.join(self.screenshot_dir, f"{name}-{self.width}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        self.screenshots.append(path)


def redact(text):
    """Never print a link's token."""
    return re.sub(r"/([parmq])/[A-Za-z0-9_\-.]+", r"/\1/<token>", text)


def xpath_string(text):
    """`text` as an XPath string literal (it may contain both kinds of quotes)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"
