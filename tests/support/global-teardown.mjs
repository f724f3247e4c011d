export default async function globalTeardown() {
  await globalThis.__RG_TEST_PG__?.stop();
}
