//! `lianghui._native`: the pipeline for Python. The Python package (`python/lianghui/`) wraps
//! these functions: documents and facts cross as the same JSON the CLI prints, and a facts
//! table crosses as Arrow buffers, one copy and no Python object per cell.
//!
//! Every function copies its input out of Python, then releases the GIL for all the work, so
//! other Python threads run meanwhile and `facts_table` uses every core.

use lianghui::extract::Fact;
use lianghui::read::ReadOptions;
use lianghui::{ReadError, SourceEncoding};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

create_exception!(
    lianghui,
    Error,
    PyValueError,
    "Any input lianghui cannot read; the message is the one the CLI prints."
);
create_exception!(
    lianghui,
    DecodeError,
    Error,
    "Bytes that are not text in a known encoding, nor a PDF or a web page."
);
create_exception!(
    lianghui,
    TooLargeError,
    Error,
    "An input, or one of its lines, over the size limit."
);
create_exception!(
    lianghui,
    EmptyError,
    Error,
    "An input with no text: empty, or a web page with no article."
);
create_exception!(
    lianghui,
    PdfError,
    Error,
    "A PDF that cannot be read: encrypted, damaged, scanned or without a Unicode map."
);

/// One input copied out of Python: its bytes, and whether they came from a `str` (UTF-8 then,
/// whatever was asked).
struct Data {
    bytes: Vec<u8>,
    from_str: bool,
}

/// `what` names the argument in a type error, `name` the document in a size error.
fn data_of(obj: &Bound<'_, PyAny>, what: &str, name: &str, max_bytes: usize) -> PyResult<Data> {
    // Sizes are checked before the copy: a huge input costs nothing to turn away.
    let fits = |len: usize| {
        if len > max_bytes {
            Err(too_large(name, len, max_bytes))
        } else {
            Ok(())
        }
    };
    if let Ok(b) = obj.cast::<PyBytes>() {
        fits(b.as_bytes().len())?;
        return Ok(Data {
            bytes: b.as_bytes().to_vec(),
            from_str: false,
        });
    }
    if let Ok(b) = obj.cast::<pyo3::types::PyByteArray>() {
        fits(b.len())?;
        return Ok(Data {
            bytes: b.to_vec(),
            from_str: false,
        });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // A character is at least one byte of UTF-8.
        fits(s.len()?)?;
        let text = s.to_cow()?;
        fits(text.len())?;
        return Ok(Data {
            bytes: text.into_owned().into_bytes(),
            from_str: true,
        });
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes or str, not {}",
        obj.get_type().name()?
    )))
}

fn too_large(name: &str, size: usize, limit: usize) -> PyErr {
    read_error(name, &ReadError::TooLarge { size, limit })
}

/// The exception for a read error, with the CLI's message: `name: reason`.
fn read_error(name: &str, e: &ReadError) -> PyErr {
    let msg = format!("{name}: {e}");
    match e {
        ReadError::TooLarge { .. } | ReadError::LineTooLong { .. } => TooLargeError::new_err(msg),
        ReadError::Empty | ReadError::EmptyPage => EmptyError::new_err(msg),
        ReadError::Pdf(_) => PdfError::new_err(msg),
        ReadError::Binary { .. } | ReadError::Truncated { .. } | ReadError::Invalid { .. } => {
            DecodeError::new_err(msg)
        }
    }
}

fn options(encoding: Option<&str>, max_bytes: usize) -> PyResult<ReadOptions> {
    let encoding = match encoding {
        Some(name) => Some(SourceEncoding::named(name).map_err(PyValueError::new_err)?),
        None => None,
    };
    Ok(ReadOptions {
        encoding,
        max_bytes,
        ..ReadOptions::default()
    })
}

/// Reads, restores and structures one input.
fn run(name: &str, data: &Data, opts: &ReadOptions) -> Result<lianghui::Document, ReadError> {
    let mut opts = opts.clone();
    if data.from_str {
        opts.encoding = Some(SourceEncoding::Utf8);
    }
    let input = lianghui::read::load(&data.bytes, &opts)?;
    Ok(lianghui::parse_input(name, &input))
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| Error::new_err(e.to_string()))
}

/// Copies one input out of Python, then reads it with the GIL released.
fn document(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    encoding: Option<&str>,
    path: Option<&str>,
    max_bytes: usize,
) -> PyResult<lianghui::Document> {
    let opts = options(encoding, max_bytes)?;
    let name = path.unwrap_or("-").to_owned();
    let data = data_of(data, "data", &name, max_bytes)?;
    py.detach(|| run(&name, &data, &opts))
        .map_err(|e| read_error(&name, &e))
}

const DEFAULT_MAX_BYTES: usize = 256 * 1024 * 1024;

/// The document as `lianghui parse --format json`, as a JSON string.
#[pyfunction]
#[pyo3(signature = (data, *, encoding=None, path=None, max_bytes=DEFAULT_MAX_BYTES))]
fn parse_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    encoding: Option<&str>,
    path: Option<&str>,
    max_bytes: usize,
) -> PyResult<String> {
    let doc = document(py, data, encoding, path, max_bytes)?;
    py.detach(|| to_json(&doc))
}

/// The facts as `lianghui facts --format jsonl`, as one JSON array.
#[pyfunction]
#[pyo3(signature = (data, *, encoding=None, path=None, max_bytes=DEFAULT_MAX_BYTES))]
fn facts_json(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    encoding: Option<&str>,
    path: Option<&str>,
    max_bytes: usize,
) -> PyResult<String> {
    let doc = document(py, data, encoding, path, max_bytes)?;
    py.detach(|| to_json(&lianghui::extract::facts(&doc)))
}

/// Arrow buffers of one column: validity bitmap (None: no nulls), offsets (strings), values.
type Buffers = (Option<Vec<u8>>, Option<Vec<u8>>, Vec<u8>);

/// The columns of `lianghui export`, built as Arrow arrays are laid out in memory.
struct Table {
    rows: usize,
    /// The string columns, in [`COLUMNS`] order.
    strings: Vec<StringColumn>,
    article: Vec<i64>,
    block: Vec<i64>,
    line: Vec<i64>,
    value: Vec<f64>,
    value_high: Nullable<f64>,
    year: Nullable<i32>,
    optional: Vec<bool>,
    page: Nullable<i32>,
    page_x: Nullable<f64>,
    page_y: Nullable<f64>,
}

struct StringColumn {
    offsets: Vec<i32>,
    data: Vec<u8>,
    valid: Vec<bool>,
    nullable: bool,
}

impl StringColumn {
    fn push(&mut self, s: Option<&str>) {
        self.data.extend_from_slice(s.unwrap_or("").as_bytes());
        self.offsets.push(self.data.len() as i32);
        self.valid.push(s.is_some());
    }

    fn buffers(self) -> Buffers {
        let valid = if self.nullable {
            bitmap(&self.valid)
        } else {
            None
        };
        (valid, Some(le_bytes(&self.offsets)), self.data)
    }
}

#[derive(Default)]
struct Nullable<T> {
    values: Vec<T>,
    valid: Vec<bool>,
}

impl<T: LeBytes + Default> Nullable<T> {
    fn push(&mut self, v: Option<T>) {
        self.valid.push(v.is_some());
        self.values.push(v.unwrap_or_default());
    }

    fn buffers(self) -> Buffers {
        (bitmap(&self.valid), None, le_bytes(&self.values))
    }
}

/// Export order: each column's name, its type as Python's side builds it, and whether it may
/// be null.
const COLUMNS: &[(&str, &str, bool)] = &[
    ("path", "string", false),
    ("article", "int64", false),
    ("block", "int64", false),
    ("line", "int64", false),
    ("text", "string", false),
    ("value", "float64", false),
    ("value_high", "float64", true),
    ("unit", "string", true),
    ("qualifier", "string", false),
    ("measure", "string", false),
    ("direction", "string", true),
    ("kind", "string", false),
    ("region", "string", true),
    ("indicator", "string", false),
    ("code", "string", true),
    ("year", "int32", true),
    ("optional", "bool", false),
    ("sentence", "string", false),
    ("page", "int32", true),
    ("page_x", "float64", true),
    ("page_y", "float64", true),
    ("period", "string", true),
    ("region_code", "string", true),
];
/// A chunk closes before any string column passes this many bytes, far below the 2 GiB that
/// 32-bit Arrow offsets allow.
const CHUNK_STRING_BYTES: usize = 1 << 29;

impl Table {
    fn new() -> Self {
        Table {
            rows: 0,
            strings: COLUMNS
                .iter()
                .filter(|&&(_, ty, _)| ty == "string")
                .map(|&(_, _, nullable)| StringColumn {
                    offsets: vec![0],
                    data: Vec::new(),
                    valid: Vec::new(),
                    nullable,
                })
                .collect(),
            article: Vec::new(),
            block: Vec::new(),
            line: Vec::new(),
            value: Vec::new(),
            value_high: Nullable::default(),
            year: Nullable::default(),
            optional: Vec::new(),
            page: Nullable::default(),
            page_x: Nullable::default(),
            page_y: Nullable::default(),
        }
    }

    fn string_bytes(&self) -> usize {
        self.strings.iter().map(|c| c.data.len()).max().unwrap_or(0)
    }

    fn push(&mut self, path: &str, f: &Fact) {
        self.rows += 1;
        let period = f.period.map(|p| p.to_string());
        let strings: [Option<&str>; 13] = [
            Some(path),
            Some(&f.text),
            Some(f.unit.as_str()).filter(|u| !u.is_empty()),
            Some(f.qualifier.as_str()),
            Some(f.measure.as_str()),
            f.direction.map(|d| d.as_str()),
            Some(f.kind.as_str()),
            f.region.as_deref(),
            Some(&f.indicator),
            f.code.as_deref(),
            Some(&f.sentence),
            period.as_deref(),
            f.region_code.as_deref(),
        ];
        for (col, s) in self.strings.iter_mut().zip(strings) {
            col.push(s);
        }
        self.article.push(f.article as i64);
        self.block.push(f.block as i64);
        self.line.push(i64::from(f.line));
        self.value.push(f.value);
        self.value_high.push(f.value_high);
        self.year.push(f.year);
        self.optional.push(f.optional);
        self.page.push(f.page.map(|p| p as i32));
        self.page_x.push(f.page_xy.map(|p| p[0]));
        self.page_y.push(f.page_xy.map(|p| p[1]));
    }

    /// Each column's buffers, in [`COLUMNS`] order.
    fn into_buffers(self) -> Vec<Buffers> {
        let mut strings = self.strings.into_iter().map(StringColumn::buffers);
        let mut string = || {
            strings
                .next()
                .expect("a string column for each string name")
        };
        let plain = |bytes: Vec<u8>| (None, None, bytes);
        vec![
            string(), // path
            plain(le_bytes(&self.article)),
            plain(le_bytes(&self.block)),
            plain(le_bytes(&self.line)),
            string(), // text
            plain(le_bytes(&self.value)),
            self.value_high.buffers(),
            string(), // unit
            string(), // qualifier
            string(), // measure
            string(), // direction
            string(), // kind
            string(), // region
            string(), // indicator
            string(), // code
            self.year.buffers(),
            plain(pack_bits(&self.optional)),
            string(), // sentence
            self.page.buffers(),
            self.page_x.buffers(),
            self.page_y.buffers(),
            string(), // period
            string(), // region_code
        ]
    }
}

/// Booleans bit-packed as Arrow lays them out, least significant bit first.
fn pack_bits(bits: &[bool]) -> Vec<u8> {
    let mut out = vec![0u8; bits.len().div_ceil(8)];
    for (i, _) in bits.iter().enumerate().filter(|(_, &b)| b) {
        out[i / 8] |= 1 << (i % 8);
    }
    out
}

/// A validity bitmap; None when every value is there (Arrow reads a missing validity buffer
/// as "no nulls").
fn bitmap(valid: &[bool]) -> Option<Vec<u8>> {
    (!valid.iter().all(|&b| b)).then(|| pack_bits(valid))
}

trait LeBytes: Copy {
    fn put(self, out: &mut Vec<u8>);
}
impl LeBytes for i32 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl LeBytes for i64 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl LeBytes for f64 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

fn le_bytes<T: LeBytes>(values: &[T]) -> Vec<u8> {
    let mut out = Vec::with_capacity(std::mem::size_of_val(values));
    for &v in values {
        v.put(&mut out);
    }
    out
}

/// One chunk of a facts table: its row count and each column's Arrow buffers, in the order
/// of `COLUMNS`.
type Chunk = (
    usize,
    Vec<(Option<Py<PyBytes>>, Option<Py<PyBytes>>, Py<PyBytes>)>,
);

/// The facts of many documents, in parallel, as Arrow buffers. `errors="raise"` raises for the
/// first input that cannot be read (in input order); `"skip"` leaves such inputs out and
/// returns their indexes and messages.
#[pyfunction]
#[pyo3(signature = (data_list, paths=None, *, encoding=None, jobs=None, errors="raise", max_bytes=DEFAULT_MAX_BYTES))]
#[allow(clippy::type_complexity)]
fn facts_buffers(
    py: Python<'_>,
    data_list: &Bound<'_, PyAny>,
    paths: Option<&Bound<'_, PyAny>>,
    encoding: Option<&str>,
    jobs: Option<usize>,
    errors: &str,
    max_bytes: usize,
) -> PyResult<(Vec<Chunk>, Vec<(usize, String)>)> {
    let raise = match errors {
        "raise" => true,
        "skip" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"skip\", not {other:?}"
            )))
        }
    };
    let opts = options(encoding, max_bytes)?;
    if data_list.is_instance_of::<PyBytes>() || data_list.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "data_list must be a list of documents (bytes or str), not one document",
        ));
    }
    let items: Vec<Bound<'_, PyAny>> = data_list
        .try_iter()
        .map_err(|_| PyTypeError::new_err("data_list must be a list of bytes or str"))?
        .collect::<PyResult<_>>()?;
    let names: Vec<String> = match paths {
        None => (0..items.len()).map(|i| format!("<{i}>")).collect(),
        Some(p) => {
            let names: Vec<String> = p
                .try_iter()
                .map_err(|_| PyTypeError::new_err("paths must be a list of str"))?
                .map(|x| x?.extract::<String>())
                .collect::<PyResult<_>>()?;
            if names.len() != items.len() {
                return Err(PyValueError::new_err(format!(
                    "{} paths for {} documents",
                    names.len(),
                    items.len()
                )));
            }
            names
        }
    };
    let mut inputs = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match data_of(item, &format!("data_list[{i}]"), &names[i], max_bytes) {
            Ok(d) => inputs.push(Some(d)),
            Err(e) if !raise && e.is_instance_of::<Error>(py) => {
                skipped.push((i, e.value(py).to_string()));
                inputs.push(None);
            }
            Err(e) => return Err(e),
        }
    }
    drop(items);
    let work = || -> Vec<Result<Vec<Fact>, ReadError>> {
        inputs
            .par_iter()
            .zip(names.par_iter())
            .map(|(d, name)| match d {
                Some(d) => run(name, d, &opts).map(|doc| lianghui::extract::facts(&doc)),
                None => Ok(Vec::new()),
            })
            .collect()
    };
    let results = py.detach(|| -> PyResult<_> {
        match jobs {
            Some(0) | None => Ok(work()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(work))
                .map_err(|e| Error::new_err(format!("cannot start worker threads: {e}"))),
        }
    })?;
    let mut tables = vec![Table::new()];
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(facts) => {
                for f in &facts {
                    let t = tables.last_mut().expect("one table at least");
                    if t.string_bytes() > CHUNK_STRING_BYTES {
                        tables.push(Table::new());
                    }
                    tables.last_mut().expect("just pushed").push(&names[i], f);
                }
            }
            Err(e) if raise => return Err(read_error(&names[i], &e)),
            Err(e) => skipped.push((i, format!("{}: {e}", names[i]))),
        }
    }
    skipped.sort();
    let chunks = py.detach(|| {
        tables
            .into_iter()
            .map(|t| (t.rows, t.into_buffers()))
            .collect::<Vec<_>>()
    });
    let to_py = |b: Vec<u8>| PyBytes::new(py, &b).unbind();
    let chunks = chunks
        .into_iter()
        .map(|(rows, cols)| {
            let cols = cols
                .into_iter()
                .map(|(valid, offsets, data)| (valid.map(to_py), offsets.map(to_py), to_py(data)))
                .collect();
            (rows, cols)
        })
        .collect();
    Ok((chunks, skipped))
}

/// The export columns, in order, each with its Arrow type name and whether it may be null.
#[pyfunction]
fn facts_columns() -> Vec<(&'static str, &'static str, bool)> {
    COLUMNS.to_vec()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(facts_json, m)?)?;
    m.add_function(wrap_pyfunction!(facts_buffers, m)?)?;
    m.add_function(wrap_pyfunction!(facts_columns, m)?)?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add("EmptyError", py.get_type::<EmptyError>())?;
    m.add("PdfError", py.get_type::<PdfError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
