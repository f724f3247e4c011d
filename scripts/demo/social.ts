import { todayInBrussels } from "@reception-graph/kit";
import { DemoCaller, DemoClient, DemoPart, DemoState } from "./demo-client";

/** The cell's administrative staff: registers households, staff and reference data. */
const OCMW_ADMIN: DemoCaller = { sub: "demo-ocmw-els", org: "OCMW_GENT", roles: ["OCMW_ADMIN"] };

interface DemoStaff {
  key: string;
  givenName: string;
  familyName: string;
  role: "SOCIAL_WORKER" | "ADMINISTRATIVE";
  diplomas: string[];
}

/**
 * The Cell Ukraine as staffed in 2022: six social workers and two
 * administrative staff. Lotte holds a bachelor in psychology, which does not
 * qualify for a social inquiry until Ghent's request to widen the list is granted.
 */
export const DEMO_STAFF: DemoStaff[] = [
  { key: "hanne", givenName: "Hanne", familyName: "Verhoeven", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] },
  { key: "pieter", givenName: "Pieter", familyName: "Claes", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] },
  { key: "yusuf", givenName: "Yusuf", familyName: "Aydın", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] },
  { key: "olha", givenName: "Olha", familyName: "Marchenko", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_WORK"] },
  { key: "sofie", givenName: "Sofie", familyName: "Peeters", role: "SOCIAL_WORKER", diplomas: ["SOCIAL_NURSING"] },
  {
    key: "lotte",
    givenName: "Lotte",
    familyName: "Janssens",
    role: "SOCIAL_WORKER",
    diplomas: ["PSYCHOLOGY_BACHELOR"],
  },
  { key: "els", givenName: "Els", familyName: "Maes", role: "ADMINISTRATIVE", diplomas: [] },
  { key: "marc", givenName: "Marc", familyName: "Wouters", role: "ADMINISTRATIVE", diplomas: ["OFFICE_MANAGEMENT"] },
];

interface DemoMember {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: "FEMALE" | "MALE";
  languages: string[];
  certificateNumber: string;
  phone?: string;
}

interface DemoHousehold {
  key: string;
  /** Adults first: later demo parts take memberIds[0] as the household's adult contact. */
  members: DemoMember[];
  source: "WELFARE_OFFICE" | "IOM_CENTRE" | "OWN_REQUEST" | "OTHER";
  worker: string;
  /** Days ago the case file was opened. */
  openedDaysAgo: number;
  /** Support per member given name: category; started this many months ago (0 = this month, not paid yet). */
  support: { member: string; category: "COHABITANT" | "SINGLE" | "WITH_FAMILY_DEPENDANTS"; monthsAgo: number }[];
  insurance: { fund: string; status: "REQUESTED" | "REGISTERED" };
  /** The family settled for longer: its case file went to a regular welfare office. */
  transferredTo?: string;
}

/** Temporary protection was extended EU-wide until 4 March 2027. */
const VALID_UNTIL = "2027-03-04";

function member(
  givenName: string,
  familyName: string,
  birthDate: string,
  sex: "FEMALE" | "MALE",
  languages: string[],
  certificateNumber: string,
  phone?: string,
): DemoMember {
  return { givenName, familyName, birthDate, sex, languages, certificateNumber, phone };
}

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    key: "kovalenko",
    members: [
      member("Olena", "Kovalenko", "1986-11-20", "FEMALE", ["uk", "ru"], "BE-TP-22-0041873", "+32 470 12 34 56"),
      member("Halyna", "Kovalenko", "1958-02-27", "FEMALE", ["uk", "ru"], "BE-TP-22-0041874"),
      member("Andrii", "Kovalenko", "2012-05-14", "MALE", ["uk"], "BE-TP-22-0041875"),
      member("Sofiia", "Kovalenko", "2017-09-02", "FEMALE", ["uk"], "BE-TP-22-0041876"),
    ],
    source: "IOM_CENTRE",
    worker: "olha",
    openedDaysAgo: 95,
    support: [
      { member: "Olena", category: "WITH_FAMILY_DEPENDANTS", monthsAgo: 3 },
      { member: "Halyna", category: "COHABITANT", monthsAgo: 3 },
    ],
    insurance: { fund: "CM", status: "REGISTERED" },
  },
  {
    key: "shevchenko",
    members: [
      member(
        "Oleksandr",
        "Shevchenko",
        "1979-03-14",
        "MALE",
        ["uk", "ru", "en"],
        "BE-TP-22-0052210",
        "+32 471 98 76 54",
      ),
      member("Nataliia", "Shevchenko", "1982-10-01", "FEMALE", ["uk"], "BE-TP-22-0052211"),
      member("Maksym", "Shevchenko", "2009-06-22", "MALE", ["uk", "en"], "BE-TP-22-0052212"),
    ],
    source: "WELFARE_OFFICE",
    worker: "hanne",
    openedDaysAgo: 70,
    support: [{ member: "Oleksandr", category: "WITH_FAMILY_DEPENDANTS", monthsAgo: 2 }],
    insurance: { fund: "Solidaris", status: "REGISTERED" },
  },
  {
    key: "bondarenko",
    members: [
      member("Iryna", "Bondarenko", "1991-04-12", "FEMALE", ["uk", "ru"], "BE-TP-22-0060318"),
      member("Daryna", "Bondarenko", "2019-01-30", "FEMALE", ["uk"], "BE-TP-22-0060319"),
    ],
    source: "IOM_CENTRE",
    worker: "sofie",
    openedDaysAgo: 40,
    support: [{ member: "Iryna", category: "WITH_FAMILY_DEPENDANTS", monthsAgo: 1 }],
    insurance: { fund: "Helan", status: "REGISTERED" },
  },
  {
    key: "melnyk",
    members: [
      member("Tetiana", "Melnyk", "1995-07-08", "FEMALE", ["uk", "en"], "BE-TP-22-0071402", "+32 489 55 10 20"),
    ],
    source: "OWN_REQUEST",
    worker: "yusuf",
    openedDaysAgo: 30,
    support: [{ member: "Tetiana", category: "SINGLE", monthsAgo: 1 }],
    insurance: { fund: "Liberale Mutualiteit", status: "REGISTERED" },
  },
  {
    key: "tkachenko",
    members: [member("Mykola", "Tkachenko", "1961-12-03", "MALE", ["ru", "uk"], "BE-TP-22-0080057")],
    source: "WELFARE_OFFICE",
    worker: "pieter",
    openedDaysAgo: 6,
    support: [{ member: "Mykola", category: "SINGLE", monthsAgo: 0 }],
    insurance: { fund: "HZIV", status: "REQUESTED" },
  },
  {
    key: "lysenko",
    members: [
      member("Vasyl", "Lysenko", "1975-06-01", "MALE", ["uk", "ru"], "BE-TP-22-0039941"),
      member("Oksana", "Lysenko", "1977-12-24", "FEMALE", ["uk", "ru"], "BE-TP-22-0039942"),
      member("Yaroslav", "Lysenko", "2006-03-19", "MALE", ["uk", "en"], "BE-TP-22-0039943"),
      member("Kateryna", "Lysenko", "2014-08-11", "FEMALE", ["uk"], "BE-TP-22-0039944"),
    ],
    source: "IOM_CENTRE",
    worker: "hanne",
    openedDaysAgo: 140,
    support: [{ member: "Vasyl", category: "WITH_FAMILY_DEPENDANTS", monthsAgo: 4 }],
    insurance: { fund: "CM", status: "REGISTERED" },
    transferredTo: "OCMW Gent, Sociaal Huis Ledeberg",
  },
];

const INTERPRETERS = [
  {
    key: "natalia",
    name: "Natalia Kovalchuk",
    organisation: "Agentschap Integratie en Inburgering",
    languages: ["uk", "ru"],
  },
  { key: "dmytro", name: "Dmytro Savchuk", organisation: "Agentschap Integratie en Inburgering", languages: ["uk"] },
];

const REGISTER_STAFF = `mutation DemoRegisterStaff($input: RegisterStaffMemberInput!) { registerStaffMember(input: $input) { id } }`;
const STAFF_LIST = `query DemoStaffList { staffMembers { id name } }`;
const REGISTER_HOUSEHOLD = `mutation DemoRegisterHousehold($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) { id members { id givenName } } }`;
const OPEN = `mutation DemoOpenCaseFile($input: OpenCaseFileInput!) { openCaseFile(input: $input) { id status } }`;
const INQUIRY = `mutation DemoInquiry($input: RecordSocialInquiryInput!) { recordSocialInquiry(input: $input) { id } }`;
const DECIDE = `mutation DemoDecide($input: DecideSupportInput!) { decideSupport(input: $input) { id } }`;
const PAY = `mutation DemoPay($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`;
const INSURE = `mutation DemoInsure($input: RegisterHealthInsuranceInput!) { registerHealthInsurance(input: $input) { id } }`;
const INTAKE = `mutation DemoIntake($input: RecordMedicalIntakeInput!) { recordMedicalIntake(input: $input) { id } }`;
const INTERPRETER = `mutation DemoInterpreter($input: RegisterInterpreterInput!) { registerInterpreter(input: $input) { id } }`;
const BOOK = `mutation DemoBook($input: BookInterpreterInput!) { bookInterpreter(input: $input) { id } }`;
const TRANSFER = `mutation DemoTransfer($input: TransferCaseFileInput!) { transferCaseFile(input: $input) { id } }`;
const CLAIM = `mutation DemoClaim($input: CreateReimbursementClaimInput!) { createReimbursementClaim(input: $input) { id status } }`;
const SUBMIT = `mutation DemoSubmit($input: UpdateReimbursementClaimInput!) { updateReimbursementClaim(input: $input) { id } }`;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "YYYY-MM" of the month `back` months before the month of `date`. */
function monthBefore(date: string, back: number): string {
  const [y, m] = date.split("-").map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The social worker of the household, acting in their own name. */
function worker(key: string): DemoCaller {
  return { sub: `demo-sw-${key}`, org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
}

async function seedStaff(client: DemoClient, state: DemoState): Promise<void> {
  for (const s of DEMO_STAFF) {
    const { key, ...input } = s;
    const subject = s.role === "SOCIAL_WORKER" ? worker(key).sub : `demo-ocmw-${key}`;
    const data = await client.run<{ registerStaffMember: { id: string } }>(OCMW_ADMIN, null, REGISTER_STAFF, {
      input: { ...input, subject, idempotencyKey: `demo-staff-${key}` },
    });
    state.staff[key] = data.registerStaffMember.id;
  }
  // Sanity check that the whole cell is there (a rerun returns the same IDs through the idempotency keys).
  const list = await client.run<{ staffMembers: { id: string }[] }>(OCMW_ADMIN, null, STAFF_LIST);
  if (list.staffMembers.length < DEMO_STAFF.length) throw new Error("The demo cell was not fully registered.");
}

/**
 * OCMW Ghent's Cell Ukraine: its staff, the demo households with their
 * case files, social inquiries, support decisions and payments, health
 * insurance, interpreter bookings and a first claim for federal reimbursement.
 */
export const seedSocial: DemoPart = async (client, state) => {
  const today = todayInBrussels();
  await seedStaff(client, state);

  const interpreters: Record<string, string> = {};
  for (const { key, ...input } of INTERPRETERS) {
    const data = await client.run<{ registerInterpreter: { id: string } }>(
      worker("olha"),
      "CASE_MANAGEMENT",
      INTERPRETER,
      {
        input: { ...input, idempotencyKey: `demo-interpreter-${key}` },
      },
    );
    interpreters[key] = data.registerInterpreter.id;
  }

  let booking = 0;
  for (const h of DEMO_HOUSEHOLDS) {
    const sw = worker(h.worker);
    const reg = await client.run<{ registerHousehold: { id: string; members: { id: string; givenName: string }[] } }>(
      OCMW_ADMIN,
      "CASE_MANAGEMENT",
      REGISTER_HOUSEHOLD,
      {
        input: {
          members: h.members.map((m) => ({ ...m, certificateValidUntil: VALID_UNTIL })),
          idempotencyKey: `demo-household-${h.key}`,
        },
      },
    );
    const idOf = (givenName: string) => reg.registerHousehold.members.find((m) => m.givenName === givenName)!.id;
    state.households[h.key] = {
      householdId: reg.registerHousehold.id,
      memberIds: h.members.map((m) => idOf(m.givenName)),
    };

    const openedOn = addDays(today, -h.openedDaysAgo);
    const caseFile = await client.run<{ openCaseFile: { id: string; status: string } }>(sw, "CASE_MANAGEMENT", OPEN, {
      input: {
        householdId: reg.registerHousehold.id,
        source: h.source,
        socialWorkerId: state.staff[h.worker],
        openedOn,
        idempotencyKey: `demo-casefile-${h.key}`,
      },
    });
    const caseFileId = caseFile.openCaseFile.id;

    // The inquiry is done by the assigned worker, or by a qualified colleague when the worker is not qualified.
    const investigator = h.worker === "lotte" ? "hanne" : h.worker;
    if (caseFile.openCaseFile.status === "OPEN") {
      await client.run(worker(investigator), "CASE_MANAGEMENT", INQUIRY, {
        input: {
          caseFileId,
          investigatorId: state.staff[investigator],
          date: [addDays(openedOn, 7), today].sort()[0],
          summary:
            `Home visit with ${h.members[0].givenName} ${h.members[0].familyName}: ${h.members.length} ` +
            `person(s), no own income, registered with temporary protection; entitled to the equivalent living wage.`,
          idempotencyKey: `demo-inquiry-${h.key}`,
        },
      });
      await client.run(sw, "CASE_MANAGEMENT", BOOK, {
        input: {
          interpreterId: h.members[0].languages.includes("ru") ? interpreters.natalia : interpreters.dmytro,
          caseFileId,
          language: "uk",
          startsAt: `${addDays(today, 3 + Math.floor(booking / 3))}T${String(9 + (booking % 3) * 2).padStart(2, "0")}:00:00+01:00`,
          endsAt: `${addDays(today, 3 + Math.floor(booking / 3))}T${String(10 + (booking % 3) * 2).padStart(2, "0")}:00:00+01:00`,
          purpose: "Follow-up conversation on the case file",
          idempotencyKey: `demo-booking-${h.key}`,
        },
      });
      booking++;
    }

    for (const s of h.support) {
      const personId = idOf(s.member);
      const startMonth = monthBefore(today, s.monthsAgo);
      const decision = await client.run<{ decideSupport: { id: string } }>(sw, "CASE_MANAGEMENT", DECIDE, {
        input: {
          personId,
          category: s.category,
          startDate: `${startMonth}-01`,
          idempotencyKey: `demo-support-${h.key}-${s.member}`,
        },
      });
      // Paid monthly, at the end of each month up to last month.
      for (let back = s.monthsAgo; back >= 1; back--) {
        const month = monthBefore(today, back);
        await client.run(OCMW_ADMIN, "CASE_MANAGEMENT", PAY, {
          input: {
            supportDecisionId: decision.decideSupport.id,
            month,
            idempotencyKey: `demo-pay-${h.key}-${s.member}-${month}`,
          },
        });
      }
      if (s.monthsAgo >= 3) {
        // The oldest two months are claimed from the federal service (POD MI) and submitted.
        const claim = await client.run<{ createReimbursementClaim: { id: string; status: string } }>(
          OCMW_ADMIN,
          "CASE_MANAGEMENT",
          CLAIM,
          {
            input: {
              supportDecisionId: decision.decideSupport.id,
              fromMonth: monthBefore(today, s.monthsAgo),
              toMonth: monthBefore(today, s.monthsAgo - 1),
              idempotencyKey: `demo-claim-${h.key}-${s.member}`,
            },
          },
        );
        if (claim.createReimbursementClaim.status === "TO_SUBMIT") {
          await client.run(OCMW_ADMIN, "CASE_MANAGEMENT", SUBMIT, {
            input: { claimId: claim.createReimbursementClaim.id, status: "SUBMITTED" },
          });
        }
      }
    }

    for (const m of h.members) {
      await client.run(OCMW_ADMIN, "CASE_MANAGEMENT", INSURE, {
        input: {
          personId: idOf(m.givenName),
          fund: h.insurance.fund,
          status: h.insurance.status,
          date: addDays(openedOn, h.insurance.status === "REGISTERED" ? 10 : 2),
          idempotencyKey: `demo-insurance-${h.key}-${m.givenName}`,
        },
      });
      if (h.insurance.status === "REGISTERED") {
        await client.run(sw, "CASE_MANAGEMENT", INTAKE, {
          input: { personId: idOf(m.givenName), date: addDays(openedOn, 14) },
        });
      }
    }

    if (h.transferredTo && caseFile.openCaseFile.status === "OPEN") {
      await client.run(sw, "CASE_MANAGEMENT", TRANSFER, {
        input: { caseFileId, welfareOffice: h.transferredTo, date: addDays(today, -5), note: "Settled in Ledeberg." },
      });
    }
  }
};
