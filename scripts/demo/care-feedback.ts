import { todayInBrussels } from "@reception-graph/kit";
import { DemoCaller, DemoClient, DemoPart, DemoState } from "./demo-client";

/** IOM's site coordinator of one centre: registers its feedback channels and records and answers feedback. */
const iom = (siteId: string): DemoCaller => ({
  sub: "demo-iom-site-coordinator",
  org: "IOM",
  roles: ["SITE_COORDINATOR"],
  sites: [siteId],
});
const SOCIAL_WORKER: DemoCaller = { sub: "demo-sw-care", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };

const REGISTER_CHANNEL = `mutation DemoRegisterFeedbackChannel($input: RegisterFeedbackChannelInput!) {
  registerFeedbackChannel(input: $input) { id kind siteCode } }`;
const SUBMIT = `mutation DemoSubmitFeedback($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { id } }`;
const RESPOND = `mutation DemoRespondToFeedback($input: RespondToFeedbackInput!) { respondToFeedback(input: $input) { id } }`;
const HOUSEHOLD_SITES = `query DemoHouseholdSites($id: ID!) { household(id: $id) { members { id placement { site { id } } } } }`;

type Site = "schoonmeersen" | "terRive";

const CHANNELS: Record<Site, { key: string; kind: string; description: string }[]> = {
  schoonmeersen: [
    { key: "box", kind: "BOX", description: "Letter box next to the reception desk, emptied every Monday" },
    { key: "committee", kind: "COMMITTEE", description: "Residents' committee, first Monday of the month" },
    { key: "digital", kind: "DIGITAL", description: "QR code poster in the entrance hall and the kitchens" },
  ],
  terRive: [
    { key: "box", kind: "BOX", description: "Letter box in the corridor of the ground floor" },
    { key: "inPerson", kind: "IN_PERSON", description: "Coordinator's office hours, Tuesday 10:00-12:00" },
    { key: "phone", kind: "PHONE", description: "Feedback line 09 000 00 00, weekdays 9:00-17:00" },
    { key: "digital", kind: "DIGITAL", description: "QR code poster next to the lift" },
  ],
};

interface DemoFeedback {
  site: Site;
  channel: string;
  category: string;
  text: string;
  language: string;
  /** Days ago it came in, and was answered (null: still open). */
  daysAgo: number;
  answeredAfter: number | null;
  response?: string;
  /** Linked to the first resident of the centre found among the demo households. */
  linked?: boolean;
}

const FEEDBACK: DemoFeedback[] = [
  {
    site: "schoonmeersen",
    channel: "box",
    category: "COMPLAINT",
    text: "Гаряча вода в душових на другому поверсі закінчується вже о восьмій ранку.",
    language: "uk",
    daysAgo: 20,
    answeredAfter: 3,
    response: "The boiler was serviced; hot water now lasts the whole morning. Tell us if it happens again.",
  },
  {
    site: "schoonmeersen",
    channel: "committee",
    category: "SUGGESTION",
    text: "A quiet room for children to do their homework in the evening.",
    language: "en",
    daysAgo: 12,
    answeredAfter: null,
  },
  {
    site: "schoonmeersen",
    channel: "box",
    category: "QUESTION",
    text: "Коли почнуться курси нідерландської для дорослих?",
    language: "uk",
    daysAgo: 9,
    answeredAfter: 2,
    response: "The next Dutch course at the Huis van het Nederlands starts on the first Monday of next month.",
    linked: true,
  },
  {
    site: "schoonmeersen",
    channel: "committee",
    category: "COMPLIMENT",
    text: "Дякуємо волонтерам за свято для дітей!",
    language: "uk",
    daysAgo: 5,
    answeredAfter: 1,
    response: "Thank you, we passed it on to the volunteers.",
  },
  {
    site: "terRive",
    channel: "phone",
    category: "COMPLAINT",
    text: "В прачечной сломана одна из стиральных машин.",
    language: "ru",
    daysAgo: 15,
    answeredAfter: 6,
    response: "The washing machine was repaired on Friday.",
  },
  {
    site: "terRive",
    channel: "inPerson",
    category: "QUESTION",
    text: "Can my mother, who arrives next month, stay with us in our room?",
    language: "en",
    daysAgo: 4,
    answeredAfter: null,
    linked: true,
  },
  {
    site: "terRive",
    channel: "box",
    category: "SUGGESTION",
    text: "Більше велосипедів для мешканців, щоб їздити до школи.",
    language: "uk",
    daysAgo: 2,
    answeredAfter: null,
  },
];

function daysAgo(days: number): string {
  const d = new Date(`${todayInBrussels()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The first member of a demo household who lives at the site now, asked through the gateway. */
async function residentOf(client: DemoClient, state: DemoState, siteId: string): Promise<string | null> {
  for (const h of Object.values(state.households)) {
    const data = await client.run<{
      household: { members: { id: string; placement: { site: { id: string } } | null }[] } | null;
    }>(SOCIAL_WORKER, "CASE_MANAGEMENT", HOUSEHOLD_SITES, { id: h.householdId });
    const member = data.household?.members.find((m) => m.placement?.site.id === siteId);
    if (member) return member.id;
  }
  return null;
}

/**
 * Both centres get their feedback channels (every centre needs one; each has
 * a public page for residents' phones), and the coordinators record the
 * feedback of the past weeks: mostly anonymous, one question per centre
 * linked to the resident who asked, some answered and some still open.
 */
export const seedCareFeedback: DemoPart = async (client, state) => {
  const channels: Record<string, string> = {};
  for (const site of ["schoonmeersen", "terRive"] as const) {
    const siteId = state.sites[site];
    for (const c of CHANNELS[site]) {
      const data = await client.run<{ registerFeedbackChannel: { id: string } }>(iom(siteId), null, REGISTER_CHANNEL, {
        input: {
          siteId,
          kind: c.kind,
          description: c.description,
          idempotencyKey: `demo-feedback-channel-${site}-${c.key}`,
        },
      });
      channels[`${site}.${c.key}`] = data.registerFeedbackChannel.id;
    }
  }
  const residents: Partial<Record<Site, string | null>> = {};
  for (const f of FEEDBACK) {
    const siteId = state.sites[f.site];
    const as = iom(siteId);
    let personId: string | null = null;
    if (f.linked) {
      if (!(f.site in residents)) residents[f.site] = await residentOf(client, state, siteId);
      personId = residents[f.site] ?? null;
    }
    const receivedOn = daysAgo(f.daysAgo);
    const data = await client.run<{ submitFeedback: { id: string } }>(as, "CARE", SUBMIT, {
      input: {
        siteId,
        channelId: channels[`${f.site}.${f.channel}`],
        category: f.category,
        text: f.text,
        language: f.language,
        anonymous: personId === null,
        personId,
        receivedOn,
      },
    });
    if (f.answeredAfter !== null) {
      await client.run(as, "CARE", RESPOND, {
        input: {
          feedbackId: data.submitFeedback.id,
          response: f.response,
          respondedOn: daysAgo(f.daysAgo - f.answeredAfter),
        },
      });
    }
  }
};
