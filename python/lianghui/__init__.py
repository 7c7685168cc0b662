"""lianghui: China's two-sessions documents → clean text and every number they state.

The same pipeline as the ``lianghui`` command, in process:

>>> import lianghui
>>> lianghui.facts("地区生产总值增长5%左右")[0]["value"]
5.0

``parse`` and ``facts`` return what ``lianghui parse --format json`` and
``lianghui facts --format jsonl`` print; ``facts_table`` runs many documents at once on every
core and returns a ``pyarrow.Table`` with the columns of ``lianghui export``. All three release
the GIL while they work. Input that cannot be read raises a subclass of :class:`Error` with
the message the command prints.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _native
from ._native import DecodeError, EmptyError, Error, PdfError, TooLargeError

__all__ = [
    "parse",
    "facts",
    "facts_table",
    "FACTS_SCHEMA",
    "Error",
    "DecodeError",
    "TooLargeError",
    "EmptyError",
    "PdfError",
]
__version__: str = _native.__version__

Data = Union[bytes, bytearray, str]

#: Inputs larger than this many bytes are refused (as ``--max-bytes`` does for the command).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def parse(
    data: Data,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Dict[str, Any]:
    """Restore one document's text and structure.

    ``data`` is the file's bytes (text in UTF-8, UTF-16 or GB18030/GBK, a PDF or a web page,
    told apart by content) or already decoded text. ``encoding`` forces the text encoding of
    bytes; ``path`` names the document in the result's ``source`` and in error messages.
    Returns the document as ``lianghui parse --format json`` prints it.
    """
    return json.loads(
        _native.parse_json(data, encoding=encoding, path=path, max_bytes=max_bytes)
    )


def facts(
    data: Data,
    *,
    encoding: Optional[str] = None,
    path: Optional[str] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> List[Dict[str, Any]]:
    """Every quantitative fact of one document, as ``lianghui facts --format jsonl`` prints them.

    Each fact has its value in base units, unit, qualifier, measure, kind, region, indicator,
    core indicator code, year, and the sentence, block, character span and input line it came
    from (``page`` and ``page_xy`` for a PDF).
    """
    return json.loads(
        _native.facts_json(data, encoding=encoding, path=path, max_bytes=max_bytes)
    )


def _arrow_type(pa: Any, name: str) -> Any:
    return {
        "string": pa.string(),
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
    }[name]


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            pa.field(name, _arrow_type(pa, ty), nullable=nullable)
            for name, ty, nullable in _native.facts_columns()
        ]
    )


def __getattr__(name: str) -> Any:
    # FACTS_SCHEMA needs pyarrow; build it only when asked for.
    if name == "FACTS_SCHEMA":
        return _schema()
    raise AttributeError(f"module 'lianghui' has no attribute {name!r}")


def facts_table(
    data_list: Sequence[Data],
    paths: Optional[Sequence[str]] = None,
    *,
    encoding: Optional[str] = None,
    jobs: Optional[int] = None,
    errors: str = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """The facts of many documents as one ``pyarrow.Table``, parsed in parallel.

    The columns are those of ``lianghui export`` (``FACTS_SCHEMA``); rows follow the input
    order, each document's facts in reading order. ``paths`` fills the ``path`` column (by
    default ``<0>``, ``<1>``, …). ``jobs`` caps the worker threads (default: every core).
    ``errors="raise"`` raises for the first document that cannot be read; ``errors="skip"``
    leaves such documents out and records them in the table's schema metadata under
    ``b"lianghui.skipped"`` (JSON: a list of ``[index, message]``).
    """
    import pyarrow as pa

    chunks, skipped = _native.facts_buffers(
        data_list,
        paths,
        encoding=encoding,
        jobs=jobs,
        errors=errors,
        max_bytes=max_bytes,
    )
    schema = _schema()
    batches = []
    for rows, columns in chunks:
        arrays = []
        for field, (valid, offsets, values) in zip(schema, columns):
            buffers: List[Any] = [pa.py_buffer(valid) if valid is not None else None]
            if offsets is not None:
                buffers.append(pa.py_buffer(offsets))
            buffers.append(pa.py_buffer(values))
            arrays.append(pa.Array.from_buffers(field.type, rows, buffers))
        batches.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
    if skipped:
        schema = schema.with_metadata({b"lianghui.skipped": json.dumps(skipped).encode()})
    return pa.Table.from_batches(batches, schema=schema)
