import { randomUUID } from "node:crypto";
import { RunningSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";

export const ADMIN: TokenClaims = { roles: ["ADMIN"], org: "STAD_GENT" };
export const SOCIAL_WORKER: TokenClaims = { roles: ["SOCIAL_WORKER"], org: "OCMW_GENT" };

/** School staff of the given schools. */
export function staffOf(...schools: string[]): TokenClaims {
  return { roles: ["SCHOOL_STAFF"], org: "SCHOOL", sub: `staff-${schools.join("-")}`, schools };
}

export async function createSchool(
  sg: RunningSubgraph,
  input: { name?: string; nisCode?: string; offersOkan?: boolean; okanCapacity?: number } = {},
): Promise<string> {
  const res = await sg.query(
    `mutation S($input: RegisterSchoolInput!) { registerSchool(input: $input) { id } }`,
    {
      input: {
        name: input.name ?? `School ${randomUUID().slice(0, 8)}`,
        nisCode: input.nisCode ?? "44021",
        offersOkan: input.offersOkan ?? true,
        okanCapacity: input.okanCapacity ?? (input.offersOkan === false ? 0 : 2),
      },
    },
    ADMIN,
    null,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.registerSchool.id;
}

export const ENROL = `mutation E($input: EnrolInput!) {
  enrol(input: $input) { id status programme startDate waitingListPosition school { id okanEnrolled } person { id } }
}`;

export const LEAVE = `mutation L($input: LeaveSchoolInput!) {
  leaveSchool(input: $input) { id status endDate }
}`;

export async function enrolChild(
  sg: RunningSubgraph,
  schoolId: string,
  personId: string = randomUUID(),
  programme = "OKAN",
): Promise<{ id: string; status: string; personId: string }> {
  const res = await sg.query(
    ENROL,
    { input: { personId, schoolId, programme, startDate: "2022-09-01" } },
    staffOf(schoolId),
    "ENROLMENT",
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.enrol.id, status: res.data.enrol.status, personId };
}

/** Reads Person fields of education through _entities, as the gateway would. */
export const PERSON_EDUCATION = `query P($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Person { id enrolments { id status school { id } } currentEnrolment { id status } educationAssessment { recommendedLevel priorSchoolingYears } }
  }
}`;

export function personRep(id: string) {
  return { __typename: "Person", id };
}
