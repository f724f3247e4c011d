// Scenario: the DPO's lists merge pages of the four subgraphs in (at, subgraph, id) order behind one keyset
// cursor. With records at equal instants in several subgraphs, walking pages of every size gives exactly the
// full merged list: no gap and no repeat where a page ends inside a tie. A cursor of another filter is refused.
import { AuditRecordFilter, AuditRecordRow, AuditSource, mergeAuditPages, SubgraphName } from "@reception-graph/kit";

function row(id: number, at: string): AuditRecordRow {
  return {
    id: String(id),
    at,
    requestId: `r${id}`,
    subject: "s",
    organisation: "o",
    roles: [],
    onBehalfOf: null,
    purpose: "AUDIT",
    operation: "op",
    personIds: [],
    entries: "[]",
    refused: false,
  };
}

const T = (n: number) => `2026-01-01T00:00:0${n}.000000Z`;

/** A source answering its keyset "<at>|<id>" from memory, as auditRecordsPage does in SQL. */
function source(subgraph: SubgraphName, rows: AuditRecordRow[]): AuditSource {
  return {
    subgraph,
    async page(_filter, first, after) {
      const [at, id] = after ? after.split("|") : ["", "-1"];
      return rows
        .filter((r) => r.at > at || (r.at === at && BigInt(r.id) > BigInt(id)))
        .sort((x, y) => (x.at === y.at ? Number(BigInt(x.id) - BigInt(y.id)) : x.at < y.at ? -1 : 1))
        .slice(0, first);
    },
    chain: async () => ({ subgraph, rowsChecked: 0, intact: true, firstBroken: null }),
  };
}

const sources = [
  source("social", [row(1, T(1)), row(2, T(1)), row(3, T(3))]),
  source("housing", [row(7, T(1)), row(8, T(2))]),
  source("care", [row(4, T(1)), row(5, T(3)), row(6, T(3))]),
  source("education", [row(9, T(0)), row(10, T(3))]),
];
const filter: AuditRecordFilter = { personId: null };

test("pages of every size walk the merged list exactly", async () => {
  const full = (await mergeAuditPages(sources, filter, 200, null)).rows.map((r) => `${r.subgraph}:${r.id}`);
  expect(full).toEqual([
    "education:9",
    "social:1",
    "social:2",
    "housing:7",
    "care:4",
    "housing:8",
    "social:3",
    "care:5",
    "care:6",
    "education:10",
  ]);
  for (let size = 1; size <= 11; size++) {
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await mergeAuditPages(sources, filter, size, after);
      walked.push(...page.rows.map((r) => `${r.subgraph}:${r.id}`));
      if (!page.hasNextPage) break;
      after = page.rows.at(-1)!.cursor;
    }
    expect({ size, walked }).toEqual({ size, walked: full });
  }
});

test("a cursor made under another filter, or not made here, is refused naming after", async () => {
  const first = await mergeAuditPages(sources, filter, 2, null);
  const cursor = first.rows[1].cursor;
  await expect(mergeAuditPages(sources, { subject: "x" }, 2, cursor)).rejects.toMatchObject({
    extensions: { code: "BAD_USER_INPUT", field: "after" },
  });
  await expect(mergeAuditPages(sources, filter, 2, "garbage")).rejects.toMatchObject({
    extensions: { code: "BAD_USER_INPUT", field: "after" },
  });
});
