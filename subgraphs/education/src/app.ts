import { Person } from "./people/person.entity";
import { buildFederatedSchema, isUuid, SubgraphContext, SubgraphModule } from "@reception-graph/kit";
import { Enrolment } from "./enrolments/enrolment.entity";
import { EnrolmentResolver, PersonEducationResolver } from "./enrolments/enrolment.resolver";
import { createEducationLoaders, EducationLoaders } from "./loaders";
import { SchoolsEnrolments1763900400000 } from "./migrations/1763900400000-schools-enrolments";
import { School } from "./schools/school.entity";
import { SchoolResolver } from "./schools/school.resolver";

type Ctx = SubgraphContext<EducationLoaders>;

/** Schools and OKAN: assessment, enrolment, waiting lists, activities. Builds without opening a port. */
export const educationSubgraph: SubgraphModule<EducationLoaders> = {
  name: "education",
  entities: [School, Enrolment],
  migrations: [SchoolsEnrolments1763900400000],
  loaders: createEducationLoaders,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here; no root field returns it, so it must be listed to be in the schema.
        orphanedTypes: [Person],
        resolvers: [SchoolResolver, EnrolmentResolver, PersonEducationResolver],
      },
      {
        School: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.schoolById.load(ref.id),
        },
        Enrolment: {
          __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.enrolmentById.load(ref.id),
        },
        // Education holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: {
          __resolveReference: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
        },
      },
    ),
};
