import { DemoCaller, DemoPart } from "./demo-client";

const SOCIAL_WORKER: DemoCaller = { sub: "demo-sw-care", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };
const NURSE: DemoCaller = { sub: "demo-nurse", org: "ELZ_GENT", roles: ["CARE_WORKER"] };
const CAW_COUNSELLOR: DemoCaller = { sub: "demo-caw-counsellor", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const LAWYER: DemoCaller = { sub: "demo-lawyer", org: "BALIE_GENT", roles: ["CARE_WORKER"] };

const CREATE_REFERRAL = `mutation DemoHealthReferral($input: CreateReferralInput!) { createReferral(input: $input) { id status } }`;
const TRANSITION = `mutation DemoHealthAccept($input: TransitionReferralInput!) { transitionReferral(input: $input) { id } }`;
const RECORD_CONTACT = `mutation DemoCareContact($input: RecordCareContactInput!) { recordCareContact(input: $input) { id } }`;
const UPDATE_PLAN = `mutation DemoSupportPlan($input: UpdateSupportPlanInput!) { updateSupportPlan(input: $input) { id } }`;
const LEGAL = `mutation DemoLegalSession($input: RecordLegalSessionInput!) { recordLegalSession(input: $input) { id } }`;
const GROUP_LEGAL = `mutation DemoGroupLegal($input: RecordGroupLegalSessionInput!) { recordGroupLegalSession(input: $input) { id } }`;

/**
 * Health, MHPSS and legal work at both centres: the first household's adult
 * at Schoonmeersen, the second's at Ter Rive. Social workers refer them to the
 * nurse, CAW and the bar's pro-bono lawyers, who take them on; the nurse does
 * the medical intake (social then shows it done), CAW keeps a support plan,
 * the lawyers advise one by one and hold a group session at each centre.
 * Idempotency keys make a second run add nothing.
 */
export const seedCareHealth: DemoPart = async (client, state) => {
  const adults = Object.entries(state.households)
    .slice(0, 2)
    .map(([key, h]) => ({ key, personId: h.memberIds[0] }));
  const centres = [
    { site: state.sites.schoonmeersen, name: "schoonmeersen" },
    { site: state.sites.terRive, name: "terRive" },
  ];
  for (const [i, adult] of adults.entries()) {
    const centre = centres[i];
    for (const [service, reason, worker] of [
      ["nurse", "HEALTH", NURSE],
      ["cawPsychosocial", "MENTAL_HEALTH", CAW_COUNSELLOR],
      ["legalAid", "LEGAL", LAWYER],
    ] as const) {
      const { createReferral } = await client.run<{ createReferral: { id: string; status: string } }>(
        SOCIAL_WORKER,
        "CASE_MANAGEMENT",
        CREATE_REFERRAL,
        {
          input: {
            personId: adult.personId,
            serviceId: state.services[service],
            reason,
            priority: "NORMAL",
            consent: true,
            idempotencyKey: `demo-health-referral-${adult.key}-${service}`,
          },
        },
      );
      if (createReferral.status === "SENT") {
        await client.run(worker, "CARE", TRANSITION, { input: { referralId: createReferral.id, to: "ACCEPTED" } });
      }
    }
    await client.run(NURSE, "CARE", RECORD_CONTACT, {
      input: {
        personId: adult.personId,
        siteId: centre.site,
        date: "2022-05-04",
        kind: "MEDICAL_INTAKE",
        outcome: "Intake done; vaccination record incomplete, blood pressure to recheck.",
        idempotencyKey: `demo-health-intake-${adult.key}`,
      },
    });
    await client.run(NURSE, "CARE", RECORD_CONTACT, {
      input: {
        personId: adult.personId,
        siteId: centre.site,
        date: "2022-05-18",
        kind: i === 0 ? "CHECK_UP" : "VACCINATION",
        outcome: i === 0 ? "Blood pressure normal now." : "Tetanus booster given.",
        idempotencyKey: `demo-health-contact-${adult.key}`,
      },
    });
    await client.run(CAW_COUNSELLOR, "CARE", UPDATE_PLAN, {
      input: {
        personId: adult.personId,
        goals: ["Sleep through the night", "Join the women's group"],
        sessions: [
          { date: "2022-05-10", kind: "INDIVIDUAL", attended: true },
          { date: "2022-05-17", kind: "GROUP", attended: i === 0 },
        ],
        idempotencyKey: `demo-health-plan-${adult.key}`,
      },
    });
    await client.run(LAWYER, "CARE", LEGAL, {
      input: {
        personId: adult.personId,
        topic: i === 0 ? "TEMPORARY_PROTECTION" : "EMPLOYMENT",
        date: "2022-05-12",
        outcome: i === 0 ? "Renewal of the A-card explained." : "Work permit not needed; contract checked.",
        idempotencyKey: `demo-health-legal-${adult.key}`,
      },
    });
  }
  for (const centre of centres) {
    await client.run(LAWYER, "CARE", GROUP_LEGAL, {
      input: {
        siteId: centre.site,
        topic: "TEMPORARY_PROTECTION",
        date: "2022-05-19",
        attendees: [
          { ageBand: "AGE_18_59", sex: "FEMALE", count: 14 },
          { ageBand: "AGE_18_59", sex: "MALE", count: 5 },
          { ageBand: "AGE_60_PLUS", sex: "FEMALE", count: 6 },
        ],
        idempotencyKey: `demo-health-group-legal-${centre.name}`,
      },
    });
  }
};
