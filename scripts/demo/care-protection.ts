import { DemoCaller, DemoClient, DemoPart } from "./demo-client";

/** IOM's coordinator of one centre (scoped to it). */
const iom = (siteId: string): DemoCaller => ({
  sub: "demo-iom-protection",
  org: "IOM",
  roles: ["SITE_COORDINATOR"],
  sites: [siteId],
});
/** A counsellor of CAW Oost-Vlaanderen, who records CAW staff's trainings and follows up incidents CAW is involved in. */
const CAW_COUNSELLOR: DemoCaller = { sub: "demo-caw-counsellor", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };

type CentreKey = "schoonmeersen" | "terRive";

interface DemoTraining {
  key: string;
  staffName: string;
  organisation: string;
  topic: "PSEA" | "MHPSS_PFA";
  trainedOn: string;
  centre: CentreKey;
}

/**
 * The results matrix's output 1.2: 2 staff trained in PSEA and 6 in MHPSS /
 * psychological first aid across the two centres. Olena Bondar's refresher
 * is a second session of one person: she counts once.
 */
export const DEMO_TRAININGS: DemoTraining[] = [
  {
    key: "psea-bondar",
    staffName: "Olena Bondar",
    organisation: "IOM",
    topic: "PSEA",
    trainedOn: "2022-05-12",
    centre: "schoonmeersen",
  },
  {
    key: "psea-bondar-refresher",
    staffName: "Olena Bondar",
    organisation: "IOM",
    topic: "PSEA",
    trainedOn: "2022-08-30",
    centre: "schoonmeersen",
  },
  {
    key: "psea-desmet",
    staffName: "Jonas De Smet",
    organisation: "IOM",
    topic: "PSEA",
    trainedOn: "2022-05-13",
    centre: "terRive",
  },
  {
    key: "pfa-bondar",
    staffName: "Olena Bondar",
    organisation: "IOM",
    topic: "MHPSS_PFA",
    trainedOn: "2022-05-19",
    centre: "schoonmeersen",
  },
  {
    key: "pfa-claeys",
    staffName: "Lien Claeys",
    organisation: "IOM",
    topic: "MHPSS_PFA",
    trainedOn: "2022-05-19",
    centre: "schoonmeersen",
  },
  {
    key: "pfa-desmet",
    staffName: "Jonas De Smet",
    organisation: "IOM",
    topic: "MHPSS_PFA",
    trainedOn: "2022-05-20",
    centre: "terRive",
  },
  {
    key: "pfa-tkachuk",
    staffName: "Iryna Tkachuk",
    organisation: "IOM",
    topic: "MHPSS_PFA",
    trainedOn: "2022-05-20",
    centre: "terRive",
  },
  {
    key: "pfa-caw-jacobs",
    staffName: "Sarah Jacobs",
    organisation: "CAW_OOST_VLAANDEREN",
    topic: "MHPSS_PFA",
    trainedOn: "2022-06-02",
    centre: "schoonmeersen",
  },
  {
    key: "pfa-caw-moroz",
    staffName: "Taras Moroz",
    organisation: "CAW_OOST_VLAANDEREN",
    topic: "MHPSS_PFA",
    trainedOn: "2022-06-02",
    centre: "terRive",
  },
];

const RECORD_TRAINING = `mutation DemoRecordTraining($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
const REPORT_INCIDENT = `mutation DemoReportIncident($input: ReportIncidentInput!) {
  reportIncident(input: $input) { id status actions { id doneOn } }
}`;
const TRANSITION_INCIDENT = `mutation DemoTransitionIncident($input: TransitionIncidentInput!) { transitionIncident(input: $input) { status } }`;
const COMPLETE_ACTION = `mutation DemoCompleteIncidentAction($input: CompleteIncidentActionInput!) { completeIncidentAction(input: $input) { status } }`;
const RESIDENTS = `query DemoResidents($id: ID!) { site(id: $id) { residents(first: 100) { edges { node { person { id } } } } } }`;
const SURVEY = `mutation DemoSurvey($input: LivingConditionsSurveyInput!) { recordLivingConditionsSurvey(input: $input) { id } }`;

interface ReportedIncident {
  id: string;
  status: string;
  actions: { id: string; doneOn: string | null }[];
}

/** Moves a reported incident on to `to`, step by step, unless it is there already (a repeated run). */
async function followUp(client: DemoClient, as: DemoCaller, incident: ReportedIncident, to: "IN_FOLLOW_UP" | "CLOSED") {
  const order = ["OPEN", "IN_FOLLOW_UP", "CLOSED"];
  for (let i = order.indexOf(incident.status) + 1; i <= order.indexOf(to); i++) {
    await client.run(as, "CASE_MANAGEMENT", TRANSITION_INCIDENT, { input: { incidentId: incident.id, to: order[i] } });
  }
}

async function residents(client: DemoClient, siteId: string): Promise<string[]> {
  const data = await client.run<{ site: { residents: { edges: { node: { person: { id: string } } }[] } } | null }>(
    iom(siteId),
    "PLACEMENT",
    RESIDENTS,
    { id: siteId },
  );
  return (data.site?.residents.edges ?? []).map((e) => e.node.person.id);
}

/**
 * Protection and monitoring at both centres: staff trainings (PSEA and
 * MHPSS/PFA), a few incidents with their follow-up, and the residents'
 * answers to the living-conditions survey (some asked twice: the latest
 * answer counts). Needs the housing part's centres and residents.
 */
export const seedCareProtection: DemoPart = async (client, state) => {
  const sites: Record<CentreKey, string> = { schoonmeersen: state.sites.schoonmeersen, terRive: state.sites.terRive };
  if (!sites.schoonmeersen || !sites.terRive) throw new Error("the housing part's two centres are missing");

  for (const t of DEMO_TRAININGS) {
    const { key, centre, ...input } = t;
    const as = t.organisation === "IOM" ? iom(sites[centre]) : CAW_COUNSELLOR;
    await client.run(as, null, RECORD_TRAINING, {
      input: { ...input, siteId: sites[centre], idempotencyKey: `demo-training-${key}` },
    });
  }

  const atSchoonmeersen = await residents(client, sites.schoonmeersen);
  const atTerRive = await residents(client, sites.terRive);

  const quarrel = (
    await client.run<{ reportIncident: ReportedIncident }>(
      iom(sites.schoonmeersen),
      "CASE_MANAGEMENT",
      REPORT_INCIDENT,
      {
        input: {
          siteId: sites.schoonmeersen,
          occurredOn: "2022-06-14",
          type: "CONFLICT_BETWEEN_RESIDENTS",
          severity: "MEDIUM",
          summary: "Quarrel between two families about the use of the shared kitchen in the evening.",
          personIds: atSchoonmeersen.slice(0, 2),
          followUpActions: [
            { description: "Mediation talk with both families and an interpreter", dueDate: "2022-06-17" },
            { description: "Kitchen schedule discussed at the residents' committee", dueDate: "2022-06-30" },
          ],
          idempotencyKey: "demo-incident-schoonmeersen-kitchen",
        },
      },
    )
  ).reportIncident;
  await followUp(client, iom(sites.schoonmeersen), quarrel, "IN_FOLLOW_UP");
  const talk = quarrel.actions[0];
  if (talk && !talk.doneOn) {
    await client.run(iom(sites.schoonmeersen), "CASE_MANAGEMENT", COMPLETE_ACTION, {
      input: { actionId: talk.id, doneOn: "2022-06-16" },
    });
  }

  const theft = (
    await client.run<{ reportIncident: ReportedIncident }>(iom(sites.terRive), "CASE_MANAGEMENT", REPORT_INCIDENT, {
      input: {
        siteId: sites.terRive,
        occurredOn: "2022-07-03",
        type: "THEFT",
        severity: "LOW",
        summary: "Two bicycles taken from the unlocked shed; the lock was replaced.",
        idempotencyKey: "demo-incident-terrive-bicycles",
      },
    })
  ).reportIncident;
  await followUp(client, iom(sites.terRive), theft, "CLOSED");

  if (atTerRive.length) {
    await client.run(iom(sites.terRive), "CASE_MANAGEMENT", REPORT_INCIDENT, {
      input: {
        siteId: sites.terRive,
        occurredOn: "2022-07-21",
        type: "HEALTH_EMERGENCY",
        severity: "HIGH",
        summary: "Resident fainted in the hallway; ambulance called, the nurse followed up the next day.",
        personIds: atTerRive.slice(0, 1),
        organisations: ["ELZ_GENT"],
        followUpActions: [{ description: "Nurse visit and referral to the GP", dueDate: "2022-07-22" }],
        idempotencyKey: "demo-incident-terrive-health",
      },
    });
  }

  // Residents asked in July; a few were asked in June too and answered otherwise then: the latest answer counts.
  for (const [centre, people] of [
    ["schoonmeersen", atSchoonmeersen],
    ["terRive", atTerRive],
  ] as const) {
    const siteId = sites[centre];
    for (const [i, personId] of people.entries()) {
      const answers: [string, string][] = [];
      if (i % 4 === 1) answers.push(["2022-06-15", "NOT_IMPROVED"]);
      answers.push(["2022-07-15", i % 9 === 4 ? "NOT_IMPROVED" : i % 11 === 7 ? "NO_ANSWER" : "IMPROVED"]);
      for (const [answeredOn, answer] of answers) {
        await client.run(iom(siteId), "CASE_MANAGEMENT", SURVEY, {
          input: { personId, siteId, answeredOn, answer, idempotencyKey: `demo-survey-${personId}-${answeredOn}` },
        });
      }
    }
  }
};
