// Starts the real `heard` binary on a free port with a fresh SQLite database
// and a mail folder of its own, and stops it again. The run's shared server
// (global-setup.ts) is seeded with the demo district; a spec that starts from
// an empty installation starts one of its own.
import { spawn, spawnSync, ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, homedir } from "node:os";
import path from "node:path";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, server: ChildProcess, log: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`heard serve exited with ${server.exitCode}:\n${readFileSync(log, "utf8")}`);
    }
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`heard did not become ready at ${url}:\n${readFileSync(log, "utf8")}`);
}

export interface Heard {
  /** Where it serves, e.g. http://127.0.0.1:41234. */
  base: string;
  /** Where it writes every email, as an .eml file, without SMTP. */
  mailDir: string;
  /** What each command of the setup printed. */
  setupOutput: string[];
  /** Runs `heard <args>` against the same database; answers its stdout, throws on failure. */
  run(...args: string[]): string;
  stop(): Promise<void>;
}

/** Migrates a fresh database, runs each of `setup` (e.g. `["seed-demo"]`) and serves. */
export async function startHeard(setup: string[][] = []): Promise<Heard> {
  const repo = path.resolve(__dirname, "..");
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(homedir(), ".cache", "heard-target");
  const bin = process.env.HEARD_BIN ?? path.join(targetDir, "debug", "heard");
  const work = mkdtempSync(path.join(tmpdir(), "heard-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const mailDir = path.join(work, "mail-outbox");
  const env = {
    ...process.env,
    HEARD_BIND: `127.0.0.1:${port}`,
    // The address links in emails lead to.
    HEARD_PUBLIC_URL: base,
    HEARD_DATABASE_URL: `sqlite://${path.join(work, "heard.db")}`,
    HEARD_STATIC_DIR: path.join(repo, "dist"),
    // Every journey signs in and submits from 127.0.0.1 within a minute or
    // two; the per-address limits have their own tests in the API suite.
    HEARD_RATE_LIMIT_SIGN_IN: "0",
    HEARD_RATE_LIMIT_PUBLIC: "0",
    HEARD_MAIL_DIR: mailDir,
  };
  const run = (...args: string[]) => {
    const r = spawnSync(bin, args, { env, encoding: "utf8" });
    if (r.status !== 0) {
      throw new Error(`${bin} ${args.join(" ")} failed (${r.status ?? r.error}):\n${r.stdout}\n${r.stderr}`);
    }
    return r.stdout;
  };
  run("migrate");
  const setupOutput = setup.map((args) => run(...args));
  const log = path.join(work, "server.log");
  const out = openSync(log, "a");
  const server = spawn(bin, ["serve"], { env, stdio: ["ignore", out, out] });
  await waitReady(`${base}/readyz`, server, log);

  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        server.kill("SIGKILL");
        resolve();
      }, 5_000);
      server.on("exit", () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (!process.env.HEARD_E2E_KEEP) rmSync(work, { recursive: true, force: true });
  };
  return { base, mailDir, setupOutput, run, stop };
}
