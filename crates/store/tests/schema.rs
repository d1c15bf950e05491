//! `src/schema.rs` is what diesel believes the tables are; the migrations are
//! what they are. This test migrates a fresh database and reads its tables
//! back, the way `diesel print-schema` does, and fails on any table, column,
//! column order, type or nullability they disagree on, and when the key
//! schema.rs gives a table (what `find` uses) does not identify its rows.
//! Runs on SQLite, or on PostgreSQL when `HEARD_TEST_DATABASE_URL` is set.

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use heard_store::testing::TestDatabase;
use heard_store::{migrate, AnyConnection};
use std::collections::BTreeMap;

const SCHEMA_RS: &str = include_str!("../src/schema.rs");

/// One table of schema.rs: its primary key and its columns in order, each
/// as `name -> Type` the way `diesel::table!` spells it.
#[derive(Debug)]
struct Table {
    primary_key: Vec<String>,
    columns: Vec<String>,
}

/// One table as the migrations made it: the column lists that identify a row
/// (primary key and unique indexes), and for each column in order the
/// spellings diesel accepts for it.
#[derive(Debug)]
struct Migrated {
    keys: Vec<Vec<String>>,
    columns: Vec<Vec<String>>,
}

impl Migrated {
    fn agrees_with(&self, declared: &Table) -> bool {
        self.keys.contains(&declared.primary_key)
            && self.columns.len() == declared.columns.len()
            && self
                .columns
                .iter()
                .zip(&declared.columns)
                .all(|(accepted, d)| accepted.contains(d))
    }
}

/// Reads the `diesel::table!` blocks of `schema.rs`.
fn declared() -> BTreeMap<String, Table> {
    let mut tables = BTreeMap::new();
    let mut lines = SCHEMA_RS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'));
    while let Some(line) = lines.next() {
        if line != "diesel::table! {" {
            continue;
        }
        let head = lines.next().expect("a table name after diesel::table!");
        let (name, rest) = head.split_once(' ').expect("`name (key) {`");
        let key = rest
            .trim_end_matches('{')
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')');
        let mut columns = Vec::new();
        for line in lines.by_ref() {
            if line == "}" {
                break;
            }
            columns.push(line.trim_end_matches(',').to_string());
        }
        assert_eq!(lines.next(), Some("}"), "table {name} closes its block");
        tables.insert(
            name.to_string(),
            Table {
                primary_key: key.split(',').map(|k| k.trim().to_string()).collect(),
                columns,
            },
        );
    }
    tables
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text, column_name = "type")]
    declared: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    udt: String,
    #[diesel(sql_type = Text)]
    nullable: String,
}

/// The type `diesel print-schema` gives a SQLite column by its declared type
/// (SQLite's own affinity rules, as diesel reads them).
fn sqlite_type(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let diesel = if t.contains("bigint") || t.contains("int8") {
        "BigInt"
    } else if t.contains("smallint") || t.contains("int2") {
        "SmallInt"
    } else if t.contains("int") {
        "Integer"
    } else if t.contains("char") || t.contains("clob") || t.contains("text") {
        "Text"
    } else if t.contains("bool") {
        "Bool"
    } else if t.contains("timestamp") || t.contains("datetime") {
        "Timestamp"
    } else if t.contains("date") {
        "Date"
    } else if t.contains("doub") || t.contains("real") {
        "Double"
    } else if t.contains("floa") {
        "Float"
    } else if t.is_empty() || t.contains("blob") {
        "Binary"
    } else {
        return format!("unknown SQLite type {declared}");
    };
    diesel.to_string()
}

/// The type `diesel print-schema` gives a PostgreSQL column by its type name.
fn pg_type(udt: &str) -> String {
    let diesel = match udt {
        "text" | "varchar" | "bpchar" => "Text",
        "int8" => "BigInt",
        "int4" => "Integer",
        "int2" => "SmallInt",
        "bool" => "Bool",
        "float8" => "Double",
        "float4" => "Float",
        "timestamp" => "Timestamp",
        "timestamptz" => "Timestamptz",
        "date" => "Date",
        "bytea" => "Binary",
        "uuid" => "Uuid",
        "jsonb" => "Jsonb",
        other => return format!("unknown PostgreSQL type {other}"),
    };
    diesel.to_string()
}

fn column(name: &str, ty: String, nullable: bool) -> String {
    if nullable {
        format!("{name} -> Nullable<{ty}>")
    } else {
        format!("{name} -> {ty}")
    }
}

fn sqlite_tables(c: &mut SqliteConnection) -> BTreeMap<String, Migrated> {
    let names: Vec<Named> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
    )
    .load(c)
    .expect("tables");
    names
        .into_iter()
        .map(|t| {
            let cols: Vec<SqliteColumn> = diesel::sql_query(format!(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{}') ORDER BY cid",
                t.name
            ))
            .load(c)
            .expect("columns");
            let mut key: Vec<(i32, String)> = cols
                .iter()
                .filter(|c| c.pk > 0)
                .map(|c| (c.pk, c.name.clone()))
                .collect();
            key.sort();
            let mut keys = vec![key.into_iter().map(|(_, n)| n).collect::<Vec<_>>()];
            let unique: Vec<Named> = diesel::sql_query(format!(
                "SELECT name FROM pragma_index_list('{}') WHERE \"unique\" = 1",
                t.name
            ))
            .load(c)
            .expect("unique indexes");
            for index in unique {
                let columns: Vec<Named> = diesel::sql_query(format!(
                    "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                    index.name
                ))
                .load(c)
                .expect("index columns");
                keys.push(columns.into_iter().map(|c| c.name).collect());
            }
            let single_key = cols.iter().filter(|c| c.pk > 0).count() == 1;
            let columns = cols
                .iter()
                .map(|c| {
                    // A primary key column holds no NULL for diesel, as print-schema has it.
                    let nullable = c.notnull == 0 && c.pk == 0;
                    let mut accepted = vec![column(&c.name, sqlite_type(&c.declared), nullable)];
                    // `INTEGER PRIMARY KEY` is the 64-bit rowid: BigInt reads it whole.
                    if single_key && c.pk > 0 && c.declared.eq_ignore_ascii_case("integer") {
                        accepted.push(column(&c.name, "BigInt".into(), false));
                    }
                    accepted
                })
                .collect();
            (t.name, Migrated { keys, columns })
        })
        .collect()
}

fn pg_tables(c: &mut PgConnection) -> BTreeMap<String, Migrated> {
    let names: Vec<Named> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '__diesel_schema_migrations'",
    )
    .load(c)
    .expect("tables");
    names
        .into_iter()
        .map(|t| {
            let cols: Vec<PgColumn> = diesel::sql_query(
                "SELECT column_name::text AS name, udt_name::text AS udt, \
                 is_nullable::text AS nullable FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 ORDER BY ordinal_position",
            )
            .bind::<Text, _>(&t.name)
            .load(c)
            .expect("columns");
            // The primary key and every unique index, key columns only (not INCLUDE).
            let keys: Vec<Named> = diesel::sql_query(
                "SELECT string_agg(a.attname::text, ',' ORDER BY k.n) AS name \
                 FROM pg_index i \
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                 WHERE i.indrelid = $1::regclass AND i.indisunique AND k.n <= i.indnkeyatts \
                 GROUP BY i.indexrelid",
            )
            .bind::<Text, _>(&t.name)
            .load(c)
            .expect("unique keys");
            let migrated = Migrated {
                keys: keys
                    .into_iter()
                    .map(|k| k.name.split(',').map(str::to_string).collect())
                    .collect(),
                columns: cols
                    .iter()
                    .map(|c| vec![column(&c.name, pg_type(&c.udt), c.nullable == "YES")])
                    .collect(),
            };
            (t.name, migrated)
        })
        .collect()
}

#[test]
fn schema_rs_reads_every_table_as_migrations_make_it() {
    let declared = declared();
    assert_eq!(
        declared.len(),
        SCHEMA_RS.matches("diesel::table! {").count(),
        "every table! block of schema.rs was read"
    );
    assert!(declared.len() > 10, "schema.rs declares the tables");

    let db = TestDatabase::new();
    let mut c = db.url.connect().expect("connect");
    migrate::run_pending(&mut c).expect("migrations run");
    let migrated = match &mut c {
        AnyConnection::Sqlite(c) => sqlite_tables(c),
        AnyConnection::Postgresql(c) => pg_tables(c),
    };

    let only_declared: Vec<_> = declared
        .keys()
        .filter(|t| !migrated.contains_key(*t))
        .collect();
    let only_migrated: Vec<_> = migrated
        .keys()
        .filter(|t| !declared.contains_key(*t))
        .collect();
    assert!(
        only_declared.is_empty() && only_migrated.is_empty(),
        "tables in schema.rs only: {only_declared:?}; made by migrations only: {only_migrated:?}"
    );
    let disagree: Vec<String> = declared
        .iter()
        .filter(|(name, table)| !migrated.get(*name).is_some_and(|m| m.agrees_with(table)))
        .map(|(name, table)| {
            format!(
                "{name}:\n  schema.rs:  {table:?}\n  migrations: {:?}",
                migrated.get(name)
            )
        })
        .collect();
    assert!(
        disagree.is_empty(),
        "schema.rs and the migrations ({:?}) disagree on\n{}",
        db.backend(),
        disagree.join("\n")
    );
}

#[test]
fn the_type_names_are_diesels() {
    // Spot checks of the mapping itself, so a wrong rule cannot hide a drift.
    assert_eq!(sqlite_type("BIGINT"), "BigInt");
    assert_eq!(sqlite_type("INTEGER"), "Integer");
    assert_eq!(sqlite_type("TIMESTAMP"), "Timestamp");
    assert_eq!(sqlite_type("BOOLEAN"), "Bool");
    assert_eq!(sqlite_type("DOUBLE PRECISION"), "Double");
    assert_eq!(sqlite_type("TEXT"), "Text");
    assert_eq!(pg_type("int8"), "BigInt");
    assert_eq!(pg_type("timestamp"), "Timestamp");
    assert!(pg_type("money").starts_with("unknown"));
    assert_eq!(column("a", "Text".into(), true), "a -> Nullable<Text>");
}
