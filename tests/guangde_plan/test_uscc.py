import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from guangde_plan.lib.uscc import (
    CHARSET,
    check_character,
    is_valid_uscc,
    normalize_uscc,
    validate_uscc,
)

# The valid examples of shared/domain.md.
VALID = ["91350100M000100Y43", "91310110666007217T", "91350200776049653A"]


@pytest.mark.parametrize("code", VALID)
def test_it_accepts_the_published_examples(code):
    validate_uscc(code)
    assert check_character(code[:17]) == code[17]


def test_weights_are_powers_of_three_mod_31():
    from guangde_plan.lib.uscc import WEIGHTS

    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_the_charset_leaves_out_i_o_z_s_v():
    assert len(CHARSET) == 31
    assert not set("IOZSV") & set(CHARSET)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 91350100m000100y43 ", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),  # full-width, from Word
        ("9135 0100 M000 100Y 43", "91350100M000100Y43"),
        ("91350100M000100Y43\u3000", "91350100M000100Y43"),  # ideographic space
        ("", ""),
    ],
)
def test_it_normalises_what_people_paste(raw, expected):
    assert normalize_uscc(raw) == expected


@pytest.mark.parametrize("code", ["9135010M000100Y43", "91350100M000100Y431", ""])
def test_it_rejects_a_wrong_length(code):
    with pytest.raises(ValidationError) as info:
        validate_uscc(code)
    assert info.value.code == "uscc_length"
    assert info.value.params == {"count": len(code)}


@pytest.mark.parametrize(
    ("code", "position", "char"),
    [
        ("91350100I000100Y43", 9, "I"),
        ("91350100O000100Y43", 9, "O"),
        ("9135010SM000100Y43", 8, "S"),
        ("91350100M000100V43", 16, "V"),
        ("Z1350100M000100Y43", 1, "Z"),
        ("91350100M000100Y4-", 18, "-"),
    ],
)
def test_it_names_the_illegal_character_and_its_position(code, position, char):
    with pytest.raises(ValidationError) as info:
        validate_uscc(code)
    assert info.value.code == "uscc_character"
    assert info.value.params == {"position": position, "char": char}


def test_it_gives_the_expected_check_character():
    with pytest.raises(ValidationError) as info:
        validate_uscc("91350100M000100Y44")
    assert info.value.code == "uscc_checksum"
    assert info.value.params == {"actual": "4", "expected": "3"}


def test_the_message_is_chinese_by_default():
    with pytest.raises(ValidationError) as info:
        validate_uscc("91350100M000100Y44")
    assert "校验码" in info.value.messages[0]
    assert "“3”" in info.value.messages[0]


first17 = st.text(alphabet=CHARSET, min_size=17, max_size=17)


@given(first17)
def test_a_computed_check_character_always_validates(body):
    assert is_valid_uscc(body + check_character(body))


@given(first17, st.integers(min_value=0, max_value=17), st.sampled_from(CHARSET))
def test_any_single_character_typo_is_caught(body, position, replacement):
    code = body + check_character(body)
    typo = code[:position] + replacement + code[position + 1 :]
    assert is_valid_uscc(typo) == (typo == code)
