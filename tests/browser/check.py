"""Assertions that say what a person would have seen instead."""


class Failed(AssertionError):
    pass


def expect(condition, message):
    if not condition:
        raise Failed(message)


def expect_in(needle, page):
    if needle not in page:
        raise Failed(f"the page does not say {needle!r}; it says:\n{page}")


def expect_not_in(needle, page):
    if needle in page:
        raise Failed(f"the page should not say {needle!r}; it says:\n{page}")
