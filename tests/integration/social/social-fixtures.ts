import { RunningSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";

/** Callers the social tests act as. */
export const SOCIAL_WORKER: TokenClaims = { sub: "sw-iryna", roles: ["SOCIAL_WORKER"] };
export const OCMW_ADMIN: TokenClaims = { sub: "admin-lien", roles: ["OCMW_ADMIN"] };

/** Fails the test with the errors when a response has any; returns the data. */
export function ok(res: { data?: any; errors?: unknown[] }): any {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export interface MemberInput {
  givenName: string;
  familyName: string;
  birthDate?: string;
  sex: "FEMALE" | "MALE" | "OTHER" | "UNKNOWN";
  languages?: string[];
  certificateNumber?: string;
}

/** Registers a household; returns its ID and the member IDs in input order (eldest first is the list order). */
export async function registerHousehold(
  sg: RunningSubgraph,
  members: MemberInput[],
): Promise<{ householdId: string; memberIds: string[] }> {
  const data = ok(
    await sg.query(
      `mutation R($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
      { input: { members } },
      OCMW_ADMIN,
    ),
  );
  const h = data.registerHousehold;
  return {
    householdId: h.id,
    memberIds: members.map((m) => h.members.find((x: { givenName: string }) => x.givenName === m.givenName).id),
  };
}

export async function registerStaff(
  sg: RunningSubgraph,
  givenName: string,
  familyName: string,
  role: "SOCIAL_WORKER" | "ADMINISTRATIVE" | "HEAD",
  diplomas: string[],
): Promise<string> {
  const data = ok(
    await sg.query(
      `mutation S($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`,
      { input: { givenName, familyName, role, diplomas } },
      OCMW_ADMIN,
    ),
  );
  return data.registerStaffMember.id;
}

export async function openCaseFile(
  sg: RunningSubgraph,
  householdId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const data = ok(
    await sg.query(
      `mutation O($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id } }`,
      { input: { householdId, source: "WELFARE_OFFICE", ...extra } },
      SOCIAL_WORKER,
    ),
  );
  return data.openCaseFile.id;
}
