"""The page where a student of 18 or over chooses whether the parents are invited (/q/<token>),
clicked through as the student does from the question mail: invite the parents, see it saved
(the POST answered with a redirect to a GET, so a reload posts nothing), change the mind to
coming alone. Each step checks what the student reads and what the store holds.
"""

from check import expect, expect_in, expect_not_in

INVITE = "Nodig mijn ouders of verzorgers uit"
ALONE = "Ik kom alleen"


def stored_answer(school, link):
    """The store's answer for the link's (school year, type, student)."""
    year = link.subject_id
    conversation_type, _, student = link.participant.partition("/")
    rows = school.query("SELECT answer FROM adult_choices WHERE school_year = ? AND type = ? AND student = ?",
                        year, conversation_type, student)
    return rows[0]["answer"] if rows else None


def answered_count(school):
    return school.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'adult_choice.answered'")[0]["n"]


def student_decides(b, school, link):
    b.open(link.url)
    page = b.main_text()
    expect_in("Komen je ouders of verzorgers mee?", page)
    expect_in("Omdat je 18 jaar of ouder bent, beslis je zelf", page)
    expect_in("Je hebt nog niet gekozen.", page)
    expect(b.has_button(INVITE) and b.has_button(ALONE), "both answers are offered")
    expect(stored_answer(school, link) is None, "no answer stored before the student chose")
    b.check_page("adult-choice-open")

    b.click_button(INVITE)
    expect(b.url().endswith("?done=saved"), f"a POST is answered with a GET of the page: {b.url().split('/q/')[0]}")
    page = b.main_text()
    expect_in("Je keuze is bewaard.", page)
    expect_in("Je keuze: je ouders of verzorgers worden uitgenodigd.", page)
    expect(stored_answer(school, link) == "parents", "the store holds the answer")
    b.check_page("adult-choice-parents")

    # A reload shows the page again and sends nothing.
    answers = answered_count(school)
    b.driver.refresh()
    expect_in("Je keuze: je ouders of verzorgers worden uitgenodigd.", b.main_text())
    expect(answered_count(school) == answers, "a reload posts nothing")

    # A change of mind, later, from the same mail.
    b.open(link.url)
    expect_not_in("Je keuze is bewaard.", b.main_text())
    b.click_button(ALONE)
    page = b.main_text()
    expect_in("Je keuze: je komt alleen. Je ouders of verzorgers krijgen geen uitnodiging.", page)
    expect(stored_answer(school, link) == "alone", "the changed answer is stored")
    b.check_page("adult-choice-alone")
