"""统一社会信用代码 (unified social credit code, USCC) per GB 32100-2015.

Positions: 1 registering department, 2 category, 3-8 the registering authority's division
code, 9-17 the GB 11714 organisation code, 18 the check character. Only the length, the
character set and the check character are enforced: department codes and division codes
change over time (Guangde's moved from 341822 to 341882 in 2019), so neither is checked
against a list.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import normalize_code

USCC_LENGTH = 18
# GB 32100-2015 table: digits and upper-case letters without I, O, Z, S, V. A character's
# value is its index here.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {char: value for value, char in enumerate(CHARSET)}
# Weight of position i (1-based) is 3^(i-1) mod 31.
WEIGHTS = tuple(pow(3, i, 31) for i in range(USCC_LENGTH - 1))


def normalize_uscc(raw: str) -> str:
    """What a user meant: no spaces, half-width, upper-case (codes get pasted from Word)."""
    return normalize_code(raw)


def check_character(first17: str) -> str:
    """The 18th character for the first 17, which must all be in CHARSET."""
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """Raise ValidationError saying exactly what is wrong with an already-normalised code."""
    if len(value) != USCC_LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="uscc_length",
            params={"count": len(value)},
        )
    bad = [(pos, char) for pos, char in enumerate(value, start=1) if char not in _VALUES]
    if bad:
        position, char = bad[0]
        raise ValidationError(
            _(
                "Character %(position)d (“%(char)s”) is not allowed in a unified social credit "
                "code: only digits and capital letters other than I, O, Z, S and V."
            ),
            code="uscc_character",
            params={"position": position, "char": char},
        )
    expected = check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "The check character (the 18th) is “%(actual)s” but should be “%(expected)s” "
                "for the first 17 characters: please check the code for a typing error."
            ),
            code="uscc_checksum",
            params={"actual": value[17], "expected": expected},
        )


def is_valid_uscc(value: str) -> bool:
    try:
        validate_uscc(value)
    except ValidationError:
        return False
    return True
