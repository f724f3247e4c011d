import { educationSubgraph } from "@reception-graph/education";
import { housingSubgraph } from "@reception-graph/housing";
import { createModuleServer, Purpose, SubgraphModule } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";
import { randomUUID } from "node:crypto";
import { migratedDatabase, TestDatabase } from "../../support/db";
import { letters } from "../../support/names";
import { GqlResponse, postGraphql } from "../../support/graphql";
import { internalToken, testInternalVerifier, TokenClaims } from "../../support/tokens";

export const ADMIN: TokenClaims = { roles: ["ADMIN"], org: "STAD_GENT" };
export const SOCIAL_WORKER: TokenClaims = { roles: ["SOCIAL_WORKER"], org: "OCMW_GENT" };
/** The city's education service: school staff of the organisation CITY_EDUCATION. */
export const CITY_EDUCATION_SERVICE: TokenClaims = { roles: ["SCHOOL_STAFF"], org: "CITY_EDUCATION", sub: "city-edu" };

/** School staff of the given schools. */
export function staffOf(...schools: string[]): TokenClaims {
  return { roles: ["SCHOOL_STAFF"], org: "SCHOOL", sub: `staff-${schools.join("-")}`, schools };
}

/** The first school day the tests enrol for; children's ages are counted on it. */
export const START = "2022-09-01";

interface Running {
  url: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/** Education with the real social subgraph beside it (ages, identity), and housing when asked (site scope). */
export interface EducationWorld {
  db: TestDatabase;
  url: string;
  /** Calls education as the gateway would (default: SOCIAL_WORKER, CASE_MANAGEMENT). */
  query<T = any>(
    q: string,
    v?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  /** Calls social directly (default: SOCIAL_WORKER, CASE_MANAGEMENT). */
  socialQuery<T = any>(
    q: string,
    v?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  /** Calls housing directly (only when started with housing). */
  housingQuery<T = any>(
    q: string,
    v?: Record<string, unknown>,
    as?: TokenClaims,
    purpose?: Purpose | null,
  ): Promise<GqlResponse<T>>;
  social: Running;
  stop(): Promise<void>;
}

export async function startEducation(options: { housing?: boolean } = {}): Promise<EducationWorld> {
  const peers: Record<string, string> = {};
  const started: Running[] = [];
  const start = async (module: SubgraphModule<any>): Promise<Running> => {
    const db = await migratedDatabase(module);
    const server = await createModuleServer(module, db.dataSource, await testInternalVerifier(), peers);
    const url = await server.listen(0);
    peers[module.name] = url;
    let stopped = false;
    const running = {
      url,
      db,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db.close();
      },
    };
    started.push(running);
    return running;
  };
  const social = await start(socialSubgraph);
  const housing = options.housing ? await start(housingSubgraph) : null;
  const education = await start(educationSubgraph);
  const call = async (url: string, q: string, v: Record<string, unknown>, as: TokenClaims, purpose: Purpose | null) =>
    postGraphql(url, q, v, { authorization: `Bearer ${await internalToken(as, purpose)}` });
  return {
    db: education.db,
    url: education.url,
    social,
    query: (q, v = {}, as = SOCIAL_WORKER, purpose = "CASE_MANAGEMENT") => call(education.url, q, v, as, purpose),
    socialQuery: (q, v = {}, as = SOCIAL_WORKER, purpose = "CASE_MANAGEMENT") => call(social.url, q, v, as, purpose),
    housingQuery: (q, v = {}, as = SOCIAL_WORKER, purpose = "PLACEMENT") => {
      if (!housing) throw new Error("started without housing");
      return call(housing.url, q, v, as, purpose);
    },
    async stop() {
      for (const s of started.reverse()) await s.stop();
    },
  };
}

/** Expects no errors and returns data, with the errors in the failure message. */
export function ok<T = any>(res: GqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

const REGISTER_HOUSEHOLD = `mutation RH($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`;

/** A birth date giving exactly `age` years on START. */
export function bornForAge(age: number): string {
  return `${Number(START.slice(0, 4)) - age}-03-01`;
}

/** Registers people in social (one household, at most 30) with these ages on START; returns their IDs in order. */
export async function registerPeople(world: Pick<EducationWorld, "socialQuery">, ages: number[]): Promise<string[]> {
  return (await registerFamily(world, ages)).memberIds;
}

/** Like registerPeople, with the household's ID. */
export async function registerFamily(
  world: Pick<EducationWorld, "socialQuery">,
  ages: number[],
): Promise<{ householdId: string; memberIds: string[] }> {
  const family = `Family${letters(parseInt(randomUUID().slice(0, 8), 16))}`;
  const members = ages.map((age, i) => ({
    givenName: `Member${letters(i + 1)}`,
    familyName: family,
    birthDate: bornForAge(age),
    sex: i % 2 ? "MALE" : "FEMALE",
  }));
  const h = ok(await world.socialQuery(REGISTER_HOUSEHOLD, { input: { members } })).registerHousehold;
  const byName = new Map<string, string>(h.members.map((m: { id: string; givenName: string }) => [m.givenName, m.id]));
  return { householdId: h.id, memberIds: members.map((m) => byName.get(m.givenName)!) };
}

/** Registers one child of the given age (default 14, OKAN age). */
export async function registerChild(world: Pick<EducationWorld, "socialQuery">, age = 14): Promise<string> {
  return (await registerPeople(world, [age]))[0];
}

export async function createSchool(
  sg: Pick<EducationWorld, "query">,
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

export const REQUEST = `mutation RQ($input: RequestEnrolmentInput!) {
  requestEnrolment(input: $input) { id status programme requestedBy requestedByRole note school { id } person { id } }
}`;

export const WITHDRAW = `mutation W($input: WithdrawEnrolmentRequestInput!) {
  withdrawEnrolmentRequest(input: $input) { id status closedAt }
}`;

/** A social worker hands the child over to the school (an OPEN enrolment request). */
export async function requestFor(
  sg: Pick<EducationWorld, "query">,
  personId: string,
  schoolId: string,
  as: TokenClaims = SOCIAL_WORKER,
  purpose: Purpose = "CASE_MANAGEMENT",
): Promise<string> {
  return ok(await sg.query(REQUEST, { input: { personId, schoolId } }, as, purpose)).requestEnrolment.id;
}

export const ENROL = `mutation E($input: EnrolInput!) {
  enrol(input: $input) { id status programme startDate waitingListPosition school { id okanEnrolled { value } } person { id } }
}`;

export const LEAVE = `mutation L($input: LeaveSchoolInput!) {
  leaveSchool(input: $input) { id status endDate }
}`;

const AGE_FOR: Record<string, number> = { OKAN: 14, SECONDARY: 14, PRIMARY: 8, KINDERGARTEN: 4 };

/**
 * Enrols a child the way it now goes: the child exists in social (registered here when no ID is given, of an
 * age fitting the programme), a social worker requests the school, and the school's staff enrol.
 */
export async function enrolChild(
  sg: Pick<EducationWorld, "query" | "socialQuery">,
  schoolId: string,
  personId?: string,
  programme = "OKAN",
): Promise<{ id: string; status: string; personId: string }> {
  const id = personId ?? (await registerChild(sg, AGE_FOR[programme]));
  const request = await sg.query(REQUEST, { input: { personId: id, schoolId } }, SOCIAL_WORKER);
  // An open request naming the school already (the test made one) is as good.
  if (request.errors && request.errors[0].extensions?.code !== "CONFLICT")
    throw new Error(JSON.stringify(request.errors));
  const res = await sg.query(
    ENROL,
    { input: { personId: id, schoolId, programme, startDate: START } },
    staffOf(schoolId),
    "ENROLMENT",
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.enrol.id, status: res.data.enrol.status, personId: id };
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
