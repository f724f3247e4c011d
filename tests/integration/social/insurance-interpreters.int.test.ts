// Health insurance registration and medical intake; interpreter bookings with no double booking (CONFLICT, also concurrently).
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { ok, openCaseFile, registerHousehold } from "./social-fixtures";
import { letters } from "../../support/names";

let sg: RunningSubgraph;
let personId: string;
let caseFileId: string;
let interpreterId: string;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  const h = await registerHousehold(sg, [
    { givenName: "Oksana", familyName: "Hrytsak", birthDate: "1983-05-05", sex: "FEMALE", languages: ["uk", "ru"] },
  ]);
  personId = h.memberIds[0];
  caseFileId = await openCaseFile(sg, h.householdId);
  interpreterId = ok(
    await sg.query(
      `mutation { registerInterpreter(input: { name: "Natalia Kovalchuk", organisation: "Agentschap Integratie en Inburgering", languages: ["uk", "ru"] }) { id languages } }`,
    ),
  ).registerInterpreter.id;
});
afterAll(async () => {
  await sg?.stop();
});

const INSURE = `mutation I($input: RegisterHealthInsuranceInput!) {
  registerHealthInsurance(input: $input) { id fund status statusDate membershipNumber person { id } } }`;

test("health insurance: requested, then registered with the fund; one registration per person", async () => {
  const req = ok(
    await sg.query(INSURE, { input: { personId, fund: "CM", date: "2026-11-03" } }),
  ).registerHealthInsurance;
  expect(req).toMatchObject({ fund: "CM", status: "REQUESTED", statusDate: "2026-11-03", person: { id: personId } });
  const reg = ok(
    await sg.query(INSURE, {
      input: { personId, fund: "CM", status: "REGISTERED", date: "2026-11-10", membershipNumber: "CM-5531-22" },
    }),
  ).registerHealthInsurance;
  expect(reg).toMatchObject({
    id: req.id,
    status: "REGISTERED",
    statusDate: "2026-11-10",
    membershipNumber: "CM-5531-22",
  });
  const p = ok(
    await sg.query(
      `query P($id: ID!) { person(id: $id) { healthInsurance { fund status } medicalIntake { done date } } }`,
      { id: personId },
    ),
  ).person;
  expect(p).toEqual({
    healthInsurance: { fund: "CM", status: "REGISTERED" },
    medicalIntake: { done: false, date: null },
  });
  const future = await sg.query(INSURE, { input: { personId, fund: "CM", date: "2099-01-01" } });
  expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
  expect(future.errors![0].extensions!.field).toBe("input.date");
});

test("medical intake done yes/no and when; care roles cannot read it here", async () => {
  ok(
    await sg.query(`mutation M($input: RecordMedicalIntakeInput!) { recordMedicalIntake(input: $input) { id } }`, {
      input: { personId, date: "2026-11-12" },
    }),
  );
  const p = ok(
    await sg.query(`query P($id: ID!) { person(id: $id) { medicalIntake { done date } } }`, { id: personId }),
  ).person;
  expect(p.medicalIntake).toEqual({ done: true, date: "2026-11-12" });
  const care = await sg.query(
    `query P($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { medicalIntake { done } } } }`,
    { reps: [{ __typename: "Person", id: personId }] },
    { roles: ["CARE_WORKER"], organisations: ["caw"] },
    "CARE",
  );
  expect(errorCodes(care)).toEqual(["FORBIDDEN"]);
  expect(JSON.stringify(care.data)).not.toContain("2026-11-12");
});

const BOOK = `mutation B($input: BookInterpreterInput!) { bookInterpreter(input: $input) { id status language startsAt endsAt interpreter { id } caseFile { id } } }`;
const slot = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  input: {
    interpreterId,
    caseFileId,
    language: "uk",
    startsAt: start,
    endsAt: end,
    purpose: "Social inquiry",
    ...extra,
  },
});

test("interpreter double booking refused: an overlapping slot is CONFLICT, an adjacent one is fine", async () => {
  const a = ok(await sg.query(BOOK, slot("2026-12-01T09:00:00+01:00", "2026-12-01T10:00:00+01:00"))).bookInterpreter;
  expect(a).toMatchObject({
    status: "BOOKED",
    language: "uk",
    interpreter: { id: interpreterId },
    caseFile: { id: caseFileId },
  });
  const overlap = await sg.query(BOOK, slot("2026-12-01T09:30:00+01:00", "2026-12-01T11:00:00+01:00"));
  expect(errorCodes(overlap)).toEqual(["CONFLICT"]);
  expect(overlap.errors![0].message).toContain(interpreterId);
  ok(
    await sg.query(
      BOOK,
      slot("2026-12-01T10:00:00+01:00", "2026-12-01T11:00:00+01:00", { purpose: "Insurance registration" }),
    ),
  );
  const c = ok(
    await sg.query(`query C($id: ID!) { caseFile(id: $id) { interpreterBookings { purpose } } }`, { id: caseFileId }),
  );
  expect(c.caseFile.interpreterBookings.map((b: any) => b.purpose)).toEqual([
    "Social inquiry",
    "Insurance registration",
  ]);
});

test("concurrent bookings of one interpreter at the same time: exactly one wins", async () => {
  const results = await Promise.all(
    Array.from({ length: 6 }, () => sg.query(BOOK, slot("2026-12-02T14:00:00+01:00", "2026-12-02T15:00:00+01:00"))),
  );
  expect(results.filter((r) => !r.errors)).toHaveLength(1);
  expect(results.flatMap((r) => errorCodes(r))).toEqual(Array(5).fill("CONFLICT"));
});

test("a cancelled booking frees the slot; a cancelled booking cannot be cancelled again", async () => {
  const a = ok(await sg.query(BOOK, slot("2026-12-03T09:00:00+01:00", "2026-12-03T10:00:00+01:00"))).bookInterpreter;
  const cancel = `mutation S($input: SetInterpreterBookingStatusInput!) { setInterpreterBookingStatus(input: $input) { status } }`;
  expect(
    ok(await sg.query(cancel, { input: { bookingId: a.id, status: "CANCELLED" } })).setInterpreterBookingStatus.status,
  ).toBe("CANCELLED");
  ok(await sg.query(BOOK, slot("2026-12-03T09:00:00+01:00", "2026-12-03T10:00:00+01:00")));
  expect(errorCodes(await sg.query(cancel, { input: { bookingId: a.id, status: "CANCELLED" } }))).toEqual(["CONFLICT"]);
});

test("bad bookings: end before start, a language the interpreter does not speak", async () => {
  const reversed = await sg.query(BOOK, slot("2026-12-04T10:00:00+01:00", "2026-12-04T09:00:00+01:00"));
  expect(errorCodes(reversed)).toEqual(["BAD_USER_INPUT"]);
  expect(reversed.errors![0].extensions!.field).toBe("input.endsAt");
  const language = await sg.query(
    BOOK,
    slot("2026-12-04T09:00:00+01:00", "2026-12-04T10:00:00+01:00", { language: "pl" }),
  );
  expect(errorCodes(language)).toEqual(["BAD_USER_INPUT"]);
  expect(language.errors![0].message).toContain("pl");
  const list = ok(await sg.query(`query { interpreters(language: "ru") { name } }`)).interpreters;
  expect(list).toEqual([{ name: "Natalia Kovalchuk" }]);
});

test("closing a case file cancels its future interpreter bookings, freeing the interpreter", async () => {
  const h = await registerHousehold(sg, [{ givenName: "Roksolana", familyName: "Danyliuk", sex: "FEMALE" }]);
  const other = await openCaseFile(sg, h.householdId);
  const input = {
    interpreterId,
    caseFileId: other,
    language: "uk",
    startsAt: "2099-05-04T09:00:00+02:00",
    endsAt: "2099-05-04T10:00:00+02:00",
    purpose: "Intake",
  };
  const booked = ok(await sg.query(BOOK, { input })).bookInterpreter;
  ok(
    await sg.query(`mutation X($input: CloseCaseFileInput!) { closeCaseFile(input: $input) { id } }`, {
      input: { caseFileId: other, reason: "MOVED_AWAY" },
    }),
  );
  const after = ok(
    await sg.query(`query C($id: ID!) { caseFile(id: $id) { interpreterBookings { id status } } }`, { id: other }),
  );
  expect(after.caseFile.interpreterBookings).toEqual([{ id: booked.id, status: "CANCELLED" }]);
  ok(await sg.query(BOOK, { input: { ...input, caseFileId } }));
});

test("a booking and the closure of its case file at the same moment: no booking stays BOOKED on the closed file", async () => {
  for (let round = 0; round < 6; round++) {
    const h = await registerHousehold(sg, [
      { givenName: `Race${letters(round)}`, familyName: "Danyliuk", sex: "FEMALE" },
    ]);
    const file = await openCaseFile(sg, h.householdId);
    const [booked, closed] = await Promise.all([
      sg.query(BOOK, {
        input: {
          interpreterId,
          caseFileId: file,
          language: "uk",
          startsAt: `2098-06-0${round + 1}T09:00:00+02:00`,
          endsAt: `2098-06-0${round + 1}T10:00:00+02:00`,
          purpose: "Intake",
        },
      }),
      sg.query(`mutation X($input: CloseCaseFileInput!) { closeCaseFile(input: $input) { id } }`, {
        input: { caseFileId: file, reason: "MOVED_AWAY" },
      }),
    ]);
    expect(errorCodes(closed)).toEqual([]);
    // The booking either went first (and was cancelled by the closure) or found the file closed.
    expect([[], ["CONFLICT"]]).toContainEqual(errorCodes(booked));
    const still = await sg.db.dataSource.query(
      `SELECT id FROM interpreter_booking WHERE case_file_id = $1 AND status = 'BOOKED'`,
      [file],
    );
    expect(still).toEqual([]);
  }
});
