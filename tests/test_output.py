"""Result -> exact lines, for each output format."""

import json

from midoshell.output import RenderOptions, render
from midoshell.results import Created, Lines, Nothing, Row, Rows, Value

ROWS = Rows([
    Row("router", "router0", [("name", "r1"), ("state", "up"), ("infilter", None), ("asn", "0")],
        "11111111-1111-1111-1111-111111111111", "router0"),
    Row("router", "router1", [("name", "edge router"), ("state", "down"), ("infilter", "chain0"),
                              ("asn", "0")], "22222222-2222-2222-2222-222222222222", "router1"),
])
MEMBERS = Rows([Row(None, None, [("zone", "tzone0"), ("host", "host0"), ("address", "10.0.0.1")])])


def lines(result, **options):
    return render(result, RenderOptions(**options))


def test_text_is_midonet_cli_lines_with_quoted_spaces():
    assert lines(ROWS) == ["router router0 name r1 state up asn 0",
                           'router router1 name "edge router" state down infilter chain0 asn 0']
    assert lines(MEMBERS) == ["zone tzone0 host host0 address 10.0.0.1"]
    assert lines(Value("up")) == ["up"]
    assert lines(Created("router0", "1111", "router0")) == ["router0"]
    assert lines(Nothing()) == []


def test_json_is_one_document_with_stable_keys():
    document = json.loads("\n".join(lines(ROWS, format="json")))
    assert document[0] == {"id": "11111111-1111-1111-1111-111111111111", "alias": "router0",
                           "name": "r1", "state": "up", "infilter": None, "asn": "0"}
    assert list(document[0]) == list(document[1])
    assert json.loads(lines(MEMBERS, format="json")[0]) == \
        [{"zone": "tzone0", "host": "host0", "address": "10.0.0.1"}]
    assert lines(Value("up"), format="json") == ['"up"']
    assert json.loads(lines(Created("router0", "1111", "router0"), format="json")[0]) == \
        {"id": "1111", "alias": "router0"}
    assert lines(Nothing(), format="json") == []


def test_json_columns_pick_and_order_keys():
    document = json.loads(lines(ROWS, format="json", columns=["name", "id"])[0])
    assert document == [{"name": "r1", "id": "11111111-1111-1111-1111-111111111111"},
                        {"name": "edge router", "id": "22222222-2222-2222-2222-222222222222"}]


def test_csv_has_a_header_row_unless_told_not_to():
    assert lines(ROWS, format="csv") == [
        "id,alias,name,state,infilter,asn",
        "11111111-1111-1111-1111-111111111111,router0,r1,up,,0",
        "22222222-2222-2222-2222-222222222222,router1,edge router,down,chain0,0"]
    assert lines(ROWS, format="csv", headers=False, columns=["alias", "state"]) == \
        ["router0,up", "router1,down"]
    assert lines(Value("10.0.0.1"), format="csv") == ["10.0.0.1"]


def test_table_fits_the_width_and_drops_empty_columns():
    out = lines(ROWS, format="table", width=80)
    assert out[0].split() == ["alias", "name", "state", "infilter", "asn"]
    assert out[2].split() == ["router0", "r1", "up", "0"]
    narrow = lines(Rows([Row("router", "router0", [("name", "x" * 60)], "1", "router0")]),
                   format="table", width=30)
    assert max(len(line) for line in narrow) <= 30
    assert lines(MEMBERS, format="table", headers=False) == ["tzone0  host0  10.0.0.1"]
    assert lines(Value("up"), format="table") == ["up"]


def test_human_text_passes_through_every_format():
    for fmt in ("text", "table", "csv"):
        assert lines(Lines(["a", "b"]), format=fmt) == ["a", "b"]
    assert json.loads(lines(Lines(["a", "b"]), format="json")[0]) == ["a", "b"]
