import { Municipality, SeedSite, SeedStay } from "./housing";
import { ageOn, isoAt, isoDate, Random, WeightedIndex } from "./random";
import { SeedPeople, Timeline } from "./social";
import { tableRows, TableRows } from "./tables";

const BANDS = ["AGE_0_4", "AGE_5_11", "AGE_12_17", "AGE_18_59", "AGE_60_PLUS"];

/**
 * Education's rows: primary and OKAN schools in the municipalities (by inhabitants); an assessment
 * on arrival for children of 3–17; `enrolments` enrolments of those children, each after an
 * enrolment request that it fulfils (kindergarten 3–5, primary 6–11, OKAN or secondary 12–17), the
 * first school day some days after registering (days_to_school on it); OKAN places are never
 * over capacity: a child who finds the class full waits on its list (WAITLISTED), first come, first
 * served; some children left again. Adults' Dutch courses and integration programme; activities at
 * the sites with attendance by age band and sex.
 */
export function educationTables(
  random: Random,
  id: (kind: string, n: number) => string,
  people: SeedPeople,
  t: Timeline,
  municipalities: readonly Municipality[],
  sites: readonly SeedSite[],
  stays: readonly SeedStay[],
  enrolments: number,
): TableRows[][] {
  const byInhabitants = new WeightedIndex(municipalities.map((m) => m.inhabitants));
  const school = tableRows("school", [
    ["id", "uuid"],
    ["name", "text"],
    ["nis_code", "text"],
    ["offers_okan", "bool"],
    ["okan_capacity", "int"],
    ["created_at", "timestamptz"],
  ]);
  const schoolCount = Math.max(6, Math.round(people.persons.length / 130));
  const okan: { id: string; capacity: number; enrolled: number }[] = [];
  const other: string[] = [];
  for (let s = 0; s < schoolCount; s++) {
    const m = municipalities[byInhabitants.draw(random)];
    const offersOkan = s % 3 === 0;
    const capacity = offersOkan ? random.int(15, 60) : 0;
    const schoolId = id("school", s);
    school.rows.push([
      schoolId,
      `${offersOkan ? "Secondary school (OKAN)" : "Primary school"} ${m.name} ${s + 1}`,
      m.nisCode,
      offersOkan,
      capacity,
      isoAt(t.start - 90),
    ]);
    if (offersOkan) okan.push({ id: schoolId, capacity, enrolled: 0 });
    else other.push(schoolId);
  }

  const assessment = tableRows("education_assessment", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["prior_schooling_years", "int"],
    ["last_grade", "text"],
    ["languages", "text[]"],
    ["recommended_level", "text"],
    ["proposed_level", "text"],
    ["speaks_dutch", "bool"],
    ["date", "date"],
    ["school_id", "uuid"],
    ["assessed_by", "text"],
    ["created_at", "timestamptz"],
  ]);
  const enrolment = tableRows("enrolment", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["school_id", "uuid"],
    ["programme", "text"],
    ["status", "text"],
    ["start_date", "date"],
    ["end_date", "date"],
    ["enrolled_at", "timestamptz"],
    ["created_by", "text"],
    ["created_at", "timestamptz"],
    ["days_to_school", "int"],
  ]);
  const request = tableRows("enrolment_request", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["school_id", "uuid"],
    ["programme", "text"],
    ["requested_by", "text"],
    ["requested_by_role", "text"],
    ["requested_at", "timestamptz"],
    ["status", "text"],
    ["enrolment_id", "uuid"],
    ["closed_by", "text"],
    ["closed_at", "timestamptz"],
  ]);
  // Children of 3–17 on their first school day, in random order; the first `enrolments` of them go to school.
  const children = random
    .shuffle(people.persons.map((p, i) => ({ p, i, start: Math.min(t.until, p.registeredDay + random.int(3, 45)) })))
    .filter(({ p, start }) => p.birthDay !== null && ageOn(p.birthDay, start) >= 3 && ageOn(p.birthDay, start) <= 17);
  type Planned = { person: number; start: number; programme: string };
  const planned: Planned[] = [];
  children.forEach(({ p, i, start }, k) => {
    const age = ageOn(p.birthDay!, start);
    const programme = age <= 5 ? "KINDERGARTEN" : age <= 11 ? "PRIMARY" : random.chance(0.75) ? "OKAN" : "SECONDARY";
    const dateDay = Math.max(p.registeredDay, start - random.int(1, 3));
    if (k < enrolments || random.chance(0.2))
      assessment.rows.push([
        id("assessment", i),
        p.id,
        Math.max(0, Math.min(12, age - 6)),
        age >= 7 ? String(Math.min(11, age - 6)) : null,
        ["uk", "ru"].slice(0, random.int(1, 2)),
        programme,
        programme,
        random.chance(0.03),
        isoDate(dateDay),
        null,
        "seed-city-education-service",
        isoAt(dateDay, 30),
      ]);
    if (k < enrolments) planned.push({ person: i, start, programme });
  });
  // Written in order of the first school day: the waiting list is first come, first served.
  planned.sort((a, b) => a.start - b.start || a.person - b.person);
  planned.forEach((e, n) => {
    const p = people.persons[e.person];
    let status = "ENROLLED";
    let schoolId: string;
    if (e.programme === "OKAN") {
      const s = okan[random.int(0, okan.length - 1)];
      schoolId = s.id;
      if (s.enrolled >= s.capacity) status = "WAITLISTED";
      else s.enrolled++;
    } else
      schoolId =
        e.programme === "SECONDARY" ? okan[random.int(0, okan.length - 1)].id : other[random.int(0, other.length - 1)];
    // Some left their school again (moved away), a place freed for no one in particular.
    let end: number | null = null;
    if (status === "ENROLLED" && e.programme !== "OKAN" && e.start < t.until - 200 && random.chance(0.1)) {
      status = "LEFT";
      end = e.start + random.int(60, 190);
    }
    const enrolmentId = id("enrolment", n);
    const staff = `seed-school-staff-${schoolId.slice(0, 8)}`;
    enrolment.rows.push([
      enrolmentId,
      p.id,
      schoolId,
      e.programme,
      status,
      isoDate(e.start),
      end === null ? null : isoDate(end),
      status === "WAITLISTED" ? null : isoAt(e.start, 60),
      staff,
      isoAt(e.start, 60),
      status === "WAITLISTED" ? null : e.start - p.registeredDay,
    ]);
    request.rows.push([
      id("enrolment_request", n),
      p.id,
      schoolId,
      e.programme,
      `seed-sw-${random.int(1, 40)}`,
      "SOCIAL_WORKER",
      isoAt(Math.max(p.registeredDay, e.start - random.int(1, 10)), 10),
      "FULFILLED",
      enrolmentId,
      staff,
      isoAt(e.start, 61),
    ]);
  });

  const course = tableRows("dutch_course", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["level", "text"],
    ["provider", "text"],
    ["start_date", "date"],
    ["end_date", "date"],
    ["status", "text"],
    ["created_by", "text"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ]);
  const programme = tableRows("integration_programme", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["status", "text"],
    ["status_date", "date"],
    ["created_by", "text"],
    ["created_at", "timestamptz"],
  ]);
  const programmeEvent = tableRows("integration_programme_event", [
    ["id", "uuid"],
    ["programme_id", "uuid"],
    ["status", "text"],
    ["date", "date"],
    ["recorded_by", "text"],
    ["recorded_at", "timestamptz"],
  ]);
  people.persons.forEach((p, i) => {
    if (p.birthDay === null || ageOn(p.birthDay, p.registeredDay) < 18) return;
    if (random.chance(0.25)) {
      const start = Math.min(t.until, p.registeredDay + random.int(20, 120));
      const done = start + 120 <= t.until && random.chance(0.6);
      course.rows.push([
        id("dutch_course", i),
        p.id,
        random.weighted({ A1: 60, A2: 30, B1: 10 }),
        "CVO Gent",
        isoDate(start),
        done ? isoDate(start + 120) : null,
        done ? "COMPLETED" : start > t.until - 7 ? "PLANNED" : "ONGOING",
        "seed-agii",
        isoAt(start, 50),
        isoAt(done ? start + 120 : start, 50),
      ]);
    }
    if (random.chance(0.3)) {
      const referred = Math.min(t.until, p.registeredDay + random.int(10, 60));
      const programmeId = id("integration_programme", i);
      const started = referred + 30 <= t.until && random.chance(0.7);
      programme.rows.push([
        programmeId,
        p.id,
        started ? "STARTED" : "REFERRED",
        isoDate(started ? referred + 30 : referred),
        "seed-agii",
        isoAt(referred, 70),
      ]);
      programmeEvent.rows.push([
        id("integration_event", i * 2),
        programmeId,
        "REFERRED",
        isoDate(referred),
        "seed-agii",
        isoAt(referred, 70),
      ]);
      if (started)
        programmeEvent.rows.push([
          id("integration_event", i * 2 + 1),
          programmeId,
          "STARTED",
          isoDate(referred + 30),
          "seed-agii",
          isoAt(referred + 30, 70),
        ]);
    }
  });

  // Activities at sites with residents, about one per eight persons, with attendance by age band and sex.
  const activity = tableRows("activity", [
    ["id", "uuid"],
    ["site_id", "uuid"],
    ["date", "date"],
    ["kind", "text"],
    ["title", "text"],
    ["organiser", "text"],
    ["recorded_by", "text"],
    ["recorded_at", "timestamptz"],
  ]);
  const attendance = tableRows("activity_attendance", [
    ["activity_id", "uuid"],
    ["age_band", "text"],
    ["sex", "text"],
    ["count", "int"],
  ]);
  const activities = stays.length === 0 ? 0 : Math.round(people.persons.length / 8);
  for (let a = 0; a < activities; a++) {
    const s = stays[random.int(0, stays.length - 1)];
    const day = random.int(s.moveIn, s.moveOut ?? t.until);
    const activityId = id("activity", a);
    const kind = random.weighted({ SPORT: 30, GAMES: 20, CULTURE: 15, ART: 15, LANGUAGE_CAFE: 15, OTHER: 5 });
    activity.rows.push([
      activityId,
      sites[s.site].id,
      isoDate(day),
      kind,
      null,
      "Site team",
      "seed-site-coordinator",
      isoAt(day, 400),
    ]);
    for (const band of BANDS)
      for (const sex of ["FEMALE", "MALE"])
        if (random.chance(0.5)) attendance.rows.push([activityId, band, sex, random.int(1, 12)]);
  }

  return [
    [school, assessment, enrolment, request],
    [course, programme, programmeEvent],
    [activity, attendance],
  ];
}
