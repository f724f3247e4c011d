import {
  defaultFieldResolver,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  isObjectType,
} from "graphql";
import { Extensions } from "type-graphql";
import { fieldName, operationName } from "../auth/auth-checker";
import type { SubgraphContext } from "../context";
import { DataCategory } from "./access-matrix";

/** Who a value is about, from the object it hangs on: one person, several (a household), or none. */
export type PersonOf = (
  root: any,
  ctx: SubgraphContext<any>,
  args: Record<string, any>,
) => string | null | readonly string[] | Promise<string | null | readonly string[]>;

/**
 * A field's (or a whole type's) declared data category, read from the schema:
 * - `category`: one of access.md's categories, or NONE for facts about no
 *   person (a site's name, a page's cursor, a rate table);
 * - `person`: who the value is about (from the parent object, or from a root
 *   field's arguments); the check and the audit line follow from it. Without
 *   it, purpose and role are checked before the resolver runs, and what the
 *   field returns is checked by its own fields.
 * - `scopedBy: "resolver"`: the resolver filters by own scope itself (lists)
 *   or checks the person it writes to; the category still binds purpose and role.
 */
export interface DataCategoryDeclaration {
  category: DataCategory | "NONE";
  person?: PersonOf;
  /**
   * A record that is the caller's own by itself (an enrolment at the caller's
   * school, after the child left): readable by an "own" grant even when the
   * person no longer is. Purpose and role are still checked; the read is audited.
   */
  ownRecord?: (root: any, ctx: SubgraphContext<any>) => boolean;
  scopedBy?: "resolver";
  /**
   * Checks a root field as this action instead of its own (a mutation that
   * hands scope over, granted to those with full read access): say why.
   */
  action?: "READ" | "WRITE";
  /** For NONE: why it reveals nothing about a person, for a reviewer. */
  reason?: string;
}

const KEY = "dataCategory";

/** The root object is the person (Person's own fields). */
export const THE_PERSON: PersonOf = (root) => root?.id ?? null;

/**
 * Declares the data category of a field, or the default of every field of a
 * type; checks and audit follow from it (see enforceDataCategories).
 */
export function Personal(
  category: DataCategory,
  options: Omit<DataCategoryDeclaration, "category" | "reason"> = {},
): MethodDecorator & PropertyDecorator & ClassDecorator {
  const declaration: DataCategoryDeclaration = { category, ...options };
  return Extensions({ [KEY]: declaration }) as MethodDecorator & PropertyDecorator & ClassDecorator;
}

/** Declares that a field (or every field of a type) reveals nothing about a person, and why. */
export function NotPersonal(reason: string): MethodDecorator & PropertyDecorator & ClassDecorator {
  const declaration: DataCategoryDeclaration = { category: "NONE", reason };
  return Extensions({ [KEY]: declaration }) as MethodDecorator & PropertyDecorator & ClassDecorator;
}

export function declarationOf(extensions: unknown): DataCategoryDeclaration | undefined {
  return (extensions as Record<string, DataCategoryDeclaration> | null | undefined)?.[KEY];
}

/** A field's declaration: its own, else its type's. */
export function effectiveDeclaration(type: GraphQLObjectType, field: string): DataCategoryDeclaration | undefined {
  return declarationOf(type.getFields()[field]?.extensions) ?? declarationOf(type.extensions);
}

function asList(who: string | null | readonly string[]): (string | null)[] {
  if (who === null) return [null];
  return typeof who === "string" ? [who] : who.length ? [...who] : [null];
}

function guard(
  declaration: DataCategoryDeclaration,
  action: "READ" | "WRITE",
  onPerson: boolean,
  resolve: GraphQLFieldResolver<unknown, SubgraphContext<any>>,
  nested: boolean,
): GraphQLFieldResolver<unknown, SubgraphContext<any>> {
  const category = declaration.category as DataCategory;
  if (!declaration.person) {
    // Purpose and role only: the resolver (or the fields of what it returns) look at the people. A field of
    // Person is about that person even so: a refusal's audit line names them.
    return (source, args, ctx, info) => {
      const about = onPerson ? ((source as { id?: string } | null)?.id ?? null) : null;
      ctx.access.authorizeCategory({
        category,
        action,
        personId: about,
        field: fieldName(info),
        operation: operationName(ctx, info),
        nested,
      });
      return resolve(source, args, ctx, info);
    };
  }
  const personOf = declaration.person;
  const ownRecord = declaration.ownRecord;
  const check = async (source: unknown, args: unknown, ctx: SubgraphContext<any>, info: GraphQLResolveInfo) => {
    const people = asList(await personOf(source, ctx, args as Record<string, any>));
    const field = fieldName(info);
    const operation = operationName(ctx, info);
    const viaRecord = !!ownRecord && ownRecord(source, ctx);
    await Promise.all(
      people.map((personId) =>
        viaRecord
          ? ctx.access.authorizeOwnRecord({ category, action, personId, field, operation })
          : ctx.access.authorize({ category, action, personId, field, operation }),
      ),
    );
  };
  return async (source, args, ctx, info) => {
    // Followed to its end even if the response leaves first, so that every attempt leaves its audit line.
    await ctx.access.track(check(source, args, ctx, info));
    return resolve(source, args, ctx, info);
  };
}

/**
 * Wraps the resolvers of a type-graphql schema's resolver map so that every
 * field with a personal category is checked and audited as declared. Fields
 * declared NONE, and fields of undeclared types, are left as they are (the
 * declared-category test fails on the latter).
 */
export function enforceDataCategories(schema: GraphQLSchema, resolvers: Record<string, any>): void {
  const mutation = schema.getMutationType()?.name;
  const roots = new Set([schema.getQueryType()?.name, mutation, schema.getSubscriptionType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const declaration = effectiveDeclaration(type, name);
      if (!declaration || declaration.category === "NONE") continue;
      const action = type.name === mutation ? "WRITE" : "READ";
      const map = (resolvers[type.name] ??= {});
      const resolve =
        (map[name] as GraphQLFieldResolver<unknown, any> | undefined) ?? field.resolve ?? defaultFieldResolver;
      map[name] = guard(
        declaration,
        declaration.action ?? action,
        type.name === "Person",
        resolve,
        !roots.has(type.name),
      );
    }
  }
}

/** Copies the declarations onto the rebuilt subgraph schema, where tests and tools read them. */
export function copyDeclarations(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!isObjectType(type) || !isObjectType(target)) continue;
    const typeDeclaration = declarationOf(type.extensions);
    if (typeDeclaration)
      (target as { extensions: object }).extensions = { ...target.extensions, [KEY]: typeDeclaration };
    const targetFields = target.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const declaration = declarationOf(field.extensions);
      if (declaration && targetFields[name]) {
        (targetFields[name] as { extensions: object }).extensions = {
          ...targetFields[name].extensions,
          [KEY]: declaration,
        };
      }
    }
  }
}
