/** A JSON Schema (draft 2020-12) node, as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * Builders for the JSON Schemas oomcheck publishes (scenario, trace,
 * report): each node carries its description, and every object is closed
 * (`additionalProperties: false`) with every property required unless
 * named optional.
 */
export const schemaParts = {
  /** A reference to `#/$defs/NAME`. */
  ref: (name: string, description: string): JsonSchema => ({ $ref: `#/$defs/${name}`, description }),
  /** An integer of at least `minimum`. */
  int: (minimum: number, description: string): JsonSchema => ({ type: 'integer', minimum, description }),
  bool: (description: string): JsonSchema => ({ type: 'boolean', description }),
  str: (description: string): JsonSchema => ({ type: 'string', description }),
  /** A closed object: these properties, all required but the `optional` ones, no others. */
  closed: (description: string, properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema => ({
    type: 'object',
    description,
    properties,
    required: Object.keys(properties).filter((p) => !optional.includes(p)),
    additionalProperties: false,
  }),
};
