// The emails a server without SMTP writes to its mail folder, as people
// receive them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { expect } from "@playwright/test";

/** The path of the link to `/staff/<page>/…` in the email of `kind`
 * ("invitation", "password_reset") addressed to `to`, waiting up to 15 s for it. */
export async function emailedLink(kind: string, page: string, to: string, dir = process.env.HEARD_MAIL_DIR): Promise<string> {
  if (!dir) throw new Error("HEARD_MAIL_DIR is not set by the global setup");
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const f of readdirSync(dir).filter((f) => f.startsWith(`${kind}.`) && f.endsWith(".eml"))) {
      const mail = await simpleParser(readFileSync(path.join(dir, f)));
      const addressed = mail.to && "value" in mail.to ? mail.to.value[0].address : "";
      if (addressed === to) {
        const link = (mail.text ?? "").match(new RegExp(`https?://\\S+/staff/${page}/[A-Za-z0-9_-]+`));
        expect(link, mail.text).not.toBeNull();
        return new URL(link![0]).pathname;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${kind} email for ${to} in ${dir}`);
}
