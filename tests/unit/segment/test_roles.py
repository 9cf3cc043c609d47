"""Sentences keep exact offsets; captions, share prompts and repeats are marked, never deleted."""

from __future__ import annotations

from newsfuse.segment import segment, split_sentences


def roles(text: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(s.role, text[s.start:s.end]) for s in segment(text, title)]


def test_abbreviations_and_initials_do_not_split() -> None:
    text = "Mr. Smith of the U.S. Army met Gen. J. Doe at 3.5 km from the base. They talked."
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith of the U.S. Army met Gen. J. Doe at 3.5 km from the base.",
        "They talked.",
    ]


def test_caption_repeating_the_lead_is_a_duplicate_and_its_extra_sentence_a_caption() -> None:
    lead = "At least ten rockets struck the Al Asad air base in western Iraq on Wednesday."
    text = f"Rockets hit base\n{lead} Photo taken in 2020.\nEnlarge this image\n{lead} Officials said there were no losses. The base hosts US troops.\nShare on Facebook"
    got = roles(text, title="Rockets hit base")
    assert got[0] == ("title", "Rockets hit base")
    assert got[1] == ("duplicate", lead)
    assert got[2] == ("caption", "Photo taken in 2020.")
    assert got[3] == ("boilerplate", "Enlarge this image")
    assert got[4] == ("body", lead)
    assert got[-1] == ("boilerplate", "Share on Facebook")


def test_share_prompts_and_photo_credits() -> None:
    text = "A friend wanted you to see this item from WRAL.com: http://wral.com/1\nThe victim was taken to hospital. (Image: AP)\nPolice said the suspect fled."
    got = roles(text)
    assert got[0][0] == "boilerplate"
    assert ("caption", "The victim was taken to hospital.") in got or got[1][0] == "caption"
    assert got[-1] == ("body", "Police said the suspect fled.")


def test_labelled_share_prompt_is_boilerplate() -> None:
    got = roles("Email: A friend wanted you to see this item from Levant Post\nPolice: the suspect fled on foot.")
    assert got[0] == ("boilerplate", "Email: A friend wanted you to see this item from Levant Post")
    assert got[-1][0] == "body"


def test_crlf_and_offsets() -> None:
    text = "First line here.\r\n\r\nSecond one, with more words.\r\n"
    for s in segment(text):
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        assert "\r" not in text[s.start:s.end]
