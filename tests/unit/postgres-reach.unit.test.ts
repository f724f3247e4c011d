// Scenario: as root, embedded PostgreSQL runs as the OS user "postgres", which must walk down to the server's
// binaries and data. A checkout in a private folder (mktemp -d, mode 700) stopped the tests with EACCES on initdb.
// letPostgresReach adds the search bit for others on each folder above a path that lacks it, says so, and leaves
// the rest as it was (no read bit, no other folder touched); letPostgresReachBinaries makes this platform's
// binaries reachable that way.
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { letPostgresReach } from "../../scripts/postgres/reach.cjs";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "rg-reach-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

test("the search bit for others is added on every folder above the path that lacks it, and only that bit", async () => {
  const checkout = join(root, "private", "c");
  const binary = join(checkout, "node_modules", "bin", "initdb");
  await mkdir(dirname(binary), { recursive: true });
  await writeFile(binary, "");
  await chmod(root, 0o755);
  await chmod(join(root, "private"), 0o700);
  await chmod(checkout, 0o750);
  const notices: string[] = [];
  await letPostgresReach(binary, (line) => notices.push(line));
  expect(await modeOf(join(root, "private"))).toBe(0o701);
  expect(await modeOf(checkout)).toBe(0o751);
  expect(await modeOf(root)).toBe(0o755);
  expect(notices).toEqual([
    `letting the postgres OS user traverse ${join(root, "private")} (chmod o+x)`,
    `letting the postgres OS user traverse ${checkout} (chmod o+x)`,
  ]);

  // Already reachable: nothing changes, nothing is said.
  const again: string[] = [];
  await letPostgresReach(binary, (line) => again.push(line));
  expect(again).toEqual([]);
  expect(await modeOf(join(root, "private"))).toBe(0o701);
});
