// Drives the safe sqlite3 API generated from ferry.toml. It must contain
// no unsafe code: the test scans it, and the compiler forbids it.
#![forbid(unsafe_code)]

use ferry_sqlite3::safe::{ColumnType, Connection, ErrorKind, OpenFlags, Step};

fn main() {
    let db = Connection::open_v2(
        ":memory:",
        OpenFlags::READWRITE | OpenFlags::CREATE,
        None::<&str>,
    )
    .expect("open");
    db.exec(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, score REAL)",
        None,
    )
    .expect("create table");

    // Prepared insert: bind int, text, blob, null; step; reset.
    let ins = db
        .prepare("INSERT INTO t (id, name, data, score) VALUES (?1, ?2, ?3, ?4)")
        .expect("prepare insert");
    let rows: [(i32, &str, &[u8]); 3] = [(1, "one", b"\x00\x01"), (2, "two", b""), (3, "thr\u{e9}e", b"xyz")];
    for (id, name, data) in rows {
        ins.bind_int(1, id).expect("bind int");
        ins.bind_text(2, name).expect("bind text");
        ins.bind_blob(3, data).expect("bind blob");
        ins.bind_null(4).expect("bind null");
        assert_eq!(Step::try_from(ins.step().expect("step")), Ok(Step::Done));
        ins.reset().expect("reset");
    }
    drop(ins);

    // Query with column getters.
    let q = db
        .prepare("SELECT id, name, data, score FROM t ORDER BY id")
        .expect("prepare select");
    let mut seen = Vec::new();
    while Step::try_from(q.step().expect("step")) == Ok(Step::Row) {
        let id = q.column_int(0);
        let name = q.column_text(1).expect("name is not NULL");
        let data = q.column_blob(2);
        assert_eq!(q.column_type(3), Ok(ColumnType::Null));
        assert_eq!(q.column_type(1), Ok(ColumnType::Text));
        seen.push((id, name, data));
    }
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[2], (3, "thr\u{e9}e".to_owned(), b"xyz".to_vec()));
    assert_eq!(seen[0].2, vec![0u8, 1]);
    assert_eq!(q.column_name(1).as_deref(), Some("name"));
    drop(q);

    // exec with a closure: called once per row, through a trampoline.
    let mut count = 0;
    db.exec("SELECT id FROM t", Some(&mut |_ncols, _values, _names| {
        count += 1;
        0
    }))
    .expect("exec with callback");
    assert_eq!(count, 3);

    // A panicking closure never unwinds into C: the panic resumes here.
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = db.exec("SELECT id FROM t", Some(&mut |_, _, _| panic!("boom")));
    }));
    assert!(caught.is_err());

    // Failure paths: errors carry sqlite's message.
    let err = db.prepare("SELEKT nonsense").err().expect("bad SQL fails");
    assert_eq!(err.kind(), ErrorKind::Status);
    assert!(err.message().contains("syntax error"), "message: {}", err.message());
    println!("bad sql: {err}");
    let err = db.exec("INSERT INTO missing VALUES (1)", None).expect_err("no such table");
    assert!(err.message().contains("no such table"), "message: {}", err.message());
    let err = db.exec("SELECT 1\0; DROP TABLE t", None).expect_err("interior NUL");
    assert_eq!(err.kind(), ErrorKind::InteriorNul);
    let bad = Connection::open_v2("/nonexistent/dir/x.db", OpenFlags::READONLY, None::<&str>);
    assert!(bad.is_err());

    // Out-of-range enum values are errors, not undefined behaviour.
    let err = ColumnType::try_from(42).expect_err("42 is not a column type");
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(ColumnType::try_from(5), Ok(ColumnType::Null));
    assert!(OpenFlags::from_bits(1 << 30).is_none());

    println!("sqlite3 ok");
}
