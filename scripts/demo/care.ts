import { todayInBrussels } from "@reception-graph/kit";
import { DemoCaller, DemoPart } from "./demo-client";

/** The city's directory administrator enters the partners' services (reference data, no purpose needed). */
const DIRECTORY_ADMIN: DemoCaller = { sub: "demo-directory-admin", org: "STAD_GENT", roles: ["ADMIN"] };
/** A social worker of OCMW's Cell Ukraine, who refers people onward. */
const SOCIAL_WORKER: DemoCaller = { sub: "demo-sw-care", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
/** A counsellor of CAW Oost-Vlaanderen, who answers the referrals to CAW. */
const CAW_COUNSELLOR: DemoCaller = { sub: "demo-caw-counsellor", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };

interface DemoService {
  key: string;
  name: string;
  organisation: string;
  organisationName: string;
  type: string;
  languages: string[];
  contact: string;
  openingHours: string;
}

/** The care partners of domain.md and what they offer people from Ukraine in Ghent. */
export const DEMO_SERVICES: DemoService[] = [
  {
    key: "cawPsychosocial",
    name: "Free psychosocial programme",
    organisation: "CAW_OOST_VLAANDEREN",
    organisationName: "CAW Oost-Vlaanderen",
    type: "MENTAL_HEALTH",
    languages: ["uk", "ru", "nl", "en"],
    contact: "CAW Oost-Vlaanderen, Visserij 153, 9000 Gent · 078 15 03 00",
    openingHours: "Mon-Fri 9:00-12:00 and 13:00-17:00; group sessions Wednesday afternoon",
  },
  {
    key: "cawWelfare",
    name: "General welfare counselling (onthaal)",
    organisation: "CAW_OOST_VLAANDEREN",
    organisationName: "CAW Oost-Vlaanderen",
    type: "PROTECTION",
    languages: ["nl", "en", "ru"],
    contact: "CAW Oost-Vlaanderen, Visserij 153, 9000 Gent · 078 15 03 00",
    openingHours: "Mon-Fri 9:00-12:00, no appointment needed",
  },
  {
    key: "nurse",
    name: "Nurse consultation at the reception centres",
    organisation: "ELZ_GENT",
    organisationName: "Eerstelijnszone Gent (primary-care zone)",
    type: "HEALTH",
    languages: ["nl", "en", "uk"],
    contact: "Nurse on duty via the site coordinator; urgent: GP on call 1733",
    openingHours: "Schoonmeersen Tuesday and Friday 9:00-12:00; Ter Rive Wednesday 13:00-16:00",
  },
  {
    key: "legalAid",
    name: "Pro-bono legal aid sessions",
    organisation: "BALIE_GENT",
    organisationName: "Pro-bono lawyers of the Ghent bar",
    type: "LEGAL",
    languages: ["nl", "en", "uk"],
    contact: "Bureau voor Juridische Bijstand Gent, Opgeëistenlaan 401, 9000 Gent",
    openingHours: "Individual sessions Thursday 14:00-17:00; group information session first Monday of the month",
  },
  {
    key: "vdabJobs",
    name: "Job coaching for newcomers",
    organisation: "VDAB",
    organisationName: "VDAB",
    type: "EMPLOYMENT",
    languages: ["nl", "en", "uk", "ru"],
    contact: "VDAB Gent, Kongostraat 7, 9000 Gent · 0800 30 700",
    openingHours: "Mon-Fri 8:30-16:30, by appointment",
  },
  {
    key: "agiiInterpreters",
    name: "Social interpreting and translation",
    organisation: "AGII",
    organisationName: "Agentschap Integratie & Inburgering",
    type: "INTEGRATION",
    languages: ["uk", "ru"],
    contact: "Agentschap Integratie & Inburgering, Gent office · tolkaanvraag via the online booking tool",
    openingHours: "Bookings Mon-Fri 8:30-17:00; phone interpreting also in the evening",
  },
  {
    key: "agiiInburgering",
    name: "Integration programme and Dutch courses (inburgering)",
    organisation: "AGII",
    organisationName: "Agentschap Integratie & Inburgering",
    type: "INTEGRATION",
    languages: ["nl", "uk", "ru", "en"],
    contact: "Agentschap Integratie & Inburgering, Gent office",
    openingHours: "Intake Tuesday and Thursday 9:00-12:00",
  },
];

function inDays(days: number): string {
  const d = new Date(`${todayInBrussels()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const REGISTER_SERVICE = `mutation DemoRegisterService($input: RegisterServiceInput!) { registerService(input: $input) { id } }`;
const CREATE_REFERRAL = `mutation DemoCreateReferral($input: CreateReferralInput!) { createReferral(input: $input) { id status } }`;
const HOUSEHOLD_AGES = `query DemoHouseholdAges($id: ID!) { household(id: $id) { members { id birthYear } } }`;
const TRANSITION_REFERRAL = `mutation DemoTransitionReferral($input: TransitionReferralInput!) { transitionReferral(input: $input) { id status } }`;

/**
 * The care partners enter their services, and OCMW's social workers refer
 * each demo household's adult onward, and the eldest child of each family to
 * CAW; CAW accepts one referral and one stays a draft until the person agrees.
 */
export const seedCare: DemoPart = async (client, state) => {
  for (const s of DEMO_SERVICES) {
    const { key, ...input } = s;
    const data = await client.run<{ registerService: { id: string } }>(DIRECTORY_ADMIN, null, REGISTER_SERVICE, {
      input: { ...input, idempotencyKey: `demo-service-${key}` },
    });
    state.services[key] = data.registerService.id;
  }

  // The first member of each registered household is the adult who registered it.
  const adults = Object.entries(state.households).map(([key, h]) => ({ key, personId: h.memberIds[0] }));
  const plan: { service: string; reason: string; priority: string; due: number; send?: boolean; note?: string }[] = [
    {
      service: "cawPsychosocial",
      reason: "MENTAL_HEALTH",
      priority: "HIGH",
      due: 14,
      note: "Prefers a Ukrainian-speaking counsellor.",
    },
    { service: "vdabJobs", reason: "EMPLOYMENT", priority: "NORMAL", due: 30 },
    {
      service: "legalAid",
      reason: "LEGAL",
      priority: "NORMAL",
      due: 21,
      note: "Question about the renewal of temporary protection.",
    },
    { service: "agiiInburgering", reason: "INTEGRATION", priority: "LOW", due: 45 },
    { service: "nurse", reason: "HEALTH", priority: "HIGH", due: 3, send: false, note: "Waiting for consent." },
  ];
  const created: { id: string; status: string; service: string }[] = [];
  for (const [i, adult] of adults.entries()) {
    const p = plan[i % plan.length];
    const data = await client.run<{ createReferral: { id: string; status: string } }>(
      SOCIAL_WORKER,
      "CASE_MANAGEMENT",
      CREATE_REFERRAL,
      {
        input: {
          personId: adult.personId,
          serviceId: state.services[p.service],
          reason: p.reason,
          priority: p.priority,
          consent: p.send !== false,
          send: p.send !== false,
          dueDate: inDays(p.due),
          note: p.note ?? null,
          idempotencyKey: `demo-referral-${adult.key}-${p.service}`,
        },
      },
    );
    created.push({ ...data.createReferral, service: p.service });
  }
  // Children carry the war too: the eldest child of each family joins CAW's programme for children and teenagers.
  for (const [key, h] of Object.entries(state.households)) {
    const data = await client.run<{ household: { members: { id: string; birthYear: number | null }[] } | null }>(
      SOCIAL_WORKER,
      "CASE_MANAGEMENT",
      HOUSEHOLD_AGES,
      { id: h.householdId },
    );
    const thisYear = Number(todayInBrussels().slice(0, 4));
    const children = (data.household?.members ?? [])
      .filter((m) => m.birthYear != null && thisYear - m.birthYear >= 5 && thisYear - m.birthYear <= 17)
      .sort((a, b) => a.birthYear! - b.birthYear!);
    if (!children.length) continue;
    await client.run(SOCIAL_WORKER, "CASE_MANAGEMENT", CREATE_REFERRAL, {
      input: {
        personId: children[0].id,
        serviceId: state.services.cawPsychosocial,
        reason: "MENTAL_HEALTH",
        priority: "NORMAL",
        consent: true,
        dueDate: inDays(21),
        note: "Group sessions for children and teenagers; parent agreed.",
        idempotencyKey: `demo-referral-${key}-child-cawPsychosocial`,
      },
    });
  }

  // Answered once: a repeated run finds it accepted already.
  const toCaw = created.find((r) => r.service === "cawPsychosocial" && r.status === "SENT");
  if (toCaw) {
    await client.run(CAW_COUNSELLOR, "CARE", TRANSITION_REFERRAL, {
      input: { referralId: toCaw.id, to: "ACCEPTED", note: "First talk planned next week." },
    });
  }
};
