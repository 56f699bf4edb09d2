"""A parent's booking page (/p/<token>) clicked through as a parent does: confirm, choose another
time (first forgetting to choose one), lose a time to another parent, come back to a confirmed
or a cancelled meeting. Each flow checks what the parent reads and what the store holds after.
"""

from selenium.webdriver.support.ui import Select

from check import expect, expect_in, expect_not_in

CONFIRM = "Bevestigen"
MOVE = "Ander moment kiezen"
CHOICES = "Past dit moment niet? Kies een ander moment:"


def when_shown(b):
    """The time the page shows under "Wanneer"."""
    return b.driver.execute_script(
        "const dt = [...document.querySelectorAll('dt')].find(e => e.textContent === 'Wanneer');"
        "return dt ? dt.nextElementSibling.textContent : ''")


def offered(b):
    """The offered times: label text → slot value (unix seconds as text)."""
    return {text: b.value_of_choice(text) for text in b.choices(CHOICES)}


def confirm(b, school, link):
    before = school.meeting(link.subject_id)
    b.open(link.url)
    page = b.main_text()
    expect_in("Uw afspraak op school", page)
    expect_in("voorgesteld, nog niet bevestigd", page)
    expect(b.has_button(CONFIRM) and b.has_button(MOVE), "both buttons are offered")
    when = when_shown(b)
    b.check_page("booking-open")

    b.click_button(CONFIRM)
    page = b.main_text()
    expect_in(f"Dank u wel. De afspraak is bevestigd: {when}.", page)
    expect_in("Status\nbevestigd", page)
    expect(not b.has_button(CONFIRM), "no second confirm button once confirmed")
    b.check_page("booking-confirmed")
    after = school.meeting(link.subject_id)
    expect(after["status"] == "confirmed", f"stored status {after['status']}")
    expect(after["start_ms"] == before["start_ms"] and after["sequence"] == before["sequence"],
           "confirming keeps the time and the version")

    # Later, from the same mail: the meeting shows as confirmed, another time can still be chosen.
    b.open(link.url)
    page = b.main_text()
    expect_in("Status\nbevestigd", page)
    expect_not_in("Dank u wel", page)
    expect(not b.has_button(CONFIRM) and b.has_button(MOVE), "confirmed: only 'choose another time' is offered")
    b.check_page("booking-already-confirmed")


def move(b, school, link):
    before = school.meeting(link.subject_id)
    b.open(link.url)
    # Pressing the button before choosing a time: the page asks for one and changes nothing.
    b.click_button(MOVE)
    page = b.main_text()
    expect_in("Controleer dit eerst", page)
    expect_in("Kies eerst een van de momenten.", page)
    b.check_page("booking-move-without-time")
    b.click_link("Kies eerst een van de momenten.")
    expect(b.url().endswith("#slot-0"), f"the error summary leads to the first time, not {b.url()}")
    expect(school.meeting(link.subject_id) == before, "a move without a time changes nothing")

    times = offered(b)
    expect(len(times) >= 2, f"several other times are offered: {list(times)}")
    choice = list(times)[1]
    b.choose(choice)
    b.click_button(MOVE)
    page = b.main_text()
    expect_in(f"De afspraak is verplaatst naar {choice} en bevestigd.", page)
    expect(when_shown(b) == choice, f"the page shows the new time {choice}, not {when_shown(b)}")
    b.check_page("booking-moved")
    after = school.meeting(link.subject_id)
    expect(after["start_ms"] == int(times[choice]) * 1000, "the store holds the chosen time")
    expect(after["status"] == "confirmed" and after["sequence"] == before["sequence"] + 1,
           f"moved: confirmed, next version ({after['status']}, {after['sequence']})")
    invitations = school.query("SELECT key FROM outbox WHERE key LIKE ?", f"invite:{after['id']}:{after['sequence']}:%")
    expect(len(invitations) >= 1, "new invitations are queued for the new time")


def common_time(b, first, second):
    """A time both bookings offer, or None; reading the pages changes nothing."""
    b.open(first.url)
    one = offered(b)
    b.open(second.url)
    two = offered(b)
    same = [text for text, value in one.items() if two.get(text) == value]
    return same[0] if same else None


def lose_race(b, school, loser, winner, slot):
    """Both parents have the page open; the winner chooses `slot` first, then the loser."""
    loser_before = school.meeting(loser.subject_id)
    b.open(loser.url)
    value = offered(b)[slot]
    loser_tab = b.new_tab()
    b.open(winner.url)
    b.choose(slot)
    b.click_button(MOVE)
    expect_in(f"De afspraak is verplaatst naar {slot}", b.main_text())
    b.close_tab(loser_tab)

    b.choose(slot)  # the page was loaded before the other parent chose it
    b.click_button(MOVE)
    page = b.main_text()
    expect_in("Het gekozen moment is net door iemand anders gekozen en is niet meer vrij. Kies hieronder een ander moment.", page)
    now_offered = offered(b)
    expect(slot not in now_offered and now_offered, f"the lost time is gone, others are offered: {list(now_offered)}")
    b.check_page("booking-time-taken")
    expect(school.meeting(loser.subject_id) == loser_before, "the loser's meeting is unchanged")
    won = school.meeting(winner.subject_id)
    expect(won["start_ms"] == int(value) * 1000, "the winner has the time")


def cancelled(b, school, link):
    b.open(link.url)
    page = b.main_text()
    expect_in("Status\ngaat niet door", page)
    expect_in("Deze afspraak kan niet meer via deze pagina worden gewijzigd.", page)
    expect(not b.has_button(CONFIRM) and not b.has_button(MOVE), "a cancelled meeting offers nothing to press")
    b.check_page("booking-cancelled")
    expect(school.meeting(link.subject_id)["status"] == "cancelled", "the store holds it cancelled")


def invalid(b, school, real_link):
    """A made-up link, a real one with a changed character and a real one that expired all get
    the same page (it never tells which), in Dutch and English."""
    tampered = real_link.url[:-1] + ("A" if real_link.url[-1] != "A" else "B")
    expired = school.resigned_link(real_link, -3600)
    b.open(school.resigned_link(real_link, 3600))
    expect_in("Uw afspraak op school", b.main_text())  # signed right: `expired` fails by its date only
    for url in (school.base + "/p/not-a-token", tampered, expired):
        b.open(url)
        page = b.main_text()
        expect_in("Deze link is ongeldig of verlopen.", page)
        expect_in("This link is invalid or has expired.", page)
    b.check_page("invalid-link")


def switch_language(b, school, link):
    """A parent who reads English better presses "English" above the page: the page, and the
    family's next pages and mails, are English; pressing "Nederlands" brings Dutch back."""
    b.open(link.url)
    expect_in("Uw afspraak op school", b.main_text())
    before = school.meeting(link.subject_id)
    b.click_button("English")
    page = b.main_text()
    expect_in("Your appointment at school", page)
    expect(b.has_button("Choose another time"), "the page's own buttons are English too")
    expect(b.has_button("Nederlands") and not b.has_button("English"), "the switch offers the way back")
    b.check_page("booking-english", lang="en")
    after = school.meeting(link.subject_id)
    parents = [p for p in after["participants"] if p["role"] == "parent"]
    expect(all(p["language"] == "en" for p in parents), f"every parent invited is English now: {parents}")
    expect(after["sequence"] == before["sequence"] and after["status"] == before["status"],
           "choosing a language changes nothing about the meeting")
    chosen = {r["person"]: r["language"] for r in school.query("SELECT person, language FROM language_choices")}
    expect(all(chosen.get(p["key"]) == "en" for p in parents), f"the choice is kept for the next mails: {chosen}")

    b.open(link.url)  # later, from the same mail
    expect_in("Your appointment at school", b.main_text())
    b.click_button("Nederlands")
    expect_in("Uw afspraak op school", b.main_text())
    b.check_page("booking-dutch-again")


ARABIC = "العربية"
ARABIC_CONFIRM = "تأكيد"
ARABIC_MOVE = "اختيار موعد آخر"
ARABIC_NO_SLOT = "يرجى اختيار أحد المواعيد أولًا."

# How the page lays itself out: the root's direction, the language switch's buttons each in their
# own direction, the values (<bdi>) in theirs, and the side the notices' bar is on.
LAYOUT_JS = r"""
const dir = el => el ? getComputedStyle(el).direction : null;
const buttons = {};
for (const b of document.querySelectorAll('form.languages button, form.languages span')) buttons[b.textContent] = dir(b);
const values = [...document.querySelectorAll('dd bdi')].map(e => [e.textContent, dir(e)]);
const notice = document.querySelector('.notice');
return {root: dir(document.documentElement), main: dir(document.querySelector('main')), buttons, values,
        notice: notice && [parseFloat(getComputedStyle(notice).borderRightWidth), parseFloat(getComputedStyle(notice).borderLeftWidth)],
        mainRight: document.querySelector('main h1').getBoundingClientRect().right};
"""


def arabic(b, school, link, also_narrowest=None):
    """A parent who reads Arabic presses "العربية": the page turns right to left in Arabic, the
    Latin values (the mentor's name, a Dutch room) keep their own direction, the error summary
    and the confirm button work in Arabic; "Nederlands" brings Dutch back. `also_narrowest`: a
    width at which the Arabic page is also checked and saved (the 320 px phone)."""
    b.open(link.url)
    before = school.meeting(link.subject_id)
    expect(before["status"] != "confirmed", f"a meeting still to confirm: {before['status']}")
    b.click_button(ARABIC)
    page = b.main_text()
    expect_in("موعدكم في المدرسة", page)
    expect(b.has_button(ARABIC_CONFIRM) and b.has_button(ARABIC_MOVE), "the page's own buttons are Arabic")
    expect(b.has_button("Nederlands") and not b.has_button(ARABIC), "the switch offers the way back")
    layout = b.driver.execute_script(LAYOUT_JS)
    expect(layout["root"] == "rtl" and layout["main"] == "rtl", f"the page reads right to left: {layout}")
    expect(layout["buttons"].get("Nederlands") == "ltr" and layout["buttons"].get(ARABIC) == "rtl",
           f"each language named in its own direction: {layout['buttons']}")
    mentor = [v for v in layout["values"] if v[0] and v[0].isascii()]
    expect(mentor and all(d == "ltr" for _, d in mentor), f"Latin values keep left to right: {layout['values']}")
    b.check_page("booking-arabic", lang="ar", direction="rtl")
    if also_narrowest:
        width = b.width
        b.use_width(also_narrowest)
        try:
            b.check_page("booking-arabic", lang="ar", direction="rtl")
        finally:
            b.use_width(width)
    parents = [p for p in school.meeting(link.subject_id)["participants"] if p["role"] == "parent"]
    expect(all(p["language"] == "ar" for p in parents), f"every parent invited reads Arabic now: {parents}")

    # "Choose another time" without a time: the Arabic error summary, linked to the first time.
    b.click_button(ARABIC_MOVE)
    page = b.main_text()
    expect_in("يرجى التحقق من هذا أولًا", page)
    b.check_page("booking-arabic-move-without-time", lang="ar", direction="rtl")
    b.click_link(ARABIC_NO_SLOT)
    expect(b.url().endswith("#slot-0"), f"the error summary leads to the first time, not {b.url()}")
    expect(school.meeting(link.subject_id)["sequence"] == before["sequence"], "nothing changed")

    # The confirm button still confirms.
    b.click_button(ARABIC_CONFIRM)
    page = b.main_text()
    expect_in("شكرًا لكم. تم تأكيد الموعد:", page)
    expect(not b.has_button(ARABIC_CONFIRM), "no second confirm button once confirmed")
    layout = b.driver.execute_script(LAYOUT_JS)
    expect(layout["notice"] and layout["notice"][0] > 0 and layout["notice"][1] == 0,
           f"the notice's bar is on the right, where an Arabic line starts: {layout['notice']}")
    b.check_page("booking-arabic-confirmed", lang="ar", direction="rtl")
    after = school.meeting(link.subject_id)
    expect(after["status"] == "confirmed" and after["start_ms"] == before["start_ms"],
           f"confirmed at the same time: {after['status']}")

    b.click_button("Nederlands")
    expect_in("Uw afspraak op school", b.main_text())


INTERPRETER = "Tolk aanvragen"


def interpreter(b, school, link):
    """A parent who reads little Dutch asks for an interpreter (seed 003): picks the language in
    the list as a thumb does, presses the button, and reads that it is arranged; the stored
    meeting is longer and has the language. When the longer conversation does not fit at its
    time, the page says so and the parent chooses one of the times offered instead."""
    before = school.meeting(link.subject_id)
    b.open(link.url)
    expect_in("Tolk nodig?", b.main_text())
    b.check_page("booking-interpreter-open")
    Select(b.control("Taal")).select_by_value("ar")
    b.click_button(INTERPRETER)
    page = b.main_text()
    if "Met een tolk duurt het gesprek langer" in page:
        b.check_page("booking-interpreter-no-fit")
        first = next(iter(offered(b)))
        b.choose(first)
        b.click_button(MOVE)
        page = b.main_text()
        expect_in("De afspraak is verplaatst naar", page)
    else:
        expect_in("Er is een tolk gevraagd. De afspraak is nu", page)
    expect_in("Tolk\nArabisch", page)
    expect_in("Er is een tolk gevraagd. Wilt u dit veranderen?", page)
    expect(not b.has_button(INTERPRETER), "asked once: no second request")
    b.check_page("booking-interpreter-asked")
    after = school.meeting(link.subject_id)
    expect(after["interpreter"] == "ar", f"stored interpreter {after['interpreter']!r}")
    grown = (after["end_ms"] - after["start_ms"]) - (before["end_ms"] - before["start_ms"])
    expect(grown == 20 * 60 * 1000, f"the conversation is 20 minutes longer, not {grown / 60000} minutes")
    expect(after["status"] == "confirmed", f"stored status {after['status']}")
