import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, isIntrospectionType, type GraphQLSchema } from 'graphql';

/**
 * Every place of the public schema a client sees documentation for (issue 21, "Descriptions"): types, fields,
 * arguments, input fields and enum values, each in the house form `中文说明 | English description`.
 */

/** Federation internals a consumer of the schema cannot change; everything else needs a description. */
const FEDERATION_INTERNALS = new Set(['_Service', '_Entity', '_Any', 'FieldSet', 'link__Import', '_service', '_entities']);

/** Both halves present: some Chinese before the `|`, some Latin text after it. */
export function isBilingual(description: string | null | undefined): boolean {
  if (!description) return false;
  const bar = description.indexOf('|');
  if (bar < 0) return false;
  const zh = description.slice(0, bar);
  const en = description.slice(bar + 1);
  return /[\u4e00-\u9fff]/.test(zh) && /[A-Za-z]/.test(en);
}

/** Paths (`Type`, `Type.field`, `Type.field(arg)`, `Enum.VALUE`) whose description is missing or not bilingual. */
export function missingDescriptions(sdl: string): string[] {
  const schema: GraphQLSchema = buildSchema(sdl, { assumeValidSDL: true });
  const missing: string[] = [];
  const check = (path: string, description: string | null | undefined) => {
    if (!isBilingual(description)) missing.push(path);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type) || FEDERATION_INTERNALS.has(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (FEDERATION_INTERNALS.has(field.name)) continue;
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing.sort();
}
