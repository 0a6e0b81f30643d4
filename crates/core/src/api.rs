//! The core's side of the command table (`frontdesk_commands::commands!`, one
//! line per command): the list of commands with who may call them, a
//! dispatcher by name for the tests and the fuzzer, and the TypeScript map
//! (`ui/src/bindings/Commands.ts`) the UI's typed `call()` is built on.
//!
//! The shell generates its Tauri commands from the same table; it does not
//! go through [`call`], which exists so that everything the shell exposes can
//! be exercised with the same JSON the UI sends.

use crate::access::Permission;
use crate::error::{Error, Invalid, Result};
use crate::staff::Session;
use crate::storage::Db;

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Before anyone signs in (app status, first-run setup, sign-in).
    Public,
    /// Any active, signed-in staff member.
    SignedIn,
    /// A staff member whose role has this permission.
    Needs(Permission),
}

/// What runs a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runs {
    /// A core function, in one transaction.
    Core,
    /// The shell itself (the desk's sign-in state, progress events).
    Shell,
}

#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    pub access: Access,
    pub runs: Runs,
}

macro_rules! access {
    (public) => {
        Access::Public
    };
    (signed_in) => {
        Access::SignedIn
    };
    ($permission:ident) => {
        Access::Needs(Permission::$permission)
    };
}

macro_rules! runs {
    (core) => {
        Runs::Core
    };
    (shell) => {
        Runs::Shell
    };
}

/// Run one table line: decode the request, call the core function, encode
/// the response.
macro_rules! call_one {
    ($db:ident, $session:ident, $args:ident, $name:ident, shell ; $($req:ty)?) => {
        Err(Error::Internal(format!(
            "{} is run by the shell, not the core",
            stringify!($name)
        )))
    };
    ($db:ident, $session:ident, $args:ident, $name:ident, core $f:path ; $req:ty) => {{
        let req: $req = decode($args)?;
        encode($f($db, $session, req)?)
    }};
    ($db:ident, $session:ident, $args:ident, $name:ident, core $f:path ;) => {{ encode($f($db, $session)?) }};
}

/// The TypeScript of a request: its type, or `null` for none.
#[cfg(test)]
macro_rules! ts_req {
    ($cfg:ident, $imports:ident ;) => {
        "null".to_string()
    };
    ($cfg:ident, $imports:ident ; $req:ty) => {{
        $imports.visit::<$req>();
        <$req as ts_rs::TS>::name($cfg)
    }};
}

macro_rules! core_side {
    ($(
        $name:ident ( $($req:ty)? ) -> $res:ty, $access:ident, $kind:ident $($f:path)? ;
    )*) => {
        /// Every command, in table order.
        pub const COMMANDS: &[Command] = &[$(
            Command {
                name: stringify!($name),
                access: access!($access),
                runs: runs!($kind),
            },
        )*];

        /// Run the core command `name` with its request as the UI sends it
        /// (JSON; `null` for none) and return its response as JSON. A shell
        /// command is refused (the shell runs it).
        pub fn call(
            db: &mut Db,
            session: &Session,
            name: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value> {
            match name {
                $(stringify!($name) => call_one!(db, session, args, $name, $kind $($f)? ; $($req)?),)*
                _ => Err(Error::invalid("command", Invalid::NotAvailable)),
            }
        }

        /// (name, request TS, response TS) of every command, collecting the
        /// binding types they use into `imports`.
        #[cfg(test)]
        fn ts_table(cfg: &ts_rs::Config, imports: &mut ts_map::Imports<'_>) -> Vec<(&'static str, String, String)> {
            vec![$({
                let req = ts_req!(cfg, imports ; $($req)?);
                imports.visit::<$res>();
                (stringify!($name), req, <$res as ts_rs::TS>::name(cfg))
            },)*]
        }
    };
}

frontdesk_commands::commands!(core_side);

/// A request as the UI sent it; a malformed one is refused as such.
fn decode<T: serde::de::DeserializeOwned>(args: serde_json::Value) -> Result<T> {
    serde_json::from_value(args).map_err(|_| Error::invalid("request", Invalid::Format))
}

fn encode<T: serde::Serialize>(value: T) -> Result<serde_json::Value> {
    Ok(serde_json::to_value(value)?)
}

/// The command named `name`, if there is one.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod ts_map {
    use std::collections::BTreeSet;

    use ts_rs::{Config, TS, TypeVisitor};

    /// The exported binding types a TypeScript type mentions.
    pub struct Imports<'a> {
        pub cfg: &'a Config,
        pub names: BTreeSet<String>,
    }

    impl TypeVisitor for Imports<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if T::output_path().is_some() {
                self.names.insert(T::ident(self.cfg));
            } else {
                T::visit_generics(self);
            }
        }
    }

    impl Imports<'_> {
        /// Visit a type (named so that callers need no `TypeVisitor` import).
        pub fn visit<T: TS + 'static + ?Sized>(&mut self) {
            TypeVisitor::visit::<T>(self);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `Commands.ts` beside the other bindings (run by `make bindings`;
    /// `make test` fails when the committed file differs).
    #[test]
    fn export_bindings_commands() {
        let cfg = ts_rs::Config::from_env();
        let mut imports = ts_map::Imports {
            cfg: &cfg,
            names: Default::default(),
        };
        let table = ts_table(&cfg, &mut imports);
        let mut out =
            String::from("// Generated from the command table (crates/commands). Do not edit.\n");
        for name in &imports.names {
            out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
        }
        out.push_str("\n/** Every command: its request (`null`: none) and its response. */\n");
        out.push_str("export type Commands = {\n");
        for (name, req, res) in &table {
            out.push_str(&format!("  {name}: {{ req: {req}; res: {res} }};\n"));
        }
        out.push_str("};\n");
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "./bindings".into());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("Commands.ts"), out).unwrap();
    }

    #[test]
    fn every_command_is_named_once() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a command is declared twice");
        assert!(names.len() > 70);
    }

    #[test]
    fn a_malformed_request_is_refused_as_such() {
        let mut db = Db::open_in_memory_now().unwrap();
        let s = Session::new(
            crate::ids::StaffId(1),
            "1001",
            "x",
            crate::access::Role::Manager,
            crate::staff::Language::ZhCn,
        );
        let r = call(
            &mut db,
            &s,
            "search_customers",
            serde_json::json!({ "query": 5 }),
        );
        assert!(matches!(
            r,
            Err(Error::Invalid {
                field: "request",
                reason: Invalid::Format,
                ..
            })
        ));
        assert!(call(&mut db, &s, "no_such_command", serde_json::Value::Null).is_err());
        assert!(call(&mut db, &s, "sign_in", serde_json::Value::Null).is_err());
    }
}
