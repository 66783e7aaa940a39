"""output/table.py lays a table out as tabulate does, line for line, without its cost."""

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from midoshell.output.safe import cell
from midoshell.output.table import _cell, laid_out

CELLS = st.text(alphabet=st.sampled_from("ab -é漢字👍\u0301\u200b\x1b\n\t\"'\\"), max_size=6)


def tabulated(header, body, with_headers):
    return tabulate(body, headers=header if with_headers else (),
                    tablefmt="simple" if with_headers else "plain",
                    disable_numparse=True).splitlines()


@settings(max_examples=300, deadline=None)
@given(columns=st.integers(1, 4), data=st.data(), with_headers=st.booleans())
def test_the_lines_are_tabulates(columns, data, with_headers):
    header = [cell(h) or "h" for h in data.draw(st.lists(CELLS, min_size=columns,
                                                         max_size=columns))]
    body = data.draw(st.lists(st.lists(CELLS.map(_cell), min_size=columns, max_size=columns),
                              min_size=1, max_size=5))
    lines = laid_out(header, body, with_headers)
    if lines is not None:  # else tabulate lays it out itself
        assert lines == tabulated(header, body, with_headers)


def test_ordinary_cells_take_the_quick_way():
    header = ["id", "name", "state"]
    body = [["a1", "web", "up"], ["b2", "漢字", ""], ["c3", '" x"', "down"]]
    assert laid_out(header, body, True) == tabulated(header, body, True)
    assert laid_out(header, body, False) == tabulated(header, body, False)


def test_the_padding_of_headers_is_tabulates():
    import tabulate

    from midoshell.output import table

    assert table.MIN_PADDING == tabulate.MIN_PADDING
