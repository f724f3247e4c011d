import { ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { DataCategory } from "./access/access-matrix";
import { NotPersonal, Personal } from "./access/data-category";

/** Largest page a client may ask for (graph.md: `first` capped at 100). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

@ObjectType({ description: "Where a page of a list stands: is there more, and the cursor to continue after." })
@Directive("@shareable")
@NotPersonal("position in a list; the list's own field declares what the list reveals")
export class PageInfo {
  @Field({ description: "True when another page follows this one." })
  hasNextPage: boolean;

  @Field({ description: "True when this page does not start at the beginning of the list." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of this page." })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last item: pass it as `after` for the next page.",
  })
  endCursor: string | null;
}

export interface EdgeShape<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: EdgeShape<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` object types for a node type;
 * a page of people carries the category of its nodes (its count and cursors
 * say who is in the list).
 */
export function ConnectionType<T extends object>(
  name: string,
  nodeType: ClassType<T>,
  description: string,
  category: DataCategory | "NONE",
) {
  const declare =
    category === "NONE" ? NotPersonal(`a page of ${name} items, which are about no person`) : Personal(category);
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  @declare
  class Edge implements EdgeShape<T> {
    @Field({ description: "Opaque position of this item; pass it as `after` to continue from here." })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name} itself.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  @declare
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: `The ${name} items of this page, each with its cursor, in the list's order.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Whether more pages follow, and the cursors to ask for them." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list (all pages), with the same filter." })
    totalCount: number;
  }
  return Connection;
}
