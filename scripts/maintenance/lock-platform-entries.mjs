// Run after `npm install` changes package-lock.json: `node scripts/maintenance/lock-platform-entries.mjs package-lock.json`.
// The registry these machines use serves only linux-x64 builds of packages with native binaries
// (@swc/core-*, @unrs/resolver-binding-*…), so npm writes no lock entries for the other platforms and
// `npm ci` then refuses the lock ("Missing: … from lock file"). This adds those entries, with os/cpu/libc
// taken from the package name, so `npm ci` skips them here and fetches them on the platform that needs them.
import fs from "node:fs";
const path = process.argv[2];
const lock = JSON.parse(fs.readFileSync(path, "utf8"));
const pk = lock.packages;
const cpus = ["arm64", "x64", "arm", "ppc64", "s390x", "ia32", "loong64", "riscv64"];
const oses = ["darwin", "linux", "win32", "android", "freebsd", "openharmony"];
let added = 0;
for (const [k, v] of Object.entries(pk)) {
  for (const [d, ver] of Object.entries(v.optionalDependencies || {})) {
    if (pk["node_modules/" + d] || pk[k + "/node_modules/" + d]) continue;
    const parts = d.split("/").pop().split("-");
    const os = parts.find((p) => oses.includes(p));
    const cpu = parts.find((p) => cpus.includes(p));
    if (!os || !cpu) throw new Error("cannot tell platform of " + d);
    const entry = { version: ver, cpu: [cpu] };
    if (os === "linux") entry.libc = [parts.some((p) => p.includes("musl")) ? "musl" : "glibc"];
    entry.optional = true;
    entry.os = [os];
    pk["node_modules/" + d] = entry;
    added++;
  }
}
// Sort keys as npm does.
const sorted = {};
for (const k of Object.keys(pk).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))))
  sorted[k] = pk[k];
lock.packages = sorted;
fs.writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
console.log("added", added);
