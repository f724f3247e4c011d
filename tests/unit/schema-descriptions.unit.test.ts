// Scenario: a coordinator opens the gateway's schema (GraphiQL, a client generator, the committed
// schema/supergraph.graphql) and reads what each element means without opening the code. Every
// element of the public schema must therefore carry a description: types (scalars included),
// fields, arguments, input fields and enum values. The public schema is the committed supergraph
// minus what the gateway hides: elements marked @inaccessible and the federation plumbing
// (_Service, _Any, _Entity, _entities, _service, join__*, link__*). The test lists every element
// that still lacks a description.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type StringValueNode,
} from "graphql";

const supergraph = readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");

const PLUMBING_TYPES = new Set(["_Service", "_Any", "_Entity"]);
const PLUMBING_FIELDS = new Set(["_entities", "_service"]);

const isPlumbing = (name: string) => PLUMBING_TYPES.has(name) || name.startsWith("join__") || name.startsWith("link__");
const hidden = (directives: readonly ConstDirectiveNode[] | undefined) =>
  (directives ?? []).some((d) => d.name.value === "inaccessible");
const described = (description: StringValueNode | undefined) => (description?.value.trim() ?? "") !== "";

/** Every public element without a description, as Type, Type.field, Type.field(arg:) or Enum.VALUE. */
export function undescribed(sdl: string): string[] {
  const missing: string[] = [];
  const args = (owner: string, list: readonly InputValueDefinitionNode[] | undefined) => {
    for (const arg of list ?? []) {
      if (!hidden(arg.directives) && !described(arg.description)) missing.push(`${owner}(${arg.name.value}:)`);
    }
  };
  const fields = (type: string, list: readonly FieldDefinitionNode[] | undefined) => {
    for (const field of list ?? []) {
      if (hidden(field.directives) || PLUMBING_FIELDS.has(field.name.value)) continue;
      const name = `${type}.${field.name.value}`;
      if (!described(field.description)) missing.push(name);
      args(name, field.arguments);
    }
  };
  for (const def of parse(sdl).definitions as readonly DefinitionNode[]) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION: {
        const type = def.name.value;
        if (isPlumbing(type) || hidden(def.directives)) continue;
        if (!described(def.description)) missing.push(type);
        if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION) {
          fields(type, def.fields);
        } else if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
          for (const field of def.fields ?? []) {
            if (!hidden(field.directives) && !described(field.description)) missing.push(`${type}.${field.name.value}`);
          }
        } else if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
          for (const value of def.values ?? []) {
            if (!hidden(value.directives) && !described(value.description)) missing.push(`${type}.${value.name.value}`);
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return missing;
}

test("the checker sees a missing description on each kind of public element, and skips hidden ones", () => {
  const sdl = `
    directive @inaccessible on FIELD_DEFINITION | OBJECT | ENUM_VALUE | ARGUMENT_DEFINITION
    scalar Date
    "A thing." type Thing { a(x: Int, "Why." y: Int): Int "B." b: Int @inaccessible }
    type Secret @inaccessible { a: Int }
    input In { f: Int }
    "E." enum E { A "B." B C @inaccessible }
    type _Service { sdl: String }
    scalar join__FieldSet
  `;
  expect(undescribed(sdl)).toEqual(["Date", "Thing.a", "Thing.a(x:)", "In", "In.f", "E.A"]);
});

test("every public element of the supergraph has a description for the coordinators", () => {
  expect(undescribed(supergraph)).toEqual([]);
});
