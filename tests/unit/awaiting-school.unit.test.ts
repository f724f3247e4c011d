// The compulsory-schooling alert's paging over social's registrations, without a database: when early registrants
// moved in late, pages are asked until the longest waits are certain, and the answer equals the whole list sorted.
import { todayInBrussels } from "@reception-graph/kit";
import { childrenAwaitingSchool } from "../../subgraphs/education/src/awaiting/awaiting.service";

const today = todayInBrussels();
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * 1000 children registered 1000…1 days ago; the first 600 moved in 400–351 days ago (long after registering),
 * the others are not placed; every fifth is enrolled.
 */
const lateMovers = Array.from({ length: 1000 }, (_, i) => ({
  personId: uuid(i),
  registeredOn: daysAgo(1000 - i),
  moveInDate: i < 600 ? daysAgo(400 - (i % 50)) : null,
  enrolled: i % 5 === 0,
}));

function fakeContext(children: typeof lateMovers) {
  const calls = { social: 0, housing: 0 };
  const ctx = {
    access: { level: () => "ALL", scope: null },
    dataSource: {
      query: async () => [
        {
          enrolled: children
            .filter((c) => c.enrolled)
            .map((c) => c.personId)
            .join(","),
        },
      ],
    },
    loaders: {
      awaitingPeers: {
        async schoolAgeRegistrations(args: {
          registeredOnOrBefore: string;
          first: number;
          after: string | null;
          excludeIds: string | null;
        }) {
          calls.social++;
          const excluded = new Set(args.excludeIds?.split(",") ?? []);
          const all = children.filter((c) => c.registeredOn <= args.registeredOnOrBefore && !excluded.has(c.personId));
          const start = args.after ? all.findIndex((c) => c.personId === args.after) + 1 : 0;
          return all
            .slice(start, start + args.first)
            .map((c) => ({ personId: c.personId, registeredOn: c.registeredOn, cursor: c.personId }));
        },
        async moveIns(ids: readonly string[]) {
          calls.housing++;
          return children
            .filter((c) => ids.includes(c.personId) && c.moveInDate)
            .map((c) => ({ personId: c.personId, moveInDate: c.moveInDate!, siteId: "site" }));
        },
      },
    },
  };
  return { ctx: ctx as never, calls };
}

test("the longest waits first, the same as sorting every child, with as many pages as needed", async () => {
  const children = lateMovers;
  const { ctx, calls } = fakeContext(children);
  const got = await childrenAwaitingSchool(ctx, 14, 120);
  const expected = children
    .filter((c) => !c.enrolled)
    .map((c) => ({
      id: c.personId,
      since: c.moveInDate && c.moveInDate > c.registeredOn ? c.moveInDate : c.registeredOn,
    }))
    .filter((c) => c.since <= daysAgo(14))
    .sort((a, b) => (a.since === b.since ? (a.id < b.id ? -1 : 1) : a.since < b.since ? -1 : 1))
    .slice(0, 120);
  expect(got.map((r) => ({ id: r.personId, since: r.waitingSince }))).toEqual(expected);
  expect(got[0].daysWaiting).toBe(399);
  // 120 asked: the first page (290, registered 1000–638 days ago) holds only late movers, none certain; the
  // second (580) reaches the end.
  expect(calls).toEqual({ social: 2, housing: 2 });
});

test("one page when it already holds the longest waits", async () => {
  const { ctx, calls } = fakeContext(lateMovers.map((c) => ({ ...c, moveInDate: null })));
  const got = await childrenAwaitingSchool(ctx, 14, 10);
  // Registered 999, 998, 997, 996, 994… days ago (every fifth enrolled).
  expect(got.map((r) => r.daysWaiting)).toEqual([999, 998, 997, 996, 994, 993, 992, 991, 989, 988]);
  expect(calls).toEqual({ social: 1, housing: 1 });
});

test("a busy registration day: one page, equal waits in registration order whatever the person IDs", async () => {
  // Registration order: Anna (200 days ago, moved in 100 days ago), Bohdan (150 days ago, not placed), then 600
  // children registered the same day, 100 days ago, whose IDs run backwards. Their waits all start that day, as
  // Anna's does; Anna registered first, so she comes first among them.
  const anna = { personId: uuid(5000), registeredOn: daysAgo(200), moveInDate: daysAgo(100), enrolled: false };
  const bohdan = { personId: uuid(4000), registeredOn: daysAgo(150), moveInDate: null, enrolled: false };
  const busyDay = Array.from({ length: 600 }, (_, i) => ({
    personId: uuid(1000 - i),
    registeredOn: daysAgo(100),
    moveInDate: null,
    enrolled: false,
  }));
  const { ctx, calls } = fakeContext([anna, bohdan, ...busyDay]);
  const got = await childrenAwaitingSchool(ctx, 14, 50);
  expect(got.map((r) => r.personId)).toEqual([
    bohdan.personId,
    anna.personId,
    ...busyDay.slice(0, 48).map((c) => c.personId),
  ]);
  expect(got.map((r) => r.daysWaiting)).toEqual([150, ...Array(49).fill(100)]);
  // The first page (150) ends on the busy day and every wait in it started by then: nothing later can come first.
  expect(calls).toEqual({ social: 1, housing: 1 });
});
