"""The student's own page (/s/<token>, the link from the student's digest): the student writes
their report of a conversation that has begun, first without a reflection (told so, nothing
stored), then with it, and edits it (a new version); the parent then reads it on the record page
(/r/<token>) and signs it. Each flow checks what the reader sees and what the store holds after.
"""

from check import expect, expect_in, expect_not_in

REFLECTION_LABEL = "Jouw reflectie"
MISSING = "Schrijf je reflectie in het tekstvak."


def student_writes(b, school, link, meeting_id, reflection):
    b.open(link.url)
    page = b.main_text()
    expect_in("Jouw loopbaangesprekken", page)
    expect_in("Je hebt over dit gesprek nog geen eigen verslag geschreven.", page)
    expect_in("Lees het verslag van je mentor", page)
    b.check_page("student-page")

    # Activities typed, the reflection forgotten: the page says so and keeps what was typed.
    b.type_into("Activiteit 1", "Open dag ROC Zorg en Welzijn")
    b.type_into("Activiteit 3", "Beroepentest")
    b.click_button("Verslag opslaan")
    page = b.main_text()
    expect_in("Controleer dit eerst", page)
    expect_in(MISSING, page)
    expect(b.control("Activiteit 1").get_attribute("value") == "Open dag ROC Zorg en Welzijn", "the typed activity is kept")
    b.check_page("student-report-missing")
    b.click_link(MISSING)
    expect(b.url().endswith("#reflection-" + meeting_id), f"the summary leads to the text box, not {b.url()}")
    expect(not school.query("SELECT 1 FROM student_reports WHERE meeting = ?", meeting_id), "nothing is stored")

    b.type_into(REFLECTION_LABEL, reflection)
    b.click_button("Verslag opslaan")
    page = b.main_text()
    expect_in("Je verslag is opgeslagen.", page)
    expect_in(reflection, page)
    expect_in("Versie 1, geschreven op", page)
    expect_in("Je ouders hebben deze versie nog niet ondertekend.", page)
    b.check_page("student-report-saved")

    # An edit: one more activity, saved as version 2; version 1 stays as it was.
    b.type_into("Activiteit 4", "Meeloopdag verpleegkunde")
    b.click_button("Wijziging opslaan als nieuwe versie")
    expect_in("Versie 2, geschreven op", b.main_text())
    rows = school.query("SELECT version, reflection, activities FROM student_reports WHERE meeting = ? ORDER BY version",
                        meeting_id)
    expect([r["version"] for r in rows] == [1, 2], f"both versions kept: {rows}")
    expect(rows[0]["activities"] == '["Open dag ROC Zorg en Welzijn","Beroepentest"]', f"version 1 as saved: {rows[0]}")
    expect(rows[1]["activities"] == '["Open dag ROC Zorg en Welzijn","Beroepentest","Meeloopdag verpleegkunde"]',
           f"empty rows left out: {rows[1]}")
    expect(all(r["reflection"] == reflection for r in rows), "the reflection as typed")


def parent_signs_report(b, school, link, meeting_id, reflection):
    b.open(link.url)
    page = b.main_text()
    expect_in("Verslag van de leerling", page)
    expect_in(reflection, page)
    expect_in("Meeloopdag verpleegkunde", page)
    b.check_page("record-student-report")
    b.click_button("Verslag van de leerling ondertekenen")
    page = b.main_text()
    expect_in("Het verslag van de leerling is ondertekend. Dank u wel.", page)
    expect_in("U heeft deze versie van het verslag van de leerling ondertekend op", page)
    expect(not b.has_button("Verslag van de leerling ondertekenen"), "signed once")
    b.check_page("record-student-report-signed")
    rows = school.query("SELECT version, participant, role, kind FROM record_signoffs WHERE record = ?",
                        "report:" + meeting_id)
    expect(rows == [{"version": 2, "participant": link.participant, "role": "parent", "kind": "signed"}],
           f"the parent signed the latest version: {rows}")


def student_sees_signature(b, link):
    b.open(link.url)
    page = b.main_text()
    expect_in("Ondertekend door", page)
    expect_not_in("Je ouders hebben deze versie nog niet ondertekend.", page)
    b.check_page("student-report-signed")
