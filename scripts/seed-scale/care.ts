import { ageOn, isoAt, isoDate, Random } from "./random";
import { SeedSite, SeedStay } from "./housing";
import { SeedPeople, Timeline } from "./social";
import { tableRows, TableRows } from "./tables";

const SERVICES: [string, string, string, string[]][] = [
  ["CAW_OOST_VLAANDEREN", "Free psychosocial programme", "MENTAL_HEALTH", ["uk", "ru", "nl", "en"]],
  ["CAW_OOST_VLAANDEREN", "General welfare counselling (onthaal)", "PROTECTION", ["nl", "en", "ru"]],
  ["CAW_ANTWERPEN", "Psychosocial support for newcomers", "MENTAL_HEALTH", ["uk", "nl", "en"]],
  ["CAW_LIMBURG", "General welfare counselling", "PROTECTION", ["nl", "en"]],
  ["CAW_WEST_VLAANDEREN", "General welfare counselling", "PROTECTION", ["nl", "en", "uk"]],
  ["CAW_BRABANT", "Psychosocial support", "MENTAL_HEALTH", ["nl", "en", "ru"]],
  ["ELZ_GENT", "Nurse consultation at the reception centres", "HEALTH", ["nl", "en", "uk"]],
  ["ELZ_ANTWERPEN", "GP and nurse consultations", "HEALTH", ["nl", "en"]],
  ["ELZ_LEUVEN", "GP and nurse consultations", "HEALTH", ["nl", "en"]],
  ["UZ_GENT", "Hospital outpatient clinic", "HEALTH", ["nl", "en"]],
  ["BALIE_GENT", "Pro-bono legal aid sessions", "LEGAL", ["nl", "en", "uk"]],
  ["BALIE_ANTWERPEN", "Pro-bono legal aid", "LEGAL", ["nl", "en"]],
  ["VDAB", "Job coaching for newcomers", "EMPLOYMENT", ["nl", "en", "uk", "ru"]],
  ["VDAB", "Vocational training", "EMPLOYMENT", ["nl", "en"]],
  ["AGII", "Social interpreting and translation", "INTEGRATION", ["uk", "ru"]],
  ["AGII", "Integration programme and Dutch courses (inburgering)", "INTEGRATION", ["nl", "uk", "ru", "en"]],
  ["WOONHAVEN", "Social rental housing intake", "HOUSING", ["nl", "en"]],
  ["SOCIAL_HOUSING_GENT", "Social housing application support", "HOUSING", ["nl"]],
  ["CLB_GENT", "Pupil guidance centre", "EDUCATION", ["nl", "en"]],
  ["CHILD_FOCUS", "Protection of minors", "PROTECTION", ["nl", "en", "uk"]],
];

/**
 * Care's rows: the partner directory; `referrals` referrals of registered persons, each with the
 * transitions of its lifecycle (DRAFT → SENT → ACCEPTED | DECLINED → IN_PROGRESS → COMPLETED, or
 * CANCELLED; older referrals further along), consent wherever the status needs it; care contacts at
 * the person's site, MHPSS plans with sessions, legal sessions, the living-conditions survey of
 * housed adults; feedback channels at every site (one at least) and feedback, anonymous or not;
 * PSEA and MHPSS trainings of staff at each site.
 */
export function careTables(
  random: Random,
  id: (kind: string, n: number) => string,
  people: SeedPeople,
  t: Timeline,
  sites: readonly SeedSite[],
  stays: readonly SeedStay[],
  referrals: number,
): (() => TableRows[])[] {
  const persons = people.persons;
  // Each stage makes its rows when it is written, so that only one stage is in memory at a time.
  const referralStage = (): TableRows[] => {
    const service = tableRows("service", [
      ["id", "uuid"],
      ["name", "text"],
      ["organisation", "text"],
      ["type", "text"],
      ["languages", "text[]"],
      ["contact", "text"],
      ["opening_hours", "text"],
      ["created_at", "timestamptz"],
    ]);
    SERVICES.forEach(([organisation, name, type, languages], i) =>
      service.rows.push([
        id("service", i),
        name,
        organisation,
        type,
        languages,
        `${organisation.toLowerCase()}@example.org`,
        "Mon–Fri 9:00–17:00",
        isoAt(t.start - 60),
      ]),
    );

    const referral = tableRows("referral", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["service_id", "uuid"],
      ["reason", "text"],
      ["priority", "text"],
      ["consent", "bool"],
      ["due_date", "date"],
      ["status", "text"],
      ["referred_by", "text"],
      ["referring_organisation", "text"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ]);
    const transition = tableRows("referral_transition", [
      ["referral_id", "uuid"],
      ["from_status", "text"],
      ["to_status", "text"],
      ["at", "timestamptz"],
      ["by_subject", "text"],
      ["by_organisation", "text"],
    ]);
    const rows: { day: number; row: unknown[]; steps: [string | null, string, number, string, string][] }[] = [];
    for (let r = 0; r < referrals; r++) {
      const p = persons[random.int(0, persons.length - 1)];
      const day = p.registeredDay + Math.floor(random.next() ** 1.5 * (t.until - p.registeredDay + 1));
      const s = random.int(0, SERVICES.length - 1);
      const [organisation, , type] = SERVICES[s];
      const age = t.until - day;
      // Where it got to: older referrals have mostly run their course.
      const path: string[] =
        age < 14
          ? [random.weighted({ DRAFT: 20, SENT: 60, ACCEPTED: 20 })]
          : [
              random.weighted({
                DRAFT: 2,
                SENT: 6,
                ACCEPTED: 6,
                DECLINED: 7,
                IN_PROGRESS: 16,
                COMPLETED: 58,
                CANCELLED: 5,
              }),
            ];
      const end = path[0];
      const chain: Record<string, string[]> = {
        DRAFT: ["DRAFT"],
        SENT: ["SENT"],
        ACCEPTED: ["SENT", "ACCEPTED"],
        DECLINED: ["SENT", "DECLINED"],
        IN_PROGRESS: ["SENT", "ACCEPTED", "IN_PROGRESS"],
        COMPLETED: ["SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED"],
        CANCELLED: random.chance(0.5) ? ["DRAFT", "CANCELLED"] : ["SENT", "CANCELLED"],
      };
      const statuses = chain[end];
      const referrer = random.chance(0.7)
        ? ["OCMW_GENT", `seed-sw-${random.int(1, 40)}`]
        : ["IOM", `seed-iom-${random.int(1, 20)}`];
      const steps: [string | null, string, number, string, string][] = [];
      let at = day;
      statuses.forEach((status, k) => {
        if (k > 0) at = Math.min(t.until, at + random.int(1, 20));
        const receiving = ["ACCEPTED", "DECLINED", "IN_PROGRESS", "COMPLETED"].includes(status);
        steps.push([
          k === 0 ? null : statuses[k - 1],
          status,
          at,
          receiving ? `seed-${organisation.toLowerCase()}-worker` : referrer[1],
          receiving ? organisation : referrer[0],
        ]);
      });
      const consent = !(end === "DRAFT" || end === "CANCELLED") || random.chance(0.7);
      rows.push({
        day,
        steps,
        row: [
          null,
          p.id,
          id("service", s),
          type,
          random.weighted({ LOW: 15, NORMAL: 60, HIGH: 20, URGENT: 5 }),
          consent,
          isoDate(day + random.int(7, 45)),
          end,
          referrer[1],
          referrer[0],
          isoAt(day, 60),
          isoAt(at, 90),
        ],
      });
    }
    // In creation order, as they were written: the transitions' identity then follows time too.
    rows.sort((a, b) => a.day - b.day);
    rows.forEach((r, i) => {
      const referralId = id("referral", i);
      r.row[0] = referralId;
      referral.rows.push(r.row);
      r.steps.forEach(([from, to, day, by, org], k) =>
        transition.rows.push([referralId, from, to, isoAt(day, 60 + k), by, org]),
      );
    });

    return [service, referral, transition];
  };
  const recordStage = (): TableRows[] => {
    const contact = tableRows("care_contact", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["site_id", "uuid"],
      ["date", "date"],
      ["kind", "text"],
      ["outcome", "text"],
      ["recorded_by", "text"],
      ["organisation", "text"],
      ["created_at", "timestamptz"],
    ]);
    const survey = tableRows("living_conditions_survey", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["site_id", "uuid"],
      ["answered_on", "date"],
      ["answer", "text"],
      ["recorded_by", "text"],
      ["recorded_by_organisation", "text"],
      ["created_at", "timestamptz"],
    ]);
    stays.forEach((s, i) => {
      const last = s.moveOut ?? t.until;
      const n = random.chance(0.4) ? random.int(1, 3) : 0;
      for (let k = 0; k < n; k++) {
        const day = random.int(s.moveIn, last);
        contact.rows.push([
          id("care_contact", i * 3 + k),
          persons[s.person].id,
          sites[s.site].id,
          isoDate(day),
          random.weighted({
            CHECK_UP: 40,
            FIRST_AID: 15,
            VACCINATION: 15,
            MEDICAL_INTAKE: 15,
            MENTAL_HEALTH: 10,
            OTHER: 5,
          }),
          "Seen by the nurse; no follow-up needed.",
          "seed-elz-nurse",
          "ELZ_GENT",
          isoAt(day, 180),
        ]);
      }
      const p = persons[s.person];
      const surveyDay = s.moveIn + random.int(30, 120);
      if (p.birthDay !== null && ageOn(p.birthDay, s.moveIn) >= 18 && surveyDay <= last && random.chance(0.4))
        survey.rows.push([
          id("survey", i),
          p.id,
          sites[s.site].id,
          isoDate(surveyDay),
          random.weighted({ IMPROVED: 82, NOT_IMPROVED: 10, NO_ANSWER: 8 }),
          "seed-iom-protection",
          "IOM",
          isoAt(surveyDay, 200),
        ]);
    });

    const plan = tableRows("support_plan", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["organisation", "text"],
      ["goals", "text[]"],
      ["status", "text"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ]);
    const session = tableRows("support_session", [
      ["id", "uuid"],
      ["plan_id", "uuid"],
      ["date", "date"],
      ["kind", "text"],
      ["attended", "bool"],
      ["created_at", "timestamptz"],
    ]);
    const planChange = tableRows("support_plan_change", [
      ["plan_id", "uuid"],
      ["at", "timestamptz"],
      ["by_subject", "text"],
      ["by_organisation", "text"],
      ["goals", "text[]"],
      ["status", "text"],
      ["sessions_added", "int"],
    ]);
    const legal = tableRows("legal_session", [
      ["id", "uuid"],
      ["person_id", "uuid"],
      ["organisation", "text"],
      ["topic", "text"],
      ["date", "date"],
      ["outcome", "text"],
      ["recorded_by", "text"],
      ["created_at", "timestamptz"],
    ]);
    persons.forEach((p, i) => {
      if (random.chance(0.04)) {
        const start = Math.min(t.until, p.registeredDay + random.int(10, 90));
        const planId = id("support_plan", i);
        const goals = ["Sleep and daily routine", "Coping with stress"].slice(0, random.int(1, 2));
        const status = random.weighted({ ACTIVE: 50, PAUSED: 10, CLOSED: 40 });
        const sessions = random.int(1, 6);
        plan.rows.push([planId, p.id, "CAW_OOST_VLAANDEREN", goals, status, isoAt(start, 100), isoAt(start, 100)]);
        for (let k = 0; k < sessions; k++) {
          const day = Math.min(t.until, start + 7 * (k + 1));
          session.rows.push([
            id("support_session", i * 8 + k),
            planId,
            isoDate(day),
            random.chance(0.7) ? "INDIVIDUAL" : "GROUP",
            random.chance(0.85),
            isoAt(start, 101 + k),
          ]);
        }
        planChange.rows.push([
          planId,
          isoAt(start, 100),
          "seed-caw-psychologist",
          "CAW_OOST_VLAANDEREN",
          goals,
          status,
          sessions,
        ]);
      }
      if (random.chance(0.03)) {
        const day = Math.min(t.until, p.registeredDay + random.int(5, 200));
        legal.rows.push([
          id("legal_session", i),
          p.id,
          "BALIE_GENT",
          random.weighted({
            TEMPORARY_PROTECTION: 50,
            RESIDENCE: 15,
            EMPLOYMENT: 10,
            FAMILY: 10,
            HOUSING: 10,
            OTHER: 5,
          }),
          isoDate(day),
          "Rights and next steps explained.",
          "seed-balie-lawyer",
          isoAt(day, 240),
        ]);
      }
    });

    return [contact, survey, plan, session, planChange, legal];
  };
  const feedbackStage = (): TableRows[] => {
    const channel = tableRows("feedback_channel", [
      ["id", "uuid"],
      ["site_id", "uuid"],
      ["kind", "text"],
      ["description", "text"],
      ["site_code", "text"],
    ]);
    const feedback = tableRows("feedback", [
      ["id", "uuid"],
      ["site_id", "uuid"],
      ["channel_id", "uuid"],
      ["category", "text"],
      ["text", "text"],
      ["language", "text"],
      ["anonymous", "bool"],
      ["person_id", "uuid"],
      ["received_on", "date"],
      ["response", "text"],
      ["responded_on", "date"],
    ]);
    const training = tableRows("training", [
      ["id", "uuid"],
      ["staff_name", "text"],
      ["staff_key", "text"],
      ["organisation", "text"],
      ["topic", "text"],
      ["trained_on", "date"],
      ["site_id", "uuid"],
      ["recorded_by", "text"],
      ["recorded_by_organisation", "text"],
      ["created_at", "timestamptz"],
    ]);
    const codes = new Set<string>();
    const channelsOf: string[][] = sites.map((s, i) => {
      const own = [id("feedback_channel", i * 2)];
      channel.rows.push([own[0], s.id, "BOX", "Letter box at the reception desk", null]);
      if (random.chance(0.3)) {
        let code = "";
        while (code === "" || codes.has(code))
          code = Array.from({ length: 8 }, () => "abcdefghijkmnpqrstuvwxyz23456789"[random.int(0, 31)]).join("");
        codes.add(code);
        own.push(id("feedback_channel", i * 2 + 1));
        channel.rows.push([own[1], s.id, "DIGITAL", "QR code poster in the entrance hall", code]);
      }
      for (let k = 0; k < random.int(1, 3); k++) {
        const day = Math.min(t.until, s.validatedDay + random.int(0, 120));
        const name = `Staff ${i + 1}-${k + 1}`;
        for (const topic of random.chance(0.6) ? ["PSEA", "MHPSS_PFA"] : ["PSEA"])
          training.rows.push([
            id("training", training.rows.length),
            name,
            name.toLowerCase(),
            "IOM",
            topic,
            isoDate(day),
            s.id,
            "seed-iom-protection",
            "IOM",
            isoAt(day, 300),
          ]);
      }
      return own;
    });
    const feedbackCount = Math.round(persons.length / 8);
    for (let f = 0; f < feedbackCount && stays.length > 0; f++) {
      const s = stays[random.int(0, stays.length - 1)];
      const day = random.int(s.moveIn, s.moveOut ?? t.until);
      const anonymous = random.chance(0.6);
      const responded = day + random.int(1, 21);
      const answered = responded <= t.until && random.chance(0.85);
      feedback.rows.push([
        id("feedback", f),
        sites[s.site].id,
        random.pick(channelsOf[s.site]),
        random.weighted({ COMPLAINT: 35, SUGGESTION: 30, QUESTION: 30, COMPLIMENT: 5 }),
        "The hot water in the showers runs out in the evening.",
        random.pick(["uk", "ru", "nl", "en"]),
        anonymous,
        anonymous ? null : persons[s.person].id,
        isoDate(day),
        answered ? "Thank you, the boiler has been checked." : null,
        answered ? isoDate(responded) : null,
      ]);
    }
    return [channel, feedback, training];
  };
  return [referralStage, recordStage, feedbackStage];
}
