import { DataCategory, Purpose, Role } from "@reception-graph/kit";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The product's access rules: shared/spec/access.md beside the checkout, else the copy kept with the tests. */
export const SHARED_ACCESS_MD = join(__dirname, "..", "..", "..", "shared", "spec", "access.md");
export const KEPT_ACCESS_MD = join(__dirname, "spec", "access.md");

export function accessMarkdown(): string {
  return readFileSync(existsSync(SHARED_ACCESS_MD) ? SHARED_ACCESS_MD : KEPT_ACCESS_MD, "utf8");
}

const CATEGORY_BY_LABEL: Record<string, DataCategory> = {
  "identity, basic": "IDENTITY_BASIC",
  "identity basic": "IDENTITY_BASIC",
  "identity, full": "IDENTITY_FULL",
  "identity full": "IDENTITY_FULL",
  housing: "HOUSING",
  "social & financial": "SOCIAL_FINANCIAL",
  health: "HEALTH",
  "health (special category)": "HEALTH",
  "referral envelope": "REFERRAL",
  education: "EDUCATION",
  protection: "PROTECTION",
  "protection & incidents": "PROTECTION",
  "anonymous feedback": "ANONYMOUS_FEEDBACK",
  aggregates: "AGGREGATES",
  "audit trail": "AUDIT_TRAIL",
};

const ROLE_BY_COLUMN: Record<string, Role> = {
  SITE_COORD: "SITE_COORDINATOR",
  HOUSING_COORD: "HOUSING_COORDINATOR",
  SOCIAL_WORKER: "SOCIAL_WORKER",
  OCMW_ADMIN: "OCMW_ADMIN",
  CARE_WORKER: "CARE_WORKER",
  SCHOOL_STAFF: "SCHOOL_STAFF",
  ANALYST: "ANALYST",
  DPO: "DPO",
};

/** One cell of access.md's matrix: may read / write, and only "own" people. */
export interface Cell {
  read: boolean;
  write: boolean;
  own: boolean;
}

function rows(markdown: string, header: RegExp): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) throw new Error(`access.md has no table headed ${header}`);
  const out: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    out.push(
      line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return out;
}

/** The default matrix: category → role → cell. ADMIN has no column: no access to anything in it. */
export function parseMatrix(markdown = accessMarkdown()): Record<DataCategory, Record<Role, Cell>> {
  const lines = markdown.split("\n");
  const headerLine = lines.find((l) => /^\|\s*category\s*\|\s*examples\s*\|/.test(l))!;
  const columns = headerLine
    .split("|")
    .slice(3, -1)
    .map((c) => ROLE_BY_COLUMN[c.trim()]);
  const matrix = {} as Record<DataCategory, Record<Role, Cell>>;
  for (const row of rows(markdown, /^\|\s*category\s*\|\s*examples\s*\|/)) {
    const category = CATEGORY_BY_LABEL[row[0].toLowerCase()];
    if (!category) throw new Error(`unknown category ${row[0]} in access.md`);
    const cells = {} as Record<Role, Cell>;
    columns.forEach((role, i) => {
      const v = row[i + 2];
      cells[role] = { read: v.startsWith("R"), write: v.startsWith("R/W"), own: /own/.test(v) };
    });
    cells.ADMIN = { read: false, write: false, own: false };
    matrix[category] = cells;
  }
  return matrix;
}

/** "Purpose binds categories": purpose → the categories it may read. */
export function parsePurposes(markdown = accessMarkdown()): Record<Purpose, DataCategory[]> {
  const out = {} as Record<Purpose, DataCategory[]>;
  for (const [purpose, categories] of rows(markdown, /^\|\s*purpose\s*\|\s*categories it may read\s*\|/)) {
    const name = purpose.replace(/`/g, "") as Purpose;
    out[name] = categories
      .split(",")
      .flatMap((c) => {
        const label = c.trim().toLowerCase();
        if (label === "identity basic and full") return ["IDENTITY_BASIC", "IDENTITY_FULL"] as DataCategory[];
        if (label.startsWith("the audit trail")) return ["AUDIT_TRAIL"] as DataCategory[];
        // The DPO's subject-access export is made of the audit trail's category.
        if (label.startsWith("and a dpo's subject-access export")) return [];
        const category = CATEGORY_BY_LABEL[label];
        if (!category) throw new Error(`unknown category "${c.trim()}" for purpose ${name} in access.md`);
        return [category];
      })
      .sort();
  }
  return out;
}
