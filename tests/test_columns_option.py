"""`--columns` checked when options are read (midoshell.columns.check_columns)."""

import pytest

from midoshell.columns import check_columns
from midoshell.errors import EXIT_USAGE, UsageError


def test_known_columns_pass_in_order():
    assert check_columns("name,id,state", "table") == (["name", "id", "state"], None)
    assert check_columns("alias,address", "json") == (["alias", "address"], None)


def test_an_unknown_column_is_a_usage_error_naming_it():
    with pytest.raises(UsageError) as caught:
        check_columns("name,bogus,stat", "csv")
    assert caught.value.exit_status == EXIT_USAGE
    assert "unknown columns 'bogus', 'stat' (did you mean " in caught.value.message
    assert "'state'" in caught.value.message.split('did you mean')[1]


def test_an_empty_name_is_a_usage_error():
    with pytest.raises(UsageError, match="empty column name"):
        check_columns("name,,id", "json")


@pytest.mark.parametrize("output", [None, "text"])
def test_with_text_output_it_says_the_option_is_ignored(output):
    columns, warning = check_columns("name", output)
    assert columns == ["name"] and warning == "--columns is ignored with -o text " \
                                              "(it applies to table, json, csv)"
