import { Caller, hasRole, peerOwnPeople, PersonScope, RequestInfo } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { createActivityLoaders } from "./activities/activity.loaders";
import { createAdultLoaders } from "./adults/adult.loaders";
import { createAssessmentLoaders } from "./assessments/assessment.loaders";
import { createAwaitingLoaders } from "./awaiting/awaiting.peers";
import { createEnrolmentLoaders } from "./enrolments/enrolment.loaders";
import { createIndicatorLoaders } from "./indicators/indicators.loaders";
import { HousingPeer } from "./peers/housing-peer";
import { SocialPeer } from "./peers/social-peer";
import { createEnrolmentRequestLoaders } from "./requests/enrolment-request.loaders";
import { createSchoolLoaders } from "./schools/school.loaders";

/** All DataLoaders of the education subgraph, built per request in the context factory. */
export function createEducationLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  const social = new SocialPeer(request.link);
  const housing = new HousingPeer(request.link);
  const schools = createSchoolLoaders(dataSource);
  return {
    ...schools,
    ...createEnrolmentLoaders(dataSource, schools),
    ...createAssessmentLoaders(dataSource),
    ...createEnrolmentRequestLoaders(dataSource),
    ...createActivityLoaders(dataSource),
    ...createAwaitingLoaders(request.link),
    ...createAdultLoaders(dataSource),
    /** Site coordinators: is the person a resident of one of the caller's sites? (asked of housing; fails closed) */
    residentOfCallerSites: hasRole(caller, "SITE_COORDINATOR")
      ? new PersonScope([peerOwnPeople(request.link, "housing", "who lives at your sites")])
      : null,
    /** The request's line to social (ages for the school-age check). */
    social,
    /** Housing, asked as the same caller: which site IDs are real. */
    housing,
    ...createIndicatorLoaders(dataSource, housing, social),
  };
}

export type EducationLoaders = ReturnType<typeof createEducationLoaders>;
