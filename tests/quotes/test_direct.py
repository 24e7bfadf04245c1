"""The quotation-mark scanner alone: pairing rules, odd marks, paragraphs, headlines."""

from newsgraph.quotes.direct import scan


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in m.spans] for m in scan(text)]


def test_straight_and_curly_marks():
    text = 'He said "we will win," and she said “we will not.”'
    assert quoted(text) == [["we will win,"], ["we will not."]]


def test_wire_style_double_apostrophes():
    text = "''It's nonsense,'' Mr. Trump said. ''She lies.''"
    assert quoted(text) == [["It's nonsense,"], ["She lies."]]


def test_split_quote_gives_two_spans():
    text = "“A is true,” he said. “B is also true.”"
    assert quoted(text) == [["A is true,"], ["B is also true."]]


def test_quote_running_over_paragraphs():
    text = "“We are ready for talks,” Kuleba said. “But we will defend our land.\n\n“Russia must stop the bombing.”\n\nNext."
    assert quoted(text) == [["We are ready for talks,"], ["But we will defend our land.", "Russia must stop the bombing."]]


def test_odd_mark_loses_only_itself():
    text = ('Arreaza said the government "would respond to any aggression.\n\n'
            '"We will not leave," Maduro said.\n\nThe "talks" failed.')
    assert quoted(text) == [["We will not leave,"], ["talks"]]


def test_stray_opening_mark_restarts_the_quote():
    text = 'He said "the deal and then "this is the real quote," officials said.'
    assert quoted(text) == [["this is the real quote,"]]


def test_nested_single_quotes_stay_content():
    text = "“Putin told us that ‘the operation is going to plan,’ but that is not true,” a diplomat said."
    assert quoted(text) == [["Putin told us that ‘the operation is going to plan,’ but that is not true,"]]


def test_unclosed_quote_at_paragraph_start_runs_to_its_end():
    text = "Intro.\n\n“The last paragraph lost its closing mark.\n\nAfter."
    assert quoted(text) == [["The last paragraph lost its closing mark."]]


def test_single_quotes_in_a_headline_only():
    text = "Kremlin says grain deal ‘terminated’ as drones hit Odesa\n\nThe deal’s end is ‘bad’, they said."
    assert quoted(text) == [["terminated"]]


def test_outer_spans_include_the_marks():
    text = "''Yes,'' he said."
    (m,) = scan(text)
    assert text[m.outer[0]:m.outer[1]] == "''Yes,''"
