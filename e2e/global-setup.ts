// One server for the whole run, seeded with the demo district, stopped when
// the run ends.
import { startHeard } from "./server";

export default async function globalSetup() {
  const heard = await startHeard([["seed-demo"]]);
  process.env.HEARD_SEED_OUTPUT = heard.setupOutput[0];
  process.env.HEARD_BASE_URL = heard.base;
  process.env.HEARD_MAIL_DIR = heard.mailDir;
  return heard.stop;
}
