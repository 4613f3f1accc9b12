import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// A copy `nobody` can read: the checkout may sit in a directory only its owner enters.
const dir = mkdtempSync(join(tmpdir(), "np-netns-script-"));
chmodSync(dir, 0o755);
const script = join(dir, "in-netns.sh");
copyFileSync(fileURLToPath(new URL("../../scripts/in-netns.sh", import.meta.url)), script);
chmodSync(script, 0o644);
/**
 * The script as a user who is not root: `nobody` when the tests run as root, else this one
 * (in a namespace the script made for a user, uid 0 is that user, not root).
 */
const unprivileged =
  process.getuid?.() === 0 && process.env.NP_NETNS !== "rootless"
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", script]
    : ["bash", script];

/**
 * scripts/in-netns.sh for a contributor who is not root (`nobody`, when the tests run as
 * root: setpriv drops it), it makes the test namespace in a user namespace where the kernel allows
 * one, and otherwise says clearly why it cannot.
 */
describe("the test network namespace without root", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("is made for an unprivileged user, or refused with a clear message", () => {
    const env = { ...process.env };
    delete env.NP_NETNS;
    delete env.NP_ROOTLESS;
    const [command, ...args] = unprivileged;
    const run = spawnSync(command!, [...args, "ip", "-br", "addr"], {
      env,
      encoding: "utf8",
      cwd: "/",
    });
    if (run.status === 0) {
      expect(run.stdout).toMatch(/np0@np1\s+UP\s+10\.77\.0\.1\/24/);
      expect(run.stdout).toMatch(/np1@np0\s+UP\s+10\.77\.0\.2\/24/);
    } else {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("Run as root (sudo npm test), or allow user namespaces.");
    }
  });
});
