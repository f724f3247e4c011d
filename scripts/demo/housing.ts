import { DemoCaller, DemoClient, DemoPart, DemoState } from "./demo-client";

/** The city's municipal housing coordinator: registers and validates offers, manages allocation. */
const CITY: DemoCaller = { sub: "demo-city-housing-coordinator", org: "CITY_GHENT", roles: ["HOUSING_COORDINATOR"] };
const OCMW: DemoCaller = { sub: "demo-ocmw-social-worker", org: "OCMW_GHENT", roles: ["SOCIAL_WORKER"] };
const iom = (siteId: string): DemoCaller => ({
  sub: "demo-iom-site-coordinator",
  org: "IOM",
  roles: ["SITE_COORDINATOR"],
  sites: [siteId],
});

interface RoomPlan {
  label: string;
  beds: number;
  floorAreaM2: number;
  accessible?: boolean;
}

function rooms(prefix: string, count: number, beds: number, floorAreaM2: number, accessible = false): RoomPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    label: `${prefix}${String(i + 1).padStart(2, "0")}`,
    beds,
    floorAreaM2,
    accessible,
  }));
}

/** Schoonmeersen: 51 beds, family rooms in a former school building. */
const SCHOONMEERSEN_ROOMS: RoomPlan[] = [
  ...rooms("A.", 10, 4, 18),
  ...rooms("B.", 3, 3, 14, true),
  ...rooms("C.", 1, 2, 10),
];
/** Ter Rive: 35 beds in a former care home, mostly two-bed rooms, accessible throughout. */
const TER_RIVE_ROOMS: RoomPlan[] = [...rooms("K", 15, 2, 16, true), ...rooms("E", 5, 1, 12, true)];

const STOCK = [
  { item: "hygiene kit", quantity: 60, lowStockThreshold: 15 },
  { item: "bedding set", quantity: 70, lowStockThreshold: 10 },
  { item: "cleaning products", quantity: 25, lowStockThreshold: 5 },
  { item: "menstrual hygiene pack", quantity: 8, lowStockThreshold: 12 },
  { item: "face masks", quantity: 400, lowStockThreshold: 100 },
];

const REGISTER_SITE = `mutation DemoRegisterSite($input: RegisterSiteInput!) { registerSite(input: $input) { id offer { id status } } }`;
const ADD_ROOM = `mutation DemoAddRoom($input: AddRoomInput!) { addRoom(input: $input) { id } }`;
const VALIDATE = `mutation DemoValidate($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`;
const ASSIGN = `mutation DemoAssign($input: AssignHouseholdToSiteInput!) { assignHouseholdToSite(input: $input) { id } }`;
const PLACE = `mutation DemoPlace($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id person { id } } }`;
const RECEIVE = `mutation DemoReceive($input: StockInput!) { receiveStock(input: $input) { id } }`;
const ISSUE = `mutation DemoIssue($input: IssueStockInput!) { issueStock(input: $input) { id } }`;

async function centre(
  client: DemoClient,
  key: string,
  input: { name: string; address: string; accessible: boolean },
  plan: RoomPlan[],
): Promise<string> {
  const site = (
    await client.run(CITY, "PLACEMENT", REGISTER_SITE, {
      input: {
        ...input,
        kind: "RECEPTION_CENTRE",
        operator: "IOM Belgium & Luxembourg",
        provider: "City of Ghent",
        nisCode: "44021",
        sustainable: true,
        idempotencyKey: `demo-site-${key}`,
      },
    })
  ).registerSite;
  for (const room of plan) {
    await client.run(iom(site.id), "PLACEMENT", ADD_ROOM, {
      input: { siteId: site.id, ...room, idempotencyKey: `demo-room-${key}-${room.label}` },
    });
  }
  // The centres were prepared and validated in spring 2022, before the first residents moved in on 2 May;
  // the decisions are recorded with the days they took effect so the occupancy series of 2022 adds up.
  if (site.offer.status !== "VALIDATED") {
    await client.run(CITY, "PLACEMENT", VALIDATE, {
      input: {
        offerId: site.offer.id,
        status: "IN_PREPARATION",
        note: "Furnishing and recruitment under way.",
        effectiveOn: "2022-04-11",
      },
    });
    await client.run(CITY, "PLACEMENT", VALIDATE, {
      input: {
        offerId: site.offer.id,
        status: "VALIDATED",
        note: "Fire safety and hygiene inspection passed.",
        effectiveOn: "2022-04-29",
      },
    });
  }
  return site.id;
}

/** Households to place: the social part's, or a few registered here when that part did not run. */
async function householdsToPlace(
  client: DemoClient,
  state: DemoState,
): Promise<[string, { householdId: string; memberIds: string[] }][]> {
  const known = Object.entries(state.households);
  if (known.length > 0) return known;
  const families = [
    {
      key: "housing-demo-savchenko",
      members: [
        ["Iryna", "FEMALE", "1987-09-14"],
        ["Sofiia", "FEMALE", "2012-02-03"],
        ["Maksym", "MALE", "2016-11-21"],
      ],
    },
    {
      key: "housing-demo-koval",
      members: [
        ["Natalia", "FEMALE", "1979-04-30"],
        ["Anna", "FEMALE", "2008-07-12"],
      ],
    },
    { key: "housing-demo-moroz", members: [["Halyna", "FEMALE", "1958-01-19"]] },
    {
      key: "housing-demo-rudenko",
      members: [
        ["Oksana", "FEMALE", "1991-05-05"],
        ["Artem", "MALE", "2019-08-08"],
        ["Daryna", "FEMALE", "2021-03-01"],
        ["Viktor", "MALE", "1952-12-24"],
      ],
    },
  ];
  for (const f of families) {
    const h = (
      await client.run(
        OCMW,
        "CASE_MANAGEMENT",
        `mutation DemoHousehold($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id members { id givenName } } }`,
        {
          input: {
            idempotencyKey: `demo-${f.key}`,
            members: f.members.map(([givenName, sex, birthDate]) => ({
              givenName,
              familyName: f.key
                .split("-")
                .pop()!
                .replace(/^./, (c) => c.toUpperCase()),
              sex,
              birthDate,
              languages: ["uk"],
            })),
          },
        },
      )
    ).registerHousehold;
    const byName = new Map<string, string>(
      h.members.map((m: { id: string; givenName: string }) => [m.givenName, m.id]),
    );
    state.households[f.key] = { householdId: h.id, memberIds: f.members.map(([name]) => byName.get(name)!) };
  }
  return Object.entries(state.households);
}

/**
 * Housing in Ghent as IOM and the city enter it: both centres with their
 * rooms (Schoonmeersen 51 beds, Ter Rive 35), validated by the city's housing
 * coordinator; the demo households placed, each adult given a hygiene kit on
 * arrival; stock with one item below its threshold; a residents' committee;
 * Fedasil allocations per province on a few days; and a few offers still in
 * validation.
 */
export const seedHousing: DemoPart = async (client, state) => {
  state.sites.schoonmeersen = await centre(
    client,
    "schoonmeersen",
    { name: "Schoonmeersen", address: "Schoonmeersstraat 26, 9000 Gent", accessible: true },
    SCHOONMEERSEN_ROOMS,
  );
  state.sites.terRive = await centre(
    client,
    "ter-rive",
    { name: "Ter Rive", address: "Ter Rivestraat 1, 9000 Gent", accessible: true },
    TER_RIVE_ROOMS,
  );

  const households = await householdsToPlace(client, state);
  const residents: Record<string, string[]> = { schoonmeersen: [], terRive: [] };
  for (const [i, [key, h]] of households.entries()) {
    const siteKey = i % 3 === 2 ? "terRive" : "schoonmeersen";
    const siteId = state.sites[siteKey];
    // The OCMW hands the household over to the centre; IOM's coordinator then places it.
    await client.run(OCMW, "PLACEMENT", ASSIGN, {
      input: { householdId: h.householdId, siteId, idempotencyKey: `demo-assign-${key}` },
    });
    const placements = (
      await client.run(iom(siteId), "PLACEMENT", PLACE, {
        input: {
          householdId: h.householdId,
          siteId,
          moveInDate: `2022-05-${String(2 + i).padStart(2, "0")}`,
          idempotencyKey: `demo-place-${key}`,
        },
      })
    ).placeHousehold as { person: { id: string } }[];
    residents[siteKey].push(...placements.map((p) => p.person.id));
  }

  for (const siteKey of ["schoonmeersen", "terRive"] as const) {
    const siteId = state.sites[siteKey];
    for (const s of STOCK) {
      // Ter Rive is the low one on menstrual hygiene packs; Schoonmeersen on cleaning products.
      const quantity = siteKey === "schoonmeersen" && s.item === "cleaning products" ? 3 : s.quantity;
      await client.run(iom(siteId), "PLACEMENT", RECEIVE, {
        input: { siteId, ...s, quantity, idempotencyKey: `demo-stock-${siteKey}-${s.item}` },
      });
    }
    for (const personId of residents[siteKey]) {
      await client.run(iom(siteId), "PLACEMENT", ISSUE, {
        input: {
          siteId,
          item: "hygiene kit",
          quantity: 1,
          personId,
          note: "On arrival.",
          idempotencyKey: `demo-kit-${personId}`,
        },
      });
    }
  }

  const committeeMembers = residents.schoonmeersen.slice(0, 3);
  if (committeeMembers.length > 0) {
    await client.run(
      iom(state.sites.schoonmeersen),
      "PLACEMENT",
      `mutation DemoCommittee($input: ElectCommitteeInput!) { electCommittee(input: $input) { id } }`,
      {
        input: {
          siteId: state.sites.schoonmeersen,
          electedOn: "2022-06-01",
          termStart: "2022-06-01",
          termEnd: "2022-11-30",
          members: committeeMembers.map((personId, i) => ({ personId, role: ["chair", "secretary", "member"][i] })),
          idempotencyKey: "demo-committee-schoonmeersen",
        },
      },
    );
  }

  const allocations: [string, string, number][] = [
    ["2022-04-04", "44021", 18], // Gent
    ["2022-04-04", "11002", 25], // Antwerpen
    ["2022-04-04", "71022", 6], // Hasselt
    ["2022-04-05", "44021", 12],
    ["2022-04-05", "24062", 9], // Leuven
    ["2022-04-05", "31005", 11], // Brugge
    ["2022-04-06", "41002", 7], // Aalst
    ["2022-04-06", "11002", 14],
    ["2022-04-06", "73042", 4], // Lanaken
    ["2022-04-07", "34022", 8], // Kortrijk
    ["2022-04-07", "23088", 5], // Vilvoorde
  ];
  for (const [date, nisCode, persons] of allocations) {
    await client.run(
      CITY,
      "PLACEMENT",
      `mutation DemoAllocation($input: RecordAllocationInput!) { recordAllocation(input: $input) { id } }`,
      {
        input: { date, nisCode, persons, idempotencyKey: `demo-allocation-${date}-${nisCode}` },
      },
    );
  }

  const offers = [
    { reference: "WA-GENT-0012", provider: "Familie De Vos", places: 3, kind: "HOST_FAMILY", sustainable: true },
    { reference: "WA-GENT-0013", provider: "Sociaal Wonen Gent", places: 8, kind: "SOCIAL_HOUSING", sustainable: true },
    {
      reference: "WA-GENT-0014",
      provider: "Vzw Nooddorp Gent",
      places: 40,
      kind: "EMERGENCY_VILLAGE",
      sustainable: false,
    },
  ];
  for (const o of offers) {
    await client.run(
      CITY,
      "PLACEMENT",
      `mutation DemoOffer($input: RegisterHousingOfferInput!) { registerHousingOffer(input: $input) { id } }`,
      {
        input: { ...o, nisCode: "44021", availableFrom: "2022-05-15", idempotencyKey: `demo-offer-${o.reference}` },
      },
    );
  }
};
