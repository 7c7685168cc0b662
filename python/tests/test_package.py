"""The Python API: values, types, errors, the GIL, and facts_table against facts."""

import threading
import time

import pyarrow as pa
import pytest

import lianghui


def test_the_issue_example_prints_five():
    assert lianghui.facts("地区生产总值增长5%左右")[0]["value"] == 5.0


def test_parse_gives_articles_blocks_and_the_source(sample_bytes):
    doc = lianghui.parse(sample_bytes, path="shanxi.txt")
    assert doc["source"] == "shanxi.txt"
    assert len(doc["articles"]) == 3
    assert doc["articles"][1]["kind"] == "government_work_report"
    assert any(b["type"] == "heading" for b in doc["articles"][1]["blocks"])


def test_bytes_in_gb18030_and_str_give_the_same_facts(sample_bytes):
    text = sample_bytes.decode("utf-8")
    as_str = lianghui.facts(text)
    assert as_str == lianghui.facts(sample_bytes)
    assert as_str == lianghui.facts(text.encode("gb18030"))
    assert as_str == lianghui.facts(bytearray(sample_bytes))
    assert lianghui.facts(text.encode("gb18030"), encoding="gb18030") == as_str


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"\x00\x01\x02binary", lianghui.DecodeError, "binary data (NUL byte) at byte offset 0"),
        (b"\xff\xfe\xfd\xfc" * 10 + b"\x81", lianghui.DecodeError, "byte offset"),
        (b"", lianghui.EmptyError, "empty input"),
        (b"%PDF-1.4\n1 0 obj\n", lianghui.PdfError, "damaged PDF"),
    ],
)
def test_bad_bytes_raise_a_named_error_with_the_cli_message(data, error, words):
    with pytest.raises(error, match=".") as caught:
        lianghui.facts(data, path="bad.bin")
    assert isinstance(caught.value, lianghui.Error)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith("bad.bin: ")
    assert words in str(caught.value)


def test_a_300_mb_string_is_refused_before_any_work():
    big = "增" * (300 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(lianghui.TooLargeError, match="over the limit of 268435456 bytes"):
        lianghui.parse(big)
    assert time.perf_counter() - started < 5
    with pytest.raises(lianghui.TooLargeError):
        lianghui.facts_table(["地区生产总值增长5%", big])


@pytest.mark.parametrize("bad", [None, 5, 3.5, ["a"], object()])
def test_what_is_not_a_document_is_a_type_error(bad):
    with pytest.raises(TypeError, match="must be bytes or str"):
        lianghui.facts(bad)
    with pytest.raises(TypeError):
        lianghui.facts_table([b"x", bad])


def test_facts_table_refuses_one_document_and_bad_arguments():
    with pytest.raises(TypeError, match="list of documents"):
        lianghui.facts_table(b"one document")
    with pytest.raises(TypeError):
        lianghui.facts_table(None)
    with pytest.raises(ValueError, match="2 paths for 1 documents"):
        lianghui.facts_table(["x"], ["a", "b"])
    with pytest.raises(ValueError, match="errors must be"):
        lianghui.facts_table(["x"], errors="ignore")
    with pytest.raises(ValueError, match="unknown encoding"):
        lianghui.facts("x", encoding="latin-9")


def test_facts_table_has_the_export_columns_and_the_facts_of_each_document(sample_bytes):
    docs = [
        sample_bytes,
        "今年全省生产总值增长5.5%左右，粮食产量稳定在1300亿斤以上，城乡居民收入比2：1以内。",
        "没有数字。",
    ]
    table = lianghui.facts_table(docs, ["s.txt", "h.txt", "e.txt"])
    assert isinstance(table, pa.Table)
    assert table.schema == lianghui.FACTS_SCHEMA
    assert table.column_names == [
        "path", "article", "block", "line", "text", "value", "value_high", "unit",
        "qualifier", "measure", "direction", "kind", "region", "indicator", "code", "year",
        "optional", "sentence", "page", "page_x", "page_y", "period", "region_code",
    ]
    rows = table.to_pylist()
    want = []
    for doc, path in zip(docs, ["s.txt", "h.txt", "e.txt"]):
        for f in lianghui.facts(doc):
            xy = f["page_xy"] or [None, None]
            want.append({
                "path": path,
                **{k: f[k] for k in table.column_names if k in f and k != "path"},
                "page_x": xy[0],
                "page_y": xy[1],
            })
    assert rows == want
    assert any(r["value_high"] is None for r in rows)
    assert any(r["unit"] is None and r["text"] == "2：1以内" for r in rows)
    assert any(r["code"] is None for r in rows) and any(r["code"] for r in rows)


def test_skipped_documents_are_listed_not_lost(sample_bytes):
    table = lianghui.facts_table([b"\x00bad", sample_bytes], ["bad", "good"], errors="skip")
    assert set(table.column("path").to_pylist()) == {"good"}
    skipped = table.schema.metadata[b"lianghui.skipped"].decode()
    assert "bad: binary data" in skipped
    with pytest.raises(lianghui.DecodeError, match="^bad: "):
        lianghui.facts_table([b"\x00bad", sample_bytes], ["bad", "good"])


def test_an_empty_list_gives_an_empty_table():
    table = lianghui.facts_table([])
    assert table.num_rows == 0
    assert table.schema == lianghui.FACTS_SCHEMA


def test_the_gil_is_released_while_rust_works(sample_bytes):
    docs = [sample_bytes] * 40
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    worker = threading.Thread(target=count)
    worker.start()
    # Let the counter start, then see how far it gets while Rust runs alone.
    time.sleep(0.05)
    before = ticks
    started = time.perf_counter()
    lianghui.facts_table(docs, jobs=1)
    elapsed = time.perf_counter() - started
    during = ticks - before
    done.set()
    worker.join()
    # With the GIL held the counter would stand still for the whole call (it gets a slice
    # only every 5 ms switch interval at best, a few hundred ticks); released, it runs freely.
    assert elapsed > 0.05, "the call was too short to tell"
    assert during > 10_000, f"{during} ticks in {elapsed:.2f} s"


def test_typing_stubs_ship_with_the_package():
    from importlib import resources

    files = {p.name for p in resources.files("lianghui").iterdir()}
    assert {"py.typed", "_native.pyi", "__init__.py"} <= files
    assert lianghui.facts.__doc__ and lianghui.facts_table.__doc__
