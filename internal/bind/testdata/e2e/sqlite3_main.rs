// Opens an in-memory database and round-trips a row, using only ferry's raw bindings.
#![allow(dead_code, non_camel_case_types, non_upper_case_globals, non_snake_case, improper_ctypes)]
mod raw {
    include!(env!("FERRY_BINDINGS"));
}
use core::ffi::{c_char, CStr};
use core::ptr::null_mut;
use raw::*;

fn main() {
    unsafe {
        let mut db: *mut sqlite3 = null_mut();
        assert_eq!(sqlite3_open(c":memory:".as_ptr(), &mut db), SQLITE_OK as _);
        let sql = c"CREATE TABLE t(x INTEGER, s TEXT); INSERT INTO t VALUES (42, 'ferry');";
        let rc = sqlite3_exec(db, sql.as_ptr(), None, null_mut(), null_mut());
        assert_eq!(rc, SQLITE_OK as _, "exec");

        let mut stmt: *mut sqlite3_stmt = null_mut();
        let rc = sqlite3_prepare_v2(db, c"SELECT x, s FROM t".as_ptr(), -1, &mut stmt, null_mut());
        assert_eq!(rc, SQLITE_OK as _, "prepare");
        assert_eq!(sqlite3_step(stmt), SQLITE_ROW as _);
        assert_eq!(sqlite3_column_int(stmt, 0), 42);
        let s = CStr::from_ptr(sqlite3_column_text(stmt, 1) as *const c_char);
        assert_eq!(s.to_str().unwrap(), "ferry");
        assert_eq!(sqlite3_step(stmt), SQLITE_DONE as _);
        assert_eq!(sqlite3_finalize(stmt), SQLITE_OK as _);

        // Bad SQL is an error with a message.
        let mut bad: *mut sqlite3_stmt = null_mut();
        let rc = sqlite3_prepare_v2(db, c"SELEC nonsense".as_ptr(), -1, &mut bad, null_mut());
        assert_eq!(rc, SQLITE_ERROR as _);
        assert!(!CStr::from_ptr(sqlite3_errmsg(db)).to_bytes().is_empty());
        assert_eq!(sqlite3_close(db), SQLITE_OK as _);
    }
    println!("sqlite3 ok");
}
