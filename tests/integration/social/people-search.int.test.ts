// Name search in people() is accent-, case- and transliteration-tolerant and ranked best match first.
import { socialSubgraph } from "@reception-graph/social";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { errorCodes } from "../../support/graphql";
import { ok, registerHousehold } from "./social-fixtures";

let sg: RunningSubgraph;
let oleksandr: string;
let oleksiy: string;
let olena: string;

beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  ({
    memberIds: [oleksandr],
  } = await registerHousehold(sg, [
    { givenName: "Oleksandr", familyName: "Shevchenko", birthDate: "1979-03-14", sex: "MALE" },
  ]));
  ({
    memberIds: [oleksiy],
  } = await registerHousehold(sg, [
    { givenName: "Oleksiy", familyName: "Shevchuk", birthDate: "1990-07-02", sex: "MALE" },
  ]));
  ({
    memberIds: [olena],
  } = await registerHousehold(sg, [
    { givenName: "Olena", familyName: "Kovalenko", birthDate: "1986-11-20", sex: "FEMALE" },
  ]));
  await registerHousehold(sg, [
    { givenName: "Daryna", familyName: "Bondarenko", birthDate: "2001-01-05", sex: "FEMALE" },
  ]);
});
afterAll(async () => {
  await sg?.stop();
});

async function search(term: string): Promise<{ id: string; name: string }[]> {
  const data = ok(
    await sg.query(
      `query S($f: PersonFilter) { people(filter: $f) { totalCount edges { node { id givenName familyName } } } }`,
      { f: { search: term } },
    ),
  );
  return data.people.edges.map((e: any) => ({ id: e.node.id, name: `${e.node.givenName} ${e.node.familyName}` }));
}

test.each(["oleksandr shevchenko", "Olexandr Shevchenko", "Aleksandr Shevchenko", "OLEKSANDR ŠEVČENKO"])(
  "search %p finds Oleksandr Shevchenko first",
  async (term) => {
    const hits = await search(term);
    expect(hits[0]).toEqual({ id: oleksandr, name: "Oleksandr Shevchenko" });
  },
);

test("a Cyrillic search finds the Latin registration", async () => {
  const hits = await search("Олександр Шевченко");
  expect(hits[0].id).toBe(oleksandr);
});

test("results are ranked: the closer name comes first, unrelated names are left out", async () => {
  const hits = await search("Shevchenko");
  expect(hits[0].id).toBe(oleksandr);
  expect(hits.map((h) => h.id)).not.toContain(olena);
  const both = await search("Oleksiy Shevchuk");
  expect(both[0].id).toBe(oleksiy);
});

test("a given name alone and German/Russian spellings match", async () => {
  expect((await search("olena"))[0].id).toBe(olena);
  expect((await search("Jelena Kowalenko")).map((h) => h.id)).toContain(olena);
});

test("a search without letters is BAD_USER_INPUT naming the filter field", async () => {
  const res = await sg.query(`query { people(filter: { search: "--" }) { totalCount } }`);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe("filter.search");
});

test("search combines with the other filters", async () => {
  const data = ok(
    await sg.query(
      `query { people(filter: { search: "shevchenko", ageFrom: 40 }) { totalCount edges { node { id } } } }`,
    ),
  );
  expect(data.people.edges.map((e: any) => e.node.id)).toEqual([oleksandr]);
});

test("a search read one row at a time gives the whole ranking, each match once, with the same total on every page", async () => {
  // Five Shevchenkos and Shevchuks besides the two above; one at a time, the pages must add up to one page of all.
  for (const [givenName, familyName] of [
    ["Taras", "Shevchenko"],
    ["Ivan", "Shevchenko"],
    ["Mariia", "Shevchuk"],
    ["Petro", "Shevchenko"],
    ["Iryna", "Shevchuk"],
  ])
    await registerHousehold(sg, [{ givenName, familyName, birthDate: "1984-05-05", sex: "FEMALE" }]);
  const PAGE = `query S($f: PersonFilter, $first: Int, $after: String) { people(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
  const all = ok(await sg.query(PAGE, { f: { search: "shevchenko" }, first: 100 })).people;
  // Oleksandr and the three new Shevchenkos at least (a Shevchuk may fall under the similarity threshold).
  expect(all.totalCount).toBeGreaterThanOrEqual(4);
  expect(all.edges.length).toBe(all.totalCount);
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: any = ok(await sg.query(PAGE, { f: { search: "shevchenko" }, first: 1, after })).people;
    expect(page.totalCount).toBe(all.totalCount);
    seen.push(...page.edges.map((e: any) => e.node.id));
    if (!page.pageInfo.hasNextPage) {
      // Past the last match the page is empty and still says how many there are.
      const past: any = ok(
        await sg.query(PAGE, { f: { search: "shevchenko" }, first: 1, after: page.pageInfo.endCursor }),
      ).people;
      expect(past).toMatchObject({ totalCount: all.totalCount, edges: [] });
      break;
    }
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
});
