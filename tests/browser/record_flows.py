"""The mentor's record form (/m/<token>), the record sign-off page (/r/<token>) for a parent and
for an adult student, and the home assignment page (/a/<token>), clicked through as each of them
does. Each flow checks what the reader sees and what the store holds after.
"""

import json
import re

from check import expect, expect_in, expect_not_in

SAVE = "Opslaan"
AANDEBAK = "AanDeBak-garantie besproken"


def fill_record(b, look_back, step):
    b.type_into("Terugkijken", look_back)
    b.type_into("Wat", step, group="Vervolgstap 1")
    b.choose("Werkexploratie")
    for role in ("leerling", "ouder", "mentor"):
        b.choose(role, group="Aanwezig")


def record_form(b, school, meeting_id, look_back, with_mistakes):
    """The mentor writes the record; `with_mistakes`: first saves it with no phase filled in and
    a next step with a date but nothing to do, and is shown both problems."""
    link = school.record_form_link(meeting_id)
    # Opened from the calendar before the conversation: the form is not there yet.
    b.open(link)
    expect_in("Dit gesprek is nog niet begonnen.", b.main_text())
    expect(not b.driver.find_elements("css selector", "main form"), "no record form before the conversation")
    b.check_page("record-form-not-started")
    school.move_to_past(meeting_id)  # the conversation's time comes
    b.open(link)
    expect_in("Verslag van het gesprek met", b.main_text())
    expect_in("Loopbaanfase: ", b.main_text())
    b.check_page("record-form")
    due = None
    if with_mistakes:
        b.type_date("Uiterlijk", "2027-03-31", group="Vervolgstap 1")
        due = b.control("Uiterlijk", group="Vervolgstap 1").get_attribute("value")
        expect(due == "2027-03-31", f"the date field took the typed date ({due!r})")
        b.click_button(SAVE)
        page = b.main_text()
        expect_in("Het verslag is niet opgeslagen. Verbeter de velden met een melding.", page)
        summary = b.driver.execute_script(
            "return [...document.querySelectorAll('.error-summary a')].map(a => [a.textContent, a.getAttribute('href')])")
        expect(summary == [["Vul minstens één fase in.", "#look_back"],
                           ["Vul in wat er gedaan wordt (hoogstens 500 tekens).", "#step0-what"]],
               f"the summary links each problem to its field: {summary}")
        # Each message also stands at its field, and the field points at it.
        described = b.control("Wat", group="Vervolgstap 1").get_attribute("aria-describedby")
        expect(b.driver.find_element("id", described).text == "Vul in wat er gedaan wordt (hoogstens 500 tekens).",
               "the message stands next to 'Wat'")
        expect(b.control("Uiterlijk", group="Vervolgstap 1").get_attribute("value") == due, "the typed date is kept")
        b.check_page("record-form-errors")
        b.click_link("Vul in wat er gedaan wordt (hoogstens 500 tekens).")
        expect(b.url().endswith("#step0-what"), f"the summary leads to the field, not {b.url()}")
        expect(not school.query("SELECT 1 FROM records WHERE meeting = ?", meeting_id), "nothing is stored")

    step = "Open dag van het mbo bezoeken"
    fill_record(b, look_back, step)
    asks_aandebak = school.meeting(meeting_id)["type"] in school.AANDEBAK_TYPES
    expect((AANDEBAK in b.main_text()) == asks_aandebak, f"the AanDeBak question is on the form: {asks_aandebak}")
    if asks_aandebak:
        b.choose(AANDEBAK)
        b.check_page("record-form-filled")
    b.click_button(SAVE)
    page = b.main_text()
    expect_in("Verslag opgeslagen", page)
    expect_in("Versie 1 van het verslag is opgeslagen.", page)
    b.check_page("record-form-saved")
    rows = school.query("SELECT id, version, body FROM records WHERE meeting = ?", meeting_id)
    expect(len(rows) == 1 and rows[0]["version"] == 1, f"one version stored: {rows}")
    body = json.loads(rows[0]["body"])
    expect(body["phases"]["look_back"] == look_back, "the text as typed")
    expected_step = {"what": step, "owner": "student", **({"due": due} if due else {})}
    expect(body["next_steps"] == [expected_step], f"the next step as entered: {body['next_steps']}")
    expect(body["competences"] == ["work_exploration"] and body["attended"] == ["student", "parent", "mentor"],
           f"the boxes ticked: {body['competences']} {body['attended']}")
    expect(body.get("aandebak_discussed") == (True if asks_aandebak else None),
           f"the AanDeBak answer as ticked: {body.get('aandebak_discussed')}")

    b.click_link("Terug naar het verslag")
    expect_in("Ingevuld met versie 1; opslaan maakt een nieuwe versie.", b.main_text())
    expect(b.control("Terugkijken").get_attribute("value") == look_back, "the form shows what was saved")
    return rows[0]["id"]


def parent_signs(b, school, link, look_back):
    record, parent = link.subject_id, link.participant
    b.open(link.url)
    page = b.main_text()
    expect_in(look_back, page)
    expect_in("Deze versie is nog niet ondertekend.", page)
    # The next step's date written out, not as the form's YYYY-MM-DD.
    expect_in("(Leerling, uiterlijk woensdag 31 maart 2027)", page)
    body = json.loads(school.query("SELECT body FROM records WHERE id = ? AND version = 1", record)[0]["body"])
    aandebak = "De AanDeBak-garantie is in het gesprek besproken."
    expect((aandebak in page) == bool(body.get("aandebak_discussed")), "the parent reads whether AanDeBak was discussed")
    b.check_page("record-signoff")

    # Saving an empty view: the page asks for the text and stores nothing.
    b.click_button("Visie opslaan")
    page = b.main_text()
    expect_in("Controleer dit eerst", page)
    expect_in("Schrijf de visie in het tekstvak.", page)
    b.check_page("record-signoff-empty-view")
    b.click_link("Schrijf de visie in het tekstvak.")
    expect(b.url().endswith("#text"), f"the summary leads to the text box, not {b.url()}")

    b.click_button("Ondertekenen")
    page = b.main_text()
    expect_in("Het verslag is ondertekend. Dank u wel.", page)
    expect(re.search(r"U heeft deze versie ondertekend op \w+dag \d+ \w+ \d{4}, \d\d:\d\d\.", page),
           "the signature's moment in words, with its year")
    expect(not b.has_button("Ondertekenen"), "signed once")
    b.check_page("record-signoff-signed")

    view = "Wij herkennen ons in het verslag en helpen met de open dag."
    b.type_into("Uw eigen visie op het gesprek", view)
    b.click_button("Visie opslaan")
    page = b.main_text()
    expect_in("De visie is opgeslagen.", page)
    expect_in(view, page)
    b.check_page("record-signoff-view-saved")
    b.check_print("record-signoff-printed")
    rows = school.query("SELECT participant, role, kind, text FROM record_signoffs WHERE record = ? AND version = 1 "
                        "ORDER BY kind", record)
    expect(rows == [{"participant": parent, "role": "parent", "kind": "signed", "text": ""},
                    {"participant": parent, "role": "parent", "kind": "view", "text": view}],
           f"one signature and one view, by this parent: {rows}")


def adult_student_decides(b, school, link, look_back):
    record, student = link.subject_id, link.participant
    b.open(link.url)
    page = b.main_text()
    expect_in(look_back, page)
    expect_in("Mogen je ouders dit verslag lezen?", page)
    expect_in("Je ouders kunnen dit verslag niet lezen.", page)
    expect_not_in("Uw eigen visie", page)
    b.check_page("record-adult-student")

    b.click_button("Ondertekenen")
    expect_in("Je hebt deze versie ondertekend op", b.main_text())
    b.click_button("Delen met mijn ouders")
    page = b.main_text()
    expect_in("Je ouders kunnen het verslag nu lezen.", page)
    expect(b.has_button("Niet delen met mijn ouders"), "the choice can be taken back")
    b.check_page("record-adult-student-shared")
    signed = school.query("SELECT participant, role, kind FROM record_signoffs WHERE record = ?", record)
    expect(signed == [{"participant": student, "role": "student", "kind": "signed"}], f"signed by the student: {signed}")
    sharing = school.query("SELECT shared, decided_by FROM record_sharing WHERE record = ?", record)
    expect(sharing == [{"shared": 1, "decided_by": student}], f"shared by the student: {sharing}")


def assignment(b, school, link, as_role):
    meeting, who = link.subject_id, link.participant
    b.open(link.url)
    page = b.main_text()
    expect_in("Thuisopdracht: ", page)
    expect_in("Status\nnog niet gedaan", page)
    b.check_page("assignment")

    answer = "Samen drie beroepen besproken: verpleegkundige, timmerman en kok."
    b.type_into("Korte reactie voor de mentor", answer)
    b.click_button("Gedaan")
    page = b.main_text()
    expect_in("Bedankt", page)
    expect_in("De mentor ziet dat de opdracht gedaan is", page)
    b.check_page("assignment-done")
    rows = school.query("SELECT done_by, done_by_role, answer FROM assignments WHERE meeting = ?", meeting)
    expect(rows == [{"done_by": who, "done_by_role": as_role, "answer": answer}], f"stored as done: {rows}")

    b.click_link("Terug naar de opdracht")
    expect_in("Status\ngedaan", b.main_text())
    expect(b.control("Korte reactie voor de mentor").get_attribute("value") == answer, "the answer is shown again")
    expect(b.has_button("Reactie bijwerken"), "the answer can be updated")


def mark_no_show(b, school, meeting_id):
    """The family did not come: the mentor says so under the record form, from the same link."""
    school.move_to_past(meeting_id)
    b.open(school.record_form_link(meeting_id))
    expect_in("Is het gesprek doorgegaan?", b.main_text())
    b.click_button("Niet gekomen")
    page = b.main_text()
    expect_in("Doorgegeven: niet gekomen. Het gesprek wordt opnieuw gepland en de familie staat op je bellijst.", page)
    b.check_page("record-form-no-show")
    expect(school.meeting(meeting_id)["status"] == "missed", "the store holds the meeting missed")
    marks = school.query("SELECT outcome FROM attendance WHERE meeting = ?", meeting_id)
    expect([m["outcome"] for m in marks] == ["no_show"], f"one mark, kept: {marks}")
