import { createDemoClient, DemoClient, DemoPart, DemoState, emptyDemoState } from "./demo-client";

/** The parts of the demo, in the order partners enter their data (later parts use IDs of earlier ones). */
export const DEMO_PARTS = [
  { name: "social", file: "social", exportName: "seedSocial" },
  { name: "housing", file: "housing", exportName: "seedHousing" },
  { name: "care", file: "care", exportName: "seedCare" },
  { name: "care-health", file: "care-health", exportName: "seedCareHealth" },
  { name: "care-protection", file: "care-protection", exportName: "seedCareProtection" },
  { name: "care-feedback", file: "care-feedback", exportName: "seedCareFeedback" },
  { name: "education", file: "education", exportName: "seedEducation" },
] as const;

export type DemoPartName = (typeof DEMO_PARTS)[number]["name"];

export interface DemoPartResult {
  name: DemoPartName;
  outcome: "loaded" | "missing" | "failed";
  message?: string;
}

export interface DemoResult {
  parts: DemoPartResult[];
  state: DemoState;
  /** True when every part loaded. */
  complete: boolean;
  /** True when some part ran (loaded, or failed perhaps halfway): running the demo again could duplicate data. */
  wroteData: boolean;
}

/**
 * Finds a part by file name at run time: parts are written separately, and a
 * part that is not there yet must not stop the others (nor the graph) from running.
 */
function loadPart(file: string, exportName: string): DemoPart | string {
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(`./${file}`) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "MODULE_NOT_FOUND" && err.message.includes(`./${file}`)) {
      return `scripts/demo/${file}.ts does not exist yet`;
    }
    return `scripts/demo/${file}.ts could not be loaded: ${err.message}`;
  }
  const part = mod[exportName];
  if (typeof part !== "function") return `scripts/demo/${file}.ts does not export ${exportName}`;
  return part as DemoPart;
}

/** Where a part comes from: its function, or why it is not there. */
export interface DemoPartSource {
  name: DemoPartName;
  load(): DemoPart | string;
}

export type DemoLog = (level: "info" | "warn", message: string) => void;

/**
 * Loads the demo data set of Ghent through the gateway, part by part, as the
 * partners' apps would. A missing or failing part is reported and the rest go
 * on; parts that need IDs from a part that failed usually fail in turn, and
 * say so.
 */
export async function runDemo(
  client: DemoClient,
  log: DemoLog = (level, message) => console[level](message),
  sources: DemoPartSource[] = DEMO_PARTS.map(({ name, file, exportName }) => ({
    name,
    load: () => loadPart(file, exportName),
  })),
): Promise<DemoResult> {
  const state = emptyDemoState();
  const parts: DemoPartResult[] = [];
  for (const { name, load } of sources) {
    const part = load();
    if (typeof part === "string") {
      log("warn", `[demo] ${name}: skipped, ${part}.`);
      parts.push({ name, outcome: "missing", message: part });
      continue;
    }
    try {
      await part(client, state);
      log("info", `[demo] ${name}: loaded.`);
      parts.push({ name, outcome: "loaded" });
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      log("warn", `[demo] ${name}: failed: ${message.split("\n")[0]}`);
      parts.push({ name, outcome: "failed", message });
    }
  }
  return {
    parts,
    state,
    complete: parts.every((p) => p.outcome === "loaded"),
    wroteData: parts.some((p) => p.outcome === "loaded" || p.outcome === "failed"),
  };
}

/** Runs the demo against a gateway's /graphql URL with tokens signed by its HS256 secret. */
export function loadDemo(graphqlUrl: string, jwtSecret: string, log?: DemoLog): Promise<DemoResult> {
  return runDemo(createDemoClient(graphqlUrl, jwtSecret), log);
}
