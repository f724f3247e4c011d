import {
  buildFederatedSchema,
  isUuid,
  referenceResolvers,
  SubgraphContext,
  SubgraphModule,
} from "@reception-graph/kit";
import { AuditRecordsResolver } from "./audit/audit.resolver";
import { educationRetention } from "./retention";
import { educationOwnScope } from "./access/education-access";
import { Activity, ActivityAttendance } from "./activities/activity.entity";
import { ActivityResolver } from "./activities/activity.resolver";
import { DutchCourse, IntegrationProgramme, IntegrationProgrammeEvent } from "./adults/adult.entity";
import {
  DutchCourseResolver,
  IntegrationProgrammeResolver,
  PersonAdultEducationResolver,
} from "./adults/adult.resolver";
import { EducationAssessment } from "./assessments/assessment.entity";
import { AssessmentResolver } from "./assessments/assessment.resolver";
import { AwaitingSchoolResolver } from "./awaiting/awaiting.resolver";
import { Enrolment } from "./enrolments/enrolment.entity";
import { IndicatorReport } from "./indicators/indicators.entity";
import { IndicatorReportEducationResolver, resolveIndicatorReport } from "./indicators/indicators.resolver";
import { EnrolmentResolver } from "./enrolments/enrolment.resolver";
import { createEducationLoaders, EducationLoaders } from "./loaders";
import { SchoolsEnrolments1763900400000 } from "./migrations/1763900400000-schools-enrolments";
import { EnrolmentRequests1764600000000 } from "./migrations/1764600000000-enrolment-requests";
import { ReportCache1764900400000 } from "./migrations/1764900400000-report-cache";
import { ActivitiesOkan1764800200000 } from "./migrations/1764800200000-activities-okan";
import { LevelsAdults1764800100000 } from "./migrations/1764800100000-levels-adults";
import { OwnPeopleResolver } from "./people/own-people.resolver";
import { Person } from "./people/person.entity";
import { PersonEducationResolver } from "./people/person.resolver";
import { EnrolmentRequest } from "./requests/enrolment-request.entity";
import { EnrolmentRequestResolver } from "./requests/enrolment-request.resolver";
import { School } from "./schools/school.entity";
import { SchoolResolver } from "./schools/school.resolver";
import { TimeToSchoolResolver } from "./time-to-school/time-to-school.resolver";

type Ctx = SubgraphContext<EducationLoaders>;

/** Schools and OKAN: assessment, enrolment, waiting lists. Builds without opening a port. */
export const educationSubgraph: SubgraphModule<EducationLoaders> = {
  name: "education",
  entities: [
    School,
    Enrolment,
    EducationAssessment,
    EnrolmentRequest,
    Activity,
    ActivityAttendance,
    DutchCourse,
    IntegrationProgramme,
    IntegrationProgrammeEvent,
  ],
  retention: educationRetention,
  migrations: [
    SchoolsEnrolments1763900400000,
    EnrolmentRequests1764600000000,
    LevelsAdults1764800100000,
    ActivitiesOkan1764800200000,
    ReportCache1764900400000,
  ],
  loaders: createEducationLoaders,
  ownScope: educationOwnScope,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here; no root field returns it, so it must be listed to be in the schema.
        orphanedTypes: [Person, IndicatorReport],
        resolvers: [
          AuditRecordsResolver,
          SchoolResolver,
          EnrolmentResolver,
          AssessmentResolver,
          EnrolmentRequestResolver,
          PersonEducationResolver,
          OwnPeopleResolver,
          ActivityResolver,
          AwaitingSchoolResolver,
          TimeToSchoolResolver,
          DutchCourseResolver,
          IntegrationProgrammeResolver,
          PersonAdultEducationResolver,
          IndicatorReportEducationResolver,
        ],
      },
      referenceResolvers<Ctx>({
        School: (ref: { id: string }, ctx: Ctx) => ctx.loaders.schoolById.load(ref.id),
        // An enrolment is personal data: resolving one by key is a read like any other.
        Enrolment: async (ref: { id: string }, ctx: Ctx) => {
          const enrolment = await ctx.loaders.enrolmentById.load(ref.id);
          if (!enrolment) return null;
          await ctx.access.authorize({
            category: "EDUCATION",
            action: "READ",
            personId: enrolment.personId,
            field: "Enrolment",
            operation: `${ctx.operation}/_entities`,
          });
          return enrolment;
        },
        // Education holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
        IndicatorReport: resolveIndicatorReport,
      }),
    ),
};
