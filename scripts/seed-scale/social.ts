import { ageOn, isoAt, isoDate, monthOf, nextMonthStart, Random } from "./random";
import { tableRows, TableRows } from "./tables";

/** One generated person: what the other subgraphs need to refer to them plausibly. */
export interface SeedPerson {
  id: string;
  household: number;
  sex: "FEMALE" | "MALE" | "OTHER" | "UNKNOWN";
  /** Null when the age is unknown (about 2%, the rest of the spring-2022 profile). */
  birthDay: number | null;
  registeredDay: number;
}

export interface SeedHousehold {
  id: string;
  members: number[];
  registeredDay: number;
}

export interface SeedPeople {
  persons: SeedPerson[];
  households: SeedHousehold[];
}

export interface Timeline {
  /** First day of the two years. */
  start: number;
  /** Last day (today by default): nothing is dated after it. */
  until: number;
}

const GIVEN_FEMALE = [
  "Olena",
  "Iryna",
  "Oksana",
  "Nataliia",
  "Tetiana",
  "Svitlana",
  "Yuliia",
  "Kateryna",
  "Halyna",
  "Mariia",
  "Anna",
  "Daria",
  "Viktoriia",
  "Liudmyla",
  "Sofiia",
  "Alina",
  "Khrystyna",
  "Valentyna",
  "Larysa",
  "Inna",
];
const GIVEN_MALE = [
  "Oleksandr",
  "Andrii",
  "Serhii",
  "Dmytro",
  "Mykola",
  "Volodymyr",
  "Ivan",
  "Yurii",
  "Vasyl",
  "Maksym",
  "Artem",
  "Bohdan",
  "Taras",
  "Oleh",
  "Petro",
  "Roman",
  "Denys",
  "Mykhailo",
  "Ihor",
  "Vitalii",
];
const FAMILY = [
  "Kovalenko",
  "Bondarenko",
  "Tkachenko",
  "Shevchenko",
  "Kravchenko",
  "Boiko",
  "Melnyk",
  "Oliinyk",
  "Lysenko",
  "Moroz",
  "Marchenko",
  "Rudenko",
  "Savchenko",
  "Petrenko",
  "Klymenko",
  "Pavlenko",
  "Levchenko",
  "Kovalchuk",
  "Polishchuk",
  "Tkachuk",
  "Hrytsenko",
  "Ponomarenko",
  "Yakovenko",
  "Kuzmenko",
  "Zinchenko",
  "Karpenko",
  "Sydorenko",
  "Honcharenko",
  "Vasylenko",
  "Romanenko",
];
const LANGUAGES = [["uk"], ["uk", "ru"], ["uk", "en"], ["ru"], ["uk", "ru", "en"]];

/**
 * Persons and households with the spring-2022 profile (domain.md): 93% of people arrive as families,
 * 4% are single women and 3% single men; 55% adults, 43% minors, the other 2% of unknown age. Each
 * family has at least one adult. Registrations fall over the two years, most of them early (as in
 * 2022). Households are numbered in registration order.
 */
export function generatePeople(
  random: Random,
  id: (kind: string, n: number) => string,
  persons: number,
  t: Timeline,
): SeedPeople {
  const singleWomen = Math.round(persons * 0.04);
  const singleMen = Math.round(persons * 0.03);
  const familyPersons = persons - singleWomen - singleMen;
  const sizes: number[] = [];
  let placed = 0;
  while (placed < familyPersons) {
    let size = Number(random.weighted({ 2: 34, 3: 36, 4: 20, 5: 7, 6: 3 }));
    size = Math.min(size, familyPersons - placed);
    if (size === 1) sizes[sizes.length - 1] += 1;
    else sizes.push(size);
    placed += size;
  }
  const adults = Math.round(persons * 0.55);
  const minors = Math.round(persons * 0.43);
  const unknown = persons - adults - minors;
  const familyAdults = adults - singleWomen - singleMen;
  if (familyAdults < sizes.length) throw new Error(`${persons} persons are too few for the profile.`);
  // Each family's first member is an adult; the other places take the remaining ages in random order.
  const pool: ("adult" | "minor" | "unknown")[] = random.shuffle([
    ...Array<"adult">(familyAdults - sizes.length).fill("adult"),
    ...Array<"minor">(minors).fill("minor"),
    ...Array<"unknown">(unknown).fill("unknown"),
  ]);
  let next = 0;
  type Shape = { kind: "adult" | "minor" | "unknown"; sex?: "FEMALE" | "MALE" }[];
  const shapes: Shape[] = [
    ...sizes.map((size) => {
      const taken = pool.slice(next, (next += size - 1));
      return [{ kind: "adult" as const }, ...taken.map((kind) => ({ kind }))];
    }),
    ...Array.from({ length: singleWomen }, () => [{ kind: "adult" as const, sex: "FEMALE" as const }]),
    ...Array.from({ length: singleMen }, () => [{ kind: "adult" as const, sex: "MALE" as const }]),
  ];
  random.shuffle(shapes);
  // Registration days: front-loaded (u^2), as arrivals were in spring 2022, sorted so households are in order.
  const span = t.until - t.start;
  const days = shapes.map(() => t.start + Math.floor(random.next() ** 2 * (span + 1))).sort((a, b) => a - b);
  const people: SeedPerson[] = [];
  const households: SeedHousehold[] = shapes.map((shape, h) => {
    const members: number[] = [];
    for (const m of shape) {
      const sex =
        m.sex ??
        (m.kind === "adult"
          ? random.chance(0.74)
            ? "FEMALE"
            : "MALE"
          : m.kind === "minor"
            ? random.chance(0.5)
              ? "FEMALE"
              : "MALE"
            : random.weighted({ FEMALE: 45, MALE: 45, UNKNOWN: 10 }));
      let birthDay: number | null = null;
      if (m.kind !== "unknown") {
        const age =
          m.kind === "minor" ? random.int(0, 17) : random.chance(0.85) ? random.int(18, 59) : random.int(60, 88);
        birthDay = days[h] - Math.floor(age * 365.25) - random.int(1, 364);
      }
      members.push(people.length);
      people.push({ id: id("person", people.length), household: h, sex, birthDay, registeredDay: days[h] });
    }
    return { id: id("household", h), members, registeredDay: days[h] };
  });
  return { persons: people, households };
}

export interface LivingWageRate {
  category: string;
  effectiveFrom: string;
  monthlyAmount: string;
}

/** The rate in force on a day for a category: the latest row effective on or before it. */
function rateOn(rates: readonly LivingWageRate[], category: string, day: string): LivingWageRate {
  const found = rates
    .filter((r) => r.category === category && r.effectiveFrom <= day)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!found) throw new Error(`No living-wage rate for ${category} on ${day} in living_wage_rate.`);
  return found;
}

/**
 * Social's rows, in stages (each stage one transaction): people and households with their
 * membership events; staff and case files with their events and inquiries; support decisions and
 * monthly payments at the rate in force (read from living_wage_rate); health insurance and medical
 * intake. Open case files stay within the caseload ceiling of 60 per social worker.
 */
export function socialTables(
  random: Random,
  id: (kind: string, n: number) => string,
  people: SeedPeople,
  t: Timeline,
  rates: readonly LivingWageRate[],
): (() => TableRows[])[] {
  const byHousehold = (h: SeedHousehold) => h.members.map((m) => people.persons[m]);

  // Case files first (in memory), to know how many social workers the open ones need.
  type File = { h: number; opened: number; status: string; ended: number | null; worker: number };
  const files: File[] = people.households.map((h, i) => {
    const opened = Math.min(t.until, h.registeredDay + random.int(0, 10));
    let status = "OPEN";
    let ended: number | null = null;
    if (opened < t.until - 120 && random.chance(0.45)) {
      ended = Math.min(t.until, opened + random.int(90, 600));
      status = random.chance(0.6) ? "TRANSFERRED" : "CLOSED";
    }
    return { h: i, opened, status, ended, worker: -1 };
  });
  const open = files.filter((f) => f.status === "OPEN");
  const workers = Math.max(2, Math.ceil(open.length / 50));
  open.forEach((f, i) => (f.worker = i % workers));
  for (const f of files) if (f.worker < 0) f.worker = random.int(0, workers - 1);

  const staff = tableRows("staff_member", [
    ["id", "uuid"],
    ["given_name", "text"],
    ["family_name", "text"],
    ["role", "text"],
    ["diplomas", "text[]"],
    ["subject", "text"],
    ["joined_on", "date"],
    ["created_at", "timestamptz"],
  ]);
  const admins = Math.max(1, Math.ceil(workers / 3));
  const workerDiploma: string[] = [];
  for (let i = 0; i < workers + admins; i++) {
    const isWorker = i < workers;
    const diploma = isWorker ? (random.chance(0.8) ? "SOCIAL_WORK" : "SOCIAL_NURSING") : null;
    if (diploma) workerDiploma.push(diploma);
    staff.rows.push([
      id("staff", i),
      random.pick(GIVEN_FEMALE),
      random.pick(FAMILY),
      isWorker ? "SOCIAL_WORKER" : "ADMINISTRATIVE",
      diploma ? [diploma] : [],
      isWorker ? `seed-sw-${i + 1}` : `seed-admin-${i + 1 - workers}`,
      isoDate(t.start - 30),
      isoAt(t.start - 30),
    ]);
  }
  const workerSubject = (w: number) => `seed-sw-${w + 1}`;
  const adminSubject = () => `seed-admin-${random.int(1, admins)}`;

  // Each stage makes its rows when it is written, so that only one stage is in memory at a time.
  const peopleStage = (): TableRows[] => {
    const household = tableRows("household", [
      ["id", "uuid"],
      ["created_at", "timestamptz"],
    ]);
    const person = tableRows("person", [
      ["id", "uuid"],
      ["household_id", "uuid"],
      ["given_name", "text"],
      ["family_name", "text"],
      ["birth_date", "date"],
      ["sex", "text"],
      ["languages", "text[]"],
      ["certificate_number", "text"],
      ["certificate_valid_until", "date"],
      ["phone", "text"],
      ["registered_at", "timestamptz"],
    ]);
    const membership = tableRows("household_membership_event", [
      ["id", "uuid"],
      ["household_id", "uuid"],
      ["person_id", "uuid"],
      ["kind", "text"],
      ["date", "date"],
      ["recorded_by", "text"],
      ["recorded_at", "timestamptz"],
    ]);
    for (const h of people.households) {
      const at = isoAt(h.registeredDay, random.int(0, 540));
      household.rows.push([h.id, at]);
      const familyName = random.pick(FAMILY);
      const languages = random.pick(LANGUAGES);
      const clerk = adminSubject();
      for (const p of byHousehold(h)) {
        const n = person.rows.length;
        person.rows.push([
          p.id,
          h.id,
          random.pick(p.sex === "MALE" ? GIVEN_MALE : GIVEN_FEMALE),
          familyName,
          p.birthDay === null ? null : isoDate(p.birthDay),
          p.sex,
          languages,
          `BE-TP-${isoDate(h.registeredDay).slice(2, 4)}-${String(n + 1).padStart(7, "0")}`,
          isoDate(h.registeredDay + 365),
          random.chance(0.6)
            ? `+32 47${random.int(0, 9)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`
            : null,
          at,
        ]);
        membership.rows.push([id("membership", n), h.id, p.id, "REGISTERED", isoDate(h.registeredDay), clerk, at]);
      }
    }

    return [household, person, membership];
  };
  const caseStage = (): TableRows[] => {
    const caseFile = tableRows("case_file", [
      ["id", "uuid"],
      ["household_id", "uuid"],
      ["source", "text"],
      ["status", "text"],
      ["social_worker_id", "uuid"],
      ["opened_on", "date"],
      ["ended_on", "date"],
      ["transferred_to", "text"],
      ["close_reason", "text"],
      ["created_at", "timestamptz"],
    ]);
    const caseEvent = tableRows("case_file_event", [
      ["id", "uuid"],
      ["case_file_id", "uuid"],
      ["kind", "text"],
      ["status", "text"],
      ["social_worker_id", "uuid"],
      ["date", "date"],
      ["recorded_by", "text"],
      ["recorded_at", "timestamptz"],
    ]);
    const inquiry = tableRows("social_inquiry", [
      ["id", "uuid"],
      ["case_file_id", "uuid"],
      ["investigator_id", "uuid"],
      ["date", "date"],
      ["summary", "text"],
      ["qualifying_diploma", "text"],
      ["created_at", "timestamptz"],
    ]);
    files.forEach((f, i) => {
      const fileId = id("case_file", i);
      const worker = id("staff", f.worker);
      const subject = workerSubject(f.worker);
      caseFile.rows.push([
        fileId,
        people.households[f.h].id,
        random.weighted({ WELFARE_OFFICE: 50, IOM_CENTRE: 25, OWN_REQUEST: 20, OTHER: 5 }),
        f.status,
        worker,
        isoDate(f.opened),
        f.ended === null ? null : isoDate(f.ended),
        f.status === "TRANSFERRED" ? "OCMW welfare office of the new municipality" : null,
        f.status === "CLOSED" ? random.weighted({ RETURN_TO_UKRAINE: 55, MOVED_AWAY: 35, OTHER: 10 }) : null,
        isoAt(f.opened, 60),
      ]);
      caseEvent.rows.push([
        id("case_event", i * 3),
        fileId,
        "OPENED",
        "OPEN",
        worker,
        isoDate(f.opened),
        subject,
        isoAt(f.opened, 60),
      ]);
      caseEvent.rows.push([
        id("case_event", i * 3 + 1),
        fileId,
        "ASSIGNED",
        "OPEN",
        worker,
        isoDate(f.opened),
        subject,
        isoAt(f.opened, 61),
      ]);
      if (f.ended !== null)
        caseEvent.rows.push([
          id("case_event", i * 3 + 2),
          fileId,
          f.status === "CLOSED" ? "CLOSED" : "TRANSFERRED",
          f.status,
          worker,
          isoDate(f.ended),
          subject,
          isoAt(f.ended, 90),
        ]);
      const inquiryDay = f.opened + random.int(3, 20);
      if (random.chance(0.6) && inquiryDay <= t.until && (f.ended === null || inquiryDay <= f.ended))
        inquiry.rows.push([
          id("inquiry", i),
          fileId,
          worker,
          isoDate(inquiryDay),
          "Household situation, income and housing needs assessed.",
          workerDiploma[f.worker],
          isoAt(inquiryDay, 120),
        ]);
    });

    return [staff, caseFile, caseEvent, inquiry];
  };
  const supportStage = (): TableRows[] => {
    // Support: about 70% of households; one decision per adult, the first adult of a family with minors
    // "living with a family dependant", singles SINGLE, other adults COHABITANT.
    const decision = tableRows("support_decision", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["category", "text"],
      ["start_date", "date"],
      ["end_date", "date"],
      ["decided_on", "date"],
      ["monthly_amount", "numeric"],
      ["rate_effective_from", "date"],
      ["decided_by", "text"],
      ["created_at", "timestamptz"],
    ]);
    const payment = tableRows("support_payment", [
      ["id", "uuid"],
      ["support_decision_id", "uuid"],
      ["month", "text"],
      ["amount", "numeric"],
      ["paid_on", "date"],
      ["recorded_by", "text"],
      ["created_at", "timestamptz"],
    ]);
    files.forEach((f) => {
      if (!random.chance(0.7)) return;
      const h = people.households[f.h];
      const members = byHousehold(h);
      const adultOn = (p: SeedPerson) => p.birthDay !== null && ageOn(p.birthDay, h.registeredDay) >= 18;
      const hasMinor = members.some((p) => p.birthDay !== null && !adultOn(p));
      const start = nextMonthStart(f.opened);
      if (start > t.until || (f.ended !== null && start > f.ended)) return;
      let firstAdult = true;
      for (const p of members.filter(adultOn)) {
        const category =
          members.length === 1 ? "SINGLE" : hasMinor && firstAdult ? "WITH_FAMILY_DEPENDANTS" : "COHABITANT";
        firstAdult = false;
        const rate = rateOn(rates, category, isoDate(start));
        const decided = Math.min(t.until, f.opened + random.int(5, 25));
        const d = decision.rows.length;
        const decisionId = id("support_decision", d);
        decision.rows.push([
          decisionId,
          p.id,
          category,
          isoDate(start),
          f.ended === null ? null : isoDate(f.ended),
          isoDate(decided),
          rate.monthlyAmount,
          rate.effectiveFrom,
          workerSubject(f.worker),
          isoAt(decided, 200),
        ]);
        // Paid at the start of the following month, for every month of the decision that has been paid by `until`.
        for (let m = start, k = 0; m <= (f.ended ?? t.until); m = nextMonthStart(m), k++) {
          const paidOn = Math.max(decided, nextMonthStart(m) + random.int(0, 4));
          if (paidOn > t.until) break;
          payment.rows.push([
            id("support_payment", d * 40 + k),
            decisionId,
            monthOf(m),
            rate.monthlyAmount,
            isoDate(paidOn),
            adminSubject(),
            isoAt(paidOn, 30),
          ]);
        }
      }
    });

    return [decision, payment];
  };
  const insuranceStage = (): TableRows[] => {
    const insurance = tableRows("health_insurance", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["fund", "text"],
      ["status", "text"],
      ["status_date", "date"],
      ["updated_at", "timestamptz"],
    ]);
    const intake = tableRows("medical_intake", [
      ["person_id", "uuid"],
      ["done_on", "date"],
      ["recorded_by", "text"],
      ["recorded_at", "timestamptz"],
    ]);
    people.persons.forEach((p, i) => {
      const day = Math.min(t.until, p.registeredDay + random.int(3, 30));
      if (random.chance(0.85))
        insurance.rows.push([
          id("insurance", i),
          p.id,
          random.pick(["CM", "Solidaris", "Helan", "Partena", "LM", "Vlaams & Neutraal"]),
          random.weighted({ REGISTERED: 90, REQUESTED: 8, REFUSED: 2 }),
          isoDate(day),
          isoAt(day, 100),
        ]);
      const intakeDay = Math.min(t.until, p.registeredDay + random.int(2, 40));
      if (random.chance(0.65)) intake.rows.push([p.id, isoDate(intakeDay), "seed-elz-nurse", isoAt(intakeDay, 150)]);
    });

    return [insurance, intake];
  };
  return [peopleStage, caseStage, supportStage, insuranceStage];
}
