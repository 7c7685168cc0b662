"""The compiled half of lianghui; use the functions of the ``lianghui`` package instead."""

from typing import List, Optional, Sequence, Tuple, Union

__version__: str

class Error(ValueError):
    """Any input lianghui cannot read; the message is the one the CLI prints."""

class DecodeError(Error):
    """Bytes that are not text in a known encoding, nor a PDF or a web page."""

class TooLargeError(Error):
    """An input, or one of its lines, over the size limit."""

class EmptyError(Error):
    """An input with no text: empty, or a web page with no article."""

class PdfError(Error):
    """A PDF that cannot be read: encrypted, damaged, scanned or without a Unicode map."""

_Data = Union[bytes, bytearray, str]
_Column = Tuple[Optional[bytes], Optional[bytes], bytes]

def parse_json(
    data: _Data,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    max_bytes: int = ...,
) -> str: ...
def facts_json(
    data: _Data,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    max_bytes: int = ...,
) -> str: ...
def facts_buffers(
    data_list: Sequence[_Data],
    paths: Optional[Sequence[str]] = None,
    *,
    encoding: Optional[str] = None,
    jobs: Optional[int] = None,
    errors: str = "raise",
    max_bytes: int = ...,
) -> Tuple[List[Tuple[int, List[_Column]]], List[Tuple[int, str]]]: ...
def facts_columns() -> List[Tuple[str, str, bool]]: ...
